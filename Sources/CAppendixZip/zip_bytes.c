// A growable byte buffer for headers and the central directory.
#include <stdlib.h>
#include <string.h>

#include "zip_internal.h"

int az_bytes_append(az_bytes *bytes, const void *data, size_t length) {
    if (bytes->length + length > bytes->capacity) {
        size_t capacity = bytes->capacity ? bytes->capacity : 256;
        while (capacity < bytes->length + length) capacity *= 2;
        unsigned char *grown = realloc(bytes->data, capacity);
        if (!grown) return -1;
        bytes->data = grown;
        bytes->capacity = capacity;
    }
    if (length) memcpy(bytes->data + bytes->length, data, length);
    bytes->length += length;
    return 0;
}

int az_bytes_put(az_bytes *bytes, uint64_t value, int width) {
    unsigned char little[8];
    for (int index = 0; index < width; index++) little[index] = (unsigned char)(value >> (8 * index));
    return az_bytes_append(bytes, little, (size_t)width);
}

void az_bytes_free(az_bytes *bytes) {
    free(bytes->data);
    *bytes = (az_bytes){0};
}
