// Small C helpers for the Render stage: zlib, for reading back the finished workbook (raw inflate
// and CRC-32), and counting occurrences of a byte string.
#ifndef APPENDIX_SUPPORT_H
#define APPENDIX_SUPPORT_H

#include <stddef.h>
#include <zlib.h>

/// inflateInit2 for a raw deflate stream (as stored in a zip); the zlib macro does not import.
int appendix_inflate_init_raw(z_stream *stream);

/// How many times `needle` occurs (without overlaps) in `bytes`; memmem is a GNU extension
/// that Swift's Glibc module does not show.
size_t appendix_count_occurrences(const void *bytes, size_t length, const void *needle, size_t needle_length);

#endif
