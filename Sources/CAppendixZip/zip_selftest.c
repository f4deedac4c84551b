// appendix_zip_write_entry: the five functions called the way libxlsxwriter's packager calls
// them (zipOpen, one zipOpenNewFileInZip4_64 with its arguments, 16 KiB writes, close).
#include <string.h>

#include "zip_internal.h"

static int write_repeated(zipFile zip, const unsigned char *data, size_t length, uint64_t repeats) {
    for (uint64_t round = 0; round < repeats; round++) {
        for (size_t done = 0; done < length;) {
            unsigned chunk = length - done < 16384 ? (unsigned)(length - done) : 16384;
            int result = zipWriteInFileInZip(zip, data + done, chunk);
            if (result < 0) return result;
            done += chunk;
        }
    }
    return ZIP_OK;
}

int appendix_zip_write_entry(const char *path, const appendix_zip_settings *settings, const char *name, const void *data,
                             size_t length, uint64_t repeats, int zip64, appendix_zip_report *report) {
    memset(report, 0, sizeof *report);
    if (appendix_zip_expect(path, settings) != 0) return ZIP_INTERNALERROR;
    zip_fileinfo info = {.tmz_date = {.tm_mday = 1, .tm_year = 1980}};
    zipFile zip = zipOpen(path, 0);
    int result = zip ? ZIP_OK : ZIP_ERRNO;
    if (result == ZIP_OK)
        result = zipOpenNewFileInZip4_64(zip, name, &info, NULL, 0, NULL, 0, NULL, Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0, -MAX_WBITS,
                                         8, Z_DEFAULT_STRATEGY, NULL, 0, 0, 0, zip64);
    if (result == ZIP_OK) result = write_repeated(zip, data, length, repeats);
    if (result == ZIP_OK) result = zipCloseFileInZip(zip);
    if (result == ZIP_OK) result = zipClose(zip, NULL);
    appendix_zip_collect(path, report);  // frees the zip when a step failed, as after libxlsxwriter
    return result;
}
