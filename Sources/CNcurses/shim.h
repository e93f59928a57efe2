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
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift's Glibc module hides these; ncurses counts cells with them, so must we.
extern int wcwidth(wchar_t c);
extern int wcswidth(const wchar_t *s, size_t n);

// Macros and mutable globals Swift cannot use directly.
static inline WINDOW *tc_stdscr(void) { return stdscr; }
static inline int tc_lines(void) { return LINES; }
static inline int tc_cols(void) { return COLS; }
static inline int tc_maxy(WINDOW *w) { return getmaxy(w); }
static inline int tc_maxx(WINDOW *w) { return getmaxx(w); }
static inline int tc_key_f(int n) { return KEY_F(n); }

static inline attr_t tc_a_normal(void) { return A_NORMAL; }
static inline attr_t tc_a_bold(void) { return A_BOLD; }
static inline attr_t tc_a_dim(void) { return A_DIM; }
static inline attr_t tc_a_reverse(void) { return A_REVERSE; }
static inline attr_t tc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tc_a_standout(void) { return A_STANDOUT; }

#endif
