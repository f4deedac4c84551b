#include "appendix_command.h"

#include <malloc.h>

void appendix_keep_freed_heap(void) {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
}
