#ifndef TUTOR_THREAD_LOCAL_H
#define TUTOR_THREAD_LOCAL_H

#include <stdint.h>

/* Per-thread counters of the LFE runtime, reached in one instruction: Swift has no
   thread-locals of its own, and a pthread key costs a call where these are touched
   for every list cell made and freed, or every term printed. A runtime's terms never
   leave the thread that runs it, so per thread is per runtime. */

/* The bytes the runtime's terms and processes hold, and the bound on them
   (HeapAccount.swift). */
extern _Thread_local int64_t tutor_heap_bytes;
extern _Thread_local int64_t tutor_heap_limit;

static inline void tutor_heap_add(int64_t bytes) { tutor_heap_bytes += bytes; }
static inline int64_t tutor_heap_held(void) { return tutor_heap_bytes; }
static inline int64_t tutor_heap_bound(void) { return tutor_heap_limit; }
static inline void tutor_heap_set_bound(int64_t bytes) { tutor_heap_limit = bytes; }

/* The terms one printing may visit, the terms the one under way may still visit, and
   how many printings are under way (PrintBudget.swift). */
extern _Thread_local int64_t tutor_print_bound;
extern _Thread_local int64_t tutor_print_left;
extern _Thread_local int32_t tutor_print_depth;

static inline void tutor_print_set_bound(int64_t nodes) { tutor_print_bound = nodes; }
static inline int64_t tutor_print_get_bound(void) { return tutor_print_bound; }
static inline void tutor_print_begin(void) {
  if (tutor_print_depth++ == 0) tutor_print_left = tutor_print_bound;
}
static inline void tutor_print_end(void) { tutor_print_depth--; }
static inline int tutor_print_spend(void) { return tutor_print_depth > 0 && --tutor_print_left < 0; }

#endif
