#ifndef TODO_CHAT_CEDITLINE_SHIM_H
#define TODO_CHAT_CEDITLINE_SHIM_H
#include <stdio.h>
#include <editline/readline.h>
#endif
