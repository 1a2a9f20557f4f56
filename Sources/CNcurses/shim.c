#include "shim.h"

#include <langinfo.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// 1 while curses owns the terminal; read by the signal handlers and the atexit hook.
static volatile sig_atomic_t ll_active = 0;
static int ll_hooks_installed = 0;
static SCREEN *ll_screen = NULL;

static int ll_is_utf8(void) {
  const char *cs = nl_langinfo(CODESET);
  return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

int ll_setup_locale(void) {
  setlocale(LC_ALL, "");
  if (ll_is_utf8()) return 1;
  if (setlocale(LC_CTYPE, "C.UTF-8") != NULL && ll_is_utf8()) return 1;
  if (setlocale(LC_CTYPE, "en_US.UTF-8") != NULL && ll_is_utf8()) return 1;
  return 0;
}

int ll_start(int raw_mode) {
  if (ll_active) return 0;
  if (ll_screen == NULL) {
    ll_screen = newterm(NULL, stdout, stdin);
    if (ll_screen == NULL) return -1;
  } else {
    // Coming back after ll_stop: a refresh resumes curses mode.
    set_term(ll_screen);
    refresh();
  }
  set_term(ll_screen);
  if (raw_mode) raw(); else cbreak();
  noecho();
  nonl();
  keypad(stdscr, TRUE);
  intrflush(stdscr, FALSE);
  // Esc alone answers in 25 ms, unless $ESCDELAY (read by ncurses, as in vim and mutt) says
  // otherwise: over a slow link a mouse report or arrow key arrives in pieces, and a longer
  // delay keeps it whole.
  if (getenv("ESCDELAY") == NULL) set_escdelay(25);
  curs_set(0);
  leaveok(stdscr, FALSE);
  scrollok(stdscr, FALSE);
  // Graphemes placed by absolute position after a refresh (ll_place_text) must stay where they
  // were put: no shifting a line's characters sideways with insert/delete-character.
  idcok(stdscr, FALSE);
  ll_active = 1;
  return 0;
}

void ll_stop(void) {
  if (!ll_active) return;
  ll_active = 0;
  curs_set(1);
  endwin();
}

static void ll_at_exit(void) { ll_stop(); }

void ll_suspend(void) {
  ll_stop();
  fflush(stdout);
  // The default action stops the process; curses' own handler would not hand the terminal
  // back the way ll_stop does. Execution continues here after SIGCONT.
  struct sigaction dfl, old;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(SIGTSTP, &dfl, &old);
  sigset_t set, was;
  sigemptyset(&set);
  sigaddset(&set, SIGTSTP);
  sigprocmask(SIG_UNBLOCK, &set, &was);
  raise(SIGTSTP);
  sigprocmask(SIG_SETMASK, &was, NULL);
  sigaction(SIGTSTP, &old, NULL);
}

static void ll_on_signal(int sig) {
  // endwin is not async-signal-safe in theory, but restoring the terminal is worth it here:
  // the process exits right after without returning to the interrupted code.
  if (ll_active) {
    ll_active = 0;
    endwin();
  }
  _exit(128 + sig);
}

// Handlers that were there before ours (the Swift runtime's crash reporter, for instance).
static const int ll_fault_signals[] = {SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE};
static struct sigaction ll_previous[65];

static void ll_on_fault(int sig) {
  // Give the terminal back so the crash report is readable, then let the previous handler
  // (or the default action) deal with the signal once this one returns.
  if (ll_active) {
    ll_active = 0;
    endwin();
  }
  sigaction(sig, &ll_previous[sig], NULL);
  raise(sig);
}

void ll_install_exit_handlers(void) {
  if (ll_hooks_installed) return;
  ll_hooks_installed = 1;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = ll_on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  struct sigaction fault;
  memset(&fault, 0, sizeof fault);
  fault.sa_handler = ll_on_fault;
  sigemptyset(&fault.sa_mask);
  for (size_t i = 0; i < sizeof ll_fault_signals / sizeof ll_fault_signals[0]; i++) {
    int sig = ll_fault_signals[i];
    sigaction(sig, &fault, &ll_previous[sig]);
  }
  atexit(ll_at_exit);
}

int ll_start_colors(void) {
  if (!has_colors()) return 0;
  if (start_color() == ERR) return 0;
  use_default_colors();
  return 1;
}

int ll_put(int y, int x, const char *utf8, unsigned int attr, int pair) {
  wchar_t small[256];
  wchar_t *buf = small;
  size_t cap = sizeof small / sizeof small[0];
  size_t len = strlen(utf8);
  if (len + 1 > cap) {
    buf = malloc((len + 1) * sizeof(wchar_t));
    if (buf == NULL) return ERR;
    cap = len + 1;
  }
  size_t n = mbstowcs(buf, utf8, cap);
  int rc = ERR;
  if (n != (size_t)-1) {
    wattr_set(stdscr, (attr_t)attr, (short)pair, NULL);
    // Writing the bottom-right cell reports ERR though the character is drawn; ignore that.
    rc = mvaddnwstr(y, x, buf, (int)n);
    wattr_set(stdscr, A_NORMAL, 0, NULL);
  }
  if (buf != small) free(buf);
  return rc;
}

int ll_get_key(int timeout_ms, int *is_key_code, unsigned int *wch) {
  wint_t ch = 0;
  wtimeout(stdscr, timeout_ms);
  int rc = wget_wch(stdscr, &ch);
  if (rc == ERR) return -1;
  *is_key_code = rc == KEY_CODE_YES;
  *wch = (unsigned int)ch;
  return 0;
}

int ll_wcwidth(unsigned int ch) { return wcwidth((wchar_t)ch); }

void ll_cursor(int visible, int y, int x) {
  if (visible) {
    wmove(stdscr, y, x);
    curs_set(1);
  } else {
    curs_set(0);
  }
}

void ll_force_clear(void) { clearok(curscr, TRUE); }

void ll_refresh(void) {
  wnoutrefresh(stdscr);
  doupdate();
}

#include <errno.h>
#include <poll.h>
#include <term.h>
#include <termios.h>
#include <time.h>

static long ll_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void ll_write_all(int fd, const char *s, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, s, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return;
    }
    s += w;
    n -= (size_t)w;
  }
}

