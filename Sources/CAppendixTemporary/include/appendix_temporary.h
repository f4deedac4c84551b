// The Data stage's registry of temporary files (external-sort spill files, staged workbooks)
// that SIGINT/SIGTERM remove before the process dies.
#ifndef APPENDIX_TEMPORARY_H
#define APPENDIX_TEMPORARY_H

/// Remembers `path` so that SIGINT or SIGTERM unlink it; installs the handlers on first use
/// (only for signals whose disposition is still the default). Returns a slot for
/// `appendix_temporary_forget`, or -1 when every slot is taken (the file is then not cleaned up
/// on a signal, but everything else works).
int appendix_temporary_remember(const char *path);

/// Forgets a slot returned by `appendix_temporary_remember` (after the file was renamed or removed).
void appendix_temporary_forget(int slot);

#endif
