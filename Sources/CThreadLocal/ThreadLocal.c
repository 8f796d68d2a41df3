#include "CThreadLocal.h"

_Thread_local int64_t tutor_heap_bytes = 0;
_Thread_local int64_t tutor_heap_limit = INT64_MAX;
_Thread_local int64_t tutor_print_bound = INT64_C(1) << 26;
_Thread_local int64_t tutor_print_left = 0;
_Thread_local int32_t tutor_print_depth = 0;
