#define _GNU_SOURCE
#include "appendix_support.h"

#include <string.h>

size_t appendix_count_occurrences(const void *bytes, size_t length, const void *needle, size_t needle_length) {
    size_t found = 0;
    const char *position = bytes, *end = (const char *)bytes + length;
    const char *match;
    while (needle_length > 0 && (size_t)(end - position) >= needle_length
           && (match = memmem(position, (size_t)(end - position), needle, needle_length)) != NULL) {
        found++;
        position = match + needle_length;
    }
    return found;
}
