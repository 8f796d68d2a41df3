#ifndef TUTOR_HEAP_COUNTER_H
#define TUTOR_HEAP_COUNTER_H

#include <stdint.h>

/* The LFE runtime's count of the bytes its terms and processes hold on this thread,
   and the bound on it (HeapAccount.swift). A C thread-local is reached in one
   instruction; Swift has no thread-locals of its own, and a pthread key costs a call
   on every list cell made and freed. */
extern _Thread_local int64_t tutor_heap_bytes;
extern _Thread_local int64_t tutor_heap_limit;

static inline void tutor_heap_add(int64_t bytes) { tutor_heap_bytes += bytes; }
static inline int64_t tutor_heap_held(void) { return tutor_heap_bytes; }
static inline int64_t tutor_heap_bound(void) { return tutor_heap_limit; }
static inline void tutor_heap_set_bound(int64_t bytes) { tutor_heap_limit = bytes; }

#endif
