// Small C helpers for the Render stage: counting occurrences of a byte string. (zlib, for reading
// the finished workbook back, is CAppendixZlib's, under AppendixZip.)
#ifndef APPENDIX_SUPPORT_H
#define APPENDIX_SUPPORT_H

#include <stddef.h>

/// How many times `needle` occurs (without overlaps) in `bytes`; memmem is a GNU extension
/// that Swift's Glibc module does not show.
size_t appendix_count_occurrences(const void *bytes, size_t length, const void *needle, size_t needle_length);

#endif
