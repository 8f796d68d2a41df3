#include "CHeapCounter.h"

_Thread_local int64_t tutor_heap_bytes = 0;
_Thread_local int64_t tutor_heap_limit = INT64_MAX;