// The column of a cursor position report "ESC [ row ; col R" in buf, or 0 when none is whole.
static int ll_report_column(const char *buf, size_t n) {
  for (size_t i = 0; i + 1 < n; i++) {
    if (buf[i] != 0x1b || buf[i + 1] != '[') continue;
    size_t j = i + 2;
    int row = 0, col = 0, digits = 0;
    while (j < n && buf[j] >= '0' && buf[j] <= '9') { row = row * 10 + (buf[j++] - '0'); digits++; }
    if (j >= n || buf[j] != ';' || digits == 0) continue;
    j++;
    digits = 0;
    while (j < n && buf[j] >= '0' && buf[j] <= '9') { col = col * 10 + (buf[j++] - '0'); digits++; }
    if (j < n && buf[j] == 'R' && digits > 0 && row > 0) return col;
  }
  return 0;
}

// The probe in flight: the tty modes to restore and when to stop waiting for the answer.
static struct termios ll_probe_saved;
static int ll_probe_active = 0;
static long ll_probe_deadline = 0;

static void ll_probe_finish(void) {
  if (!ll_probe_active) return;
  ll_probe_active = 0;
  static const char erase[] = "\r\x1b[K";
  ll_write_all(1, erase, sizeof erase - 1);
  tcsetattr(0, TCSANOW, &ll_probe_saved);
}

void ll_probe_start(int timeout_ms) {
  static int hooked = 0;
  if (ll_probe_active) return;
  if (tcgetattr(0, &ll_probe_saved) != 0) return;
  struct termios raw = ll_probe_saved;
  raw.c_lflag &= ~(ICANON | ECHO);
  raw.c_cc[VMIN] = 0;
  raw.c_cc[VTIME] = 0;
  if (tcsetattr(0, TCSANOW, &raw) != 0) return;
  // A program that exits before reading the answer still erases the probe and restores echo.
  if (!hooked) {
    hooked = 1;
    atexit(ll_probe_finish);
  }
  ll_probe_active = 1;
  ll_probe_deadline = ll_now_ms() + timeout_ms;
  // U+25BD, the character vim's t_u7 request uses: Ambiguous, and in every CJK font.
  static const char probe[] = "\r\xe2\x96\xbd\x1b[6n";
  ll_write_all(1, probe, sizeof probe - 1);
}

