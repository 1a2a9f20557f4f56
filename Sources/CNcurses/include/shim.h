#ifndef LIULIANG_CNCURSES_SHIM_H
#define LIULIANG_CNCURSES_SHIM_H

// Wide-character curses: these must come before the first ncurses header.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <ncursesw/curses.h>

// Swift sees neither C globals such as stdscr nor macros such as A_BOLD or KEY_UP, so every one
// the terminal needs is wrapped in a function.

static inline WINDOW *ll_stdscr(void) { return stdscr; }
static inline int ll_lines(void) { return stdscr ? getmaxy(stdscr) : 0; }
static inline int ll_cols(void) { return stdscr ? getmaxx(stdscr) : 0; }

static inline unsigned int ll_attr_normal(void) { return (unsigned int)A_NORMAL; }
static inline unsigned int ll_attr_bold(void) { return (unsigned int)A_BOLD; }
static inline unsigned int ll_attr_reverse(void) { return (unsigned int)A_REVERSE; }
static inline unsigned int ll_attr_underline(void) { return (unsigned int)A_UNDERLINE; }
static inline unsigned int ll_attr_dim(void) { return (unsigned int)A_DIM; }
static inline unsigned int ll_color_pair(int n) { return (unsigned int)COLOR_PAIR(n); }

static inline short ll_color_default(void) { return -1; }
static inline short ll_color_black(void) { return COLOR_BLACK; }
static inline short ll_color_red(void) { return COLOR_RED; }
static inline short ll_color_green(void) { return COLOR_GREEN; }
static inline short ll_color_yellow(void) { return COLOR_YELLOW; }
static inline short ll_color_blue(void) { return COLOR_BLUE; }
static inline short ll_color_magenta(void) { return COLOR_MAGENTA; }
static inline short ll_color_cyan(void) { return COLOR_CYAN; }
static inline short ll_color_white(void) { return COLOR_WHITE; }

static inline int ll_ok(void) { return OK; }
static inline int ll_err(void) { return ERR; }
static inline int ll_key_code_yes(void) { return KEY_CODE_YES; }

static inline int ll_key_up(void) { return KEY_UP; }
static inline int ll_key_down(void) { return KEY_DOWN; }
static inline int ll_key_left(void) { return KEY_LEFT; }
static inline int ll_key_right(void) { return KEY_RIGHT; }
static inline int ll_key_npage(void) { return KEY_NPAGE; }
static inline int ll_key_ppage(void) { return KEY_PPAGE; }
static inline int ll_key_home(void) { return KEY_HOME; }
static inline int ll_key_end(void) { return KEY_END; }
static inline int ll_key_btab(void) { return KEY_BTAB; }
static inline int ll_key_dc(void) { return KEY_DC; }
static inline int ll_key_backspace(void) { return KEY_BACKSPACE; }
static inline int ll_key_enter(void) { return KEY_ENTER; }
static inline int ll_key_resize(void) { return KEY_RESIZE; }
static inline int ll_key_f0(void) { return KEY_F0; }
static inline int ll_key_mouse(void) { return KEY_MOUSE; }

/// Sets the locale from the environment, falling back to C.UTF-8 when that is not UTF-8, so
/// wide characters reach the terminal. Returns 1 when the result is a UTF-8 locale.
int ll_setup_locale(void);

/// Starts curses on stdin/stdout; returns 0 on success, -1 when the terminal cannot be used.
int ll_start(int raw_mode);

/// Ends curses mode if it is on; safe to call more than once and from a signal handler path.
void ll_stop(void);

/// Asks the terminal to report the mouse (xterm's SGR mode where terminfo knows it); 1 when
/// curses could turn it on.
int ll_mouse_enable(void);

/// The mouse event behind a KEY_MOUSE: cell x, y and kind 1 press, 2 release, 3 wheel up,
/// 4 wheel down. Returns -1 for an event that means nothing here.
int ll_mouse_event(int *x, int *y, int *kind);

/// Gives the terminal back and stops the process with SIGTSTP (its default action), as the
/// shell's Ctrl-Z would; returns once the shell continues it (`fg`). ll_start takes the
/// screen again.
void ll_suspend(void);

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that restore the terminal and exit with
/// 128 + signal, handlers for crash signals that restore it and pass the signal on, and an
/// atexit hook doing the same restore.
void ll_install_exit_handlers(void);

/// Starts colours with the terminal's default background; returns 1 when colours are usable.
int ll_start_colors(void);

/// Writes UTF-8 text at row y, column x with the given attributes and colour pair.
int ll_put(int y, int x, const char *utf8, unsigned int attr, int pair);

/// Reads one key waiting at most timeout_ms (negative waits forever). Returns 0 with *wch set
/// and *is_key_code telling a KEY_* code from a character, or -1 when nothing came.
int ll_get_key(int timeout_ms, int *is_key_code, unsigned int *wch);

/// Columns the C library gives a code point (-1 for non-printable).
int ll_wcwidth(unsigned int ch);

/// Shows (1) or hides (0) the cursor and moves it to row y, column x.
void ll_cursor(int visible, int y, int x);

/// Makes the next refresh repaint the whole screen.
void ll_force_clear(void);

/// Copies stdscr to the screen.
void ll_refresh(void);

#endif

/// Asks the terminal, before curses starts, how wide it draws an East Asian "Ambiguous"
/// character: writes one at the start of the line, requests the cursor position (ESC [6n) and
/// waits at most `timeout_ms` for the answer, then erases the line and restores the tty modes.
/// Returns 2 (two cells), 1 (one cell) or 0 (no answer, or one that cannot be read).
int ll_probe_ambiguous(int timeout_ms);

/// The same probe in two halves, so the program can do other work while the answer travels:
/// `ll_probe_start` writes the request (and restores the tty at exit if nothing reads it),
/// `ll_probe_result` waits out the rest of the time and answers as `ll_probe_ambiguous`;
/// `ll_probe_pending` is 1 between the two.
void ll_probe_start(int timeout_ms);
int ll_probe_result(void);
int ll_probe_pending(void);

/// 1 when $TERM names a terminal whose cursor can be addressed (terminfo `cup`), 0 when it
/// cannot (`dumb`), -1 when terminfo does not know it.
int ll_term_can_address(void);

/// Makes curses repaint row `y` whole on the next refresh instead of trusting what it drew.
void ll_redraw_line(int y);

/// Writing past curses, after a refresh, for graphemes placed by absolute position:
/// `ll_place_text` moves to row y, column x and writes UTF-8 text in the given attributes;
/// `ll_place_end` restores plain attributes and the cursor where curses left it, and sends it all.
void ll_place_text(int y, int x, const char *utf8, unsigned int attr, int pair);
void ll_place_end(void);
