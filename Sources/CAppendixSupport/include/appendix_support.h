// Two small C helpers for AppendixKit's Render stage:
// - zlib, for reading back the finished workbook (raw inflate and CRC-32);
// - a registry of temporary files that SIGINT/SIGTERM remove before the process dies.
#ifndef APPENDIX_SUPPORT_H
#define APPENDIX_SUPPORT_H

#include <stddef.h>
#include <zlib.h>

/// inflateInit2 for a raw deflate stream (as stored in a zip); the zlib macro does not import.
int appendix_inflate_init_raw(z_stream *stream);

/// How many times `needle` occurs (without overlaps) in `bytes`; memmem is a GNU extension
/// that Swift's Glibc module does not show.
size_t appendix_count_occurrences(const void *bytes, size_t length, const void *needle, size_t needle_length);

/// Remembers `path` so that SIGINT or SIGTERM unlink it; installs the handlers on first use
/// (only for signals whose disposition is still the default). Returns a slot for
/// `appendix_temporary_forget`, or -1 when every slot is taken (the file is then not cleaned up
/// on a signal, but everything else works).
int appendix_temporary_remember(const char *path);

/// Forgets a slot returned by `appendix_temporary_remember` (after the file was renamed or removed).
void appendix_temporary_forget(int slot);

#endif
