// The appendix command's process settings (the command only: the library leaves the process
// that uses it alone).
#ifndef APPENDIX_COMMAND_H
#define APPENDIX_COMMAND_H

/// Sets glibc's allocator as its own dynamic thresholds end up once it has freed a 32 MiB
/// block — up to 32 MiB served from the heap, the heap trimmed only above 64 MiB free — from
/// the start. With the 128 KiB defaults it gave back the pages of each zip part's zlib state
/// (libxlsxwriter allocates and frees ~270 KiB per part) and faulted them in again for the
/// next part: 165 of a 40-row build's 1,110 page faults, about 0.5 ms.
void appendix_keep_freed_heap(void);

#endif
