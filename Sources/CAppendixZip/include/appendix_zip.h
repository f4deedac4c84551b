// Appendix's zip layer under libxlsxwriter. Debian's libxlsxwriter 1.1.4 zips through five
// libminizip functions (zipOpen, zipOpenNewFileInZip4_64, zipWriteInFileInZip,
// zipCloseFileInZip, zipClose); this target defines them, so any executable that links it (the
// command, the test runner, a server) binds libxlsxwriter's references to these definitions
// instead of libminizip's. Entries are deflated in blocks (pigz-style: each block primed with
// the previous 32 KiB as dictionary and ended with a sync flush, CRC-32s joined with
// crc32_combine) on up to `threads` threads. The output bytes do not depend on the thread count.
//
// The system libminizip stays reachable: a workbook whose settings say APPENDIX_ZIP_SYSTEM, or
// any workbook while the environment variable APPENDIX_ZIP=system is set, is forwarded to
// libminizip's own functions (found with dlsym(RTLD_NEXT, ...)). APPENDIX_ZIP_THREADS=N (1-16)
// overrides the thread count of every zip (for measuring; builds pass their own count).
//
// Which layer wrote a file is visible in it: this layer writes the archive comment
// APPENDIX_ZIP_MARKER; libxlsxwriter passes no comment, so libminizip writes none.
#ifndef APPENDIX_ZIP_H
#define APPENDIX_ZIP_H

#include <stddef.h>
#include <stdint.h>

/// The archive comment of every zip this layer writes.
#define APPENDIX_ZIP_MARKER "Appendix zip layer"

/// Which code writes a zip.
enum appendix_zip_layer {
    APPENDIX_ZIP_APPENDIX = 0,  ///< this layer (parallel deflate)
    APPENDIX_ZIP_SYSTEM = 1,    ///< the system libminizip
};

/// How the zip for one output path is to be written; see appendix_zip_expect.
typedef struct appendix_zip_settings {
    int layer;             ///< an appendix_zip_layer
    int threads;           ///< deflate threads, 1 or more (values above 2 are allowed)
    uint64_t zip64_limit;  ///< sizes/offsets from which zip64 fields are written; 0 = 0xFFFFFFFF (tests lower it)
} appendix_zip_settings;

/// What happened to the zip of one output path; see appendix_zip_collect.
typedef struct appendix_zip_report {
    int opened;            ///< 1 if zipOpen was called for the path
    int layer;             ///< the layer that wrote it (after APPENDIX_ZIP is applied)
    int threads;           ///< deflate threads it could use
    int closed;            ///< 1 if zipClose completed without error
    int error;             ///< the first minizip-style error code returned, 0 if none
    int system_errno;      ///< errno of the first failed system call, 0 if none
    uint64_t entries;      ///< entries written (this layer only)
    uint64_t bytes_in;     ///< uncompressed bytes (this layer only)
    uint64_t bytes_out;    ///< bytes of the zip file (this layer only)
    double seconds_in_zip; ///< wall time spent inside the five functions, either layer
} appendix_zip_report;

/// Registers `settings` for the zip that libxlsxwriter will open at `path` (the file name given
/// to workbook_new). Call before workbook_close; pair with appendix_zip_collect.
/// Returns 0, or -1 if memory runs out (the zip is then written with the defaults).
int appendix_zip_expect(const char *path, const appendix_zip_settings *settings);

/// Takes the report for `path` and forgets the registration; frees the zip if libxlsxwriter
/// left it open (it does not call zipClose after a failed entry). Returns 1 if `path` was
/// registered, 0 if not.
int appendix_zip_collect(const char *path, appendix_zip_report *report);

/// The settings a zip gets without a registration: this layer (or APPENDIX_ZIP), one thread.
appendix_zip_settings appendix_zip_default_settings(void);

/// Writes a zip at `path` through the five functions, as libxlsxwriter calls them: one entry
/// `name` holding `data` (`length` bytes) `repeats` times, given in 16 KiB writes; `zip64` as
/// libxlsxwriter's use_zip64. For tests (a write failure, a 4 GiB entry without holding it).
/// Returns the first minizip error code, 0 on success; `report` is filled either way.
int appendix_zip_write_entry(const char *path, const appendix_zip_settings *settings, const char *name, const void *data,
                             size_t length, uint64_t repeats, int zip64, appendix_zip_report *report);

#endif
