#ifndef TODO_CHAT_CNCURSES_SHIM_H
#define TODO_CHAT_CNCURSES_SHIM_H

// Wide-character curses: these must be defined before the header is read.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <termios.h>
#include <ncursesw/curses.h>

// Swift's Glibc module hides these; ncurses counts cells with them, so must we.
extern int wcwidth(wchar_t c);
extern int wcswidth(const wchar_t *s, size_t n);

// Macros and mutable globals Swift cannot use directly.
static inline WINDOW *tc_stdscr(void) { return stdscr; }
static inline int tc_lines(void) { return LINES; }
static inline int tc_cols(void) { return COLS; }
static inline int tc_key_f(int n) { return KEY_F(n); }

// tiparm is variadic, so Swift cannot call it: a terminfo string with one or two parameters filled in.
static inline const char *tc_tiparm1(const char *cap, int a) { return tiparm(cap, a); }
static inline const char *tc_tiparm2(const char *cap, int a, int b) { return tiparm(cap, a, b); }

// ioctl is variadic, so Swift cannot call it: the window size of a terminal, 0 on success.
static inline int tc_get_winsize(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

static inline int tc_set_winsize(int fd, int rows, int cols) {
    struct winsize ws = {0};
    ws.ws_row = (unsigned short)rows;
    ws.ws_col = (unsigned short)cols;
    return ioctl(fd, TIOCSWINSZ, &ws);
}

#endif