int ll_probe_pending(void) { return ll_probe_active; }

int ll_probe_result(void) {
  if (!ll_probe_active) return 0;
  char buf[64];
  size_t n = 0;
  int col = 0;
  while (col == 0 && n < sizeof buf) {
    // Past the deadline, an answer that already arrived is still read.
    long left = ll_probe_deadline - ll_now_ms();
    struct pollfd p = {.fd = 0, .events = POLLIN};
    int r = poll(&p, 1, left > 0 ? (int)left : 0);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    ssize_t got = read(0, buf + n, sizeof buf - n);
    if (got <= 0) break;
    n += (size_t)got;
    col = ll_report_column(buf, n);
  }
  ll_probe_finish();
  // The probe started in column 1: the cursor is in column 2 after one cell, 3 after two.
  if (col == 3) return 2;
  if (col == 2) return 1;
  return 0;
}

int ll_probe_ambiguous(int timeout_ms) {
  ll_probe_start(timeout_ms);
  return ll_probe_result();
}

int ll_term_can_address(void) {
  int err = 0;
  TERMINAL *saved = cur_term;
  if (setupterm(NULL, 1, &err) != OK) return -1;
  const char *cup = tigetstr("cup");
  int ok = cup != NULL && cup != (char *)-1;
  TERMINAL *probe = cur_term;
  set_curterm(saved);
  if (probe != saved) del_curterm(probe);
  return ok;
}

void ll_redraw_line(int y) { wredrawln(stdscr, y, 1); }

// Bytes for the terminal written after curses' own refresh, sent in one write.
static char *ll_placed = NULL;
static size_t ll_placed_len = 0, ll_placed_cap = 0;

static int ll_place_putc(int c) {
  if (ll_placed_len == ll_placed_cap) {
    size_t cap = ll_placed_cap ? ll_placed_cap * 2 : 4096;
    char *p = realloc(ll_placed, cap);
    if (p == NULL) return EOF;
    ll_placed = p;
    ll_placed_cap = cap;
  }
  ll_placed[ll_placed_len++] = (char)c;
  return c;
}

static void ll_place_move(int y, int x) {
  const char *cup = tigetstr("cup");
  if (cup == NULL || cup == (char *)-1) return;
  tputs(tiparm(cup, y, x), 1, ll_place_putc);
}

void ll_place_text(int y, int x, const char *utf8, unsigned int attr, int pair) {
  ll_place_move(y, x);
  // vid_puts keeps curses' record of the terminal's attributes, so its next refresh starts
  // from the truth.
  vid_puts((attr_t)attr, (short)pair, NULL, ll_place_putc);
  for (const char *p = utf8; *p; p++) ll_place_putc((unsigned char)*p);
}

void ll_place_end(void) {
  vid_puts(A_NORMAL, 0, NULL, ll_place_putc);
  ll_place_move(getcury(curscr), getcurx(curscr));
  ll_write_all(1, ll_placed, ll_placed_len);
  ll_placed_len = 0;
}

int ll_mouse_enable(void) {
  // Raw presses and releases (no click timing, which would hold every event back), and the
  // wheel, which xterm reports as buttons 4 and 5.
  mmask_t want = BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED;
  mouseinterval(0);
  // Off first: after endwin (a suspend) curses still thinks the terminal reports, and would
  // not ask again.
  mousemask(0, NULL);
  return mousemask(want, NULL) != 0 ? 1 : 0;
}

int ll_mouse_event(int *x, int *y, int *kind) {
  MEVENT e;
  if (getmouse(&e) != OK) return -1;
  *x = e.x;
  *y = e.y;
  if (e.bstate & BUTTON4_PRESSED) *kind = 3;
  else if (e.bstate & BUTTON5_PRESSED) *kind = 4;
  // A press and its release read in one go (a busy machine) can come back merged as a click.
  else if (e.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)) *kind = 1;
  else if (e.bstate & BUTTON1_RELEASED) *kind = 2;
  else return -1;
  return 0;
}
