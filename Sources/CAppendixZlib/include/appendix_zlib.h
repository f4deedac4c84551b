// zlib for reading zip packages (raw inflate and CRC-32): the AppendixZip target only, which
// Render's package check and the accessibility check both read through.
#ifndef APPENDIX_ZLIB_H
#define APPENDIX_ZLIB_H

#include <zlib.h>

/// inflateInit2 for a raw deflate stream (as stored in a zip); the zlib macro does not import.
int appendix_inflate_init_raw(z_stream *stream);

#endif
