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
  set_escdelay(25);
  curs_set(0);
  leaveok(stdscr, FALSE);
  scrollok(stdscr, FALSE);
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
