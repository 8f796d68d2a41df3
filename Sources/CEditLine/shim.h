#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <histedit.h>
#include <editline/readline.h>

/* Reads keys through `getc_fn` and leaves signals to the program: the line editor waits
   for keys with a timeout (the LFE runtime runs meanwhile) and turns Ctrl-C into a
   cleared line. Call before the first use of the readline interface. */
static inline void tutor_editline_prepare(int (*getc_fn)(FILE *)) {
  rl_catch_signals = 0;
  rl_getc_function = getc_fn;
}

/* Draws the prompt and the line being typed again, from the cursor's line. */
static inline void tutor_editline_redraw(void) { rl_forced_update_display(); }

/* Installs `handler` for `signo` without SA_RESTART, so a wait for keys wakes up. */
static inline int tutor_install_signal_handler(int signo, void (*handler)(int)) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  return sigaction(signo, &action, NULL);
}
