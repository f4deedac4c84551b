// The five libminizip functions libxlsxwriter 1.1.4 calls, with minizip 1.1's signatures. The
// executable that links this file exports them (the linker adds a definition to .dynsym when a
// shared library in the link, here libxlsxwriter, refers to it), and the dynamic loader binds
// libxlsxwriter's references to the executable's definitions before libminizip's.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>

#include "zip_internal.h"

static az_zip *ours(zipFile file) {
    az_zip *zip = file;
    return zip && zip->magic == AZ_MAGIC_OURS ? zip : NULL;
}

static void *system_handle(zipFile file) {
    az_zip *zip = file;
    return zip && zip->magic == AZ_MAGIC_SYSTEM ? zip->system : NULL;
}

/// Adds the wall time since `start` to the handle's report.
static int timed(az_zip *zip, double start, int result) {
    zip->report.seconds_in_zip += az_now() - start;
    if (result < 0 && zip->report.error == 0) zip->report.error = result;
    if (result < 0 && zip->magic == AZ_MAGIC_OURS) az_stop(zip, result);  // libxlsxwriter gives up after any error
    return result;
}

/// APPENDIX_ZIP_TRACE: one line per zip on stderr, to time the phases of workbook_close.
static void trace(const az_zip *zip) {
    const appendix_zip_report *report = &zip->report;
    fprintf(stderr, "appendix-zip: layer %s, threads %d, entries %llu, %llu bytes in, %llu out, %.3f s in the zip functions, %.3f s zipOpen to zipClose\n",
            report->layer == APPENDIX_ZIP_SYSTEM ? "system" : "appendix", report->threads, (unsigned long long)report->entries,
            (unsigned long long)report->bytes_in, (unsigned long long)report->bytes_out, report->seconds_in_zip, az_now() - zip->opened_at);
}

zipFile zipOpen(const char *path, int append) {
    az_zip *zip = calloc(1, sizeof *zip);
    if (!zip) return NULL;
    double start = az_now();
    zip->fd = -1;
    zip->opened_at = start;
    appendix_zip_settings settings = az_settings_for(path, zip);
    if (settings.layer == APPENDIX_ZIP_SYSTEM || append != 0) {  // appending is left to libminizip
        zip->magic = AZ_MAGIC_SYSTEM;
        zip->report.layer = APPENDIX_ZIP_SYSTEM;
        zip->system = az_system_open(path, append);
        if (!zip->system) {
            int saved = errno;
            zip->report.error = ZIP_ERRNO;
            zip->report.system_errno = saved;
            az_release(zip);
            errno = saved;
            return NULL;
        }
    } else {
        zip->magic = AZ_MAGIC_OURS;
        zip->zip64_limit = settings.zip64_limit ? settings.zip64_limit : 0xFFFFFFFFu;
        zip->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (zip->fd < 0 || az_deflater_init(&zip->deflater, settings.threads) != 0) {
            int saved = errno;
            zip->report.error = ZIP_ERRNO;
            zip->report.system_errno = saved;
            az_release(zip);
            errno = saved;
            return NULL;
        }
    }
    zip->report.threads = zip->magic == AZ_MAGIC_OURS ? zip->deflater.threads : 1;
    timed(zip, start, 0);
    return zip;
}

int zipOpenNewFileInZip4_64(zipFile file, const char *name, const zip_fileinfo *info, const void *local_extra, uInt local_extra_length,
                            const void *global_extra, uInt global_extra_length, const char *comment, int method, int level, int raw,
                            int window_bits, int mem_level, int strategy, const char *password, uLong crc_for_crypting,
                            uLong version_made_by, uLong flag_base, int zip64) {
    if (system_handle(file)) {
        double start = az_now();
        return timed(file, start, az_system_open_entry(system_handle(file), name, info, local_extra, local_extra_length, global_extra,
                                                       global_extra_length, comment, method, level, raw, window_bits, mem_level,
                                                       strategy, password, crc_for_crypting, version_made_by, flag_base, zip64));
    }
    az_zip *zip = ours(file);
    if (!zip || !name) return ZIP_PARAMERROR;
    double start = az_now();
    // What libxlsxwriter asks for: deflate, zlib-wrapped off (raw = 0, window bits -15), no password.
    if (method != Z_DEFLATED || raw != 0 || window_bits != -MAX_WBITS || password != NULL || flag_base != 0)
        return timed(zip, start, ZIP_PARAMERROR);
    zip->deflater.level = (az_level){level, mem_level, strategy};
    int result = az_open_entry(zip, name, info, local_extra, local_extra_length, global_extra, global_extra_length, comment, level,
                               version_made_by, zip64);
    (void)crc_for_crypting;
    return timed(zip, start, result);
}

int zipWriteInFileInZip(zipFile file, const void *data, unsigned length) {
    if (system_handle(file)) {
        double start = az_now();
        return timed(file, start, az_system_write(system_handle(file), data, length));
    }
    az_zip *zip = ours(file);
    if (!zip || !zip->entry.open) return ZIP_PARAMERROR;
    double start = az_now();
    return timed(zip, start, zip->error ? zip->error : az_entry_write(zip, data, length));
}

int zipCloseFileInZip(zipFile file) {
    if (system_handle(file)) {
        double start = az_now();
        return timed(file, start, az_system_close_entry(system_handle(file)));
    }
    az_zip *zip = ours(file);
    if (!zip || !zip->entry.open) return ZIP_PARAMERROR;
    double start = az_now();
    return timed(zip, start, az_close_entry(zip));
}

int zipClose(zipFile file, const char *comment) {
    az_zip *zip = file;
    if (!zip || (zip->magic != AZ_MAGIC_OURS && zip->magic != AZ_MAGIC_SYSTEM)) return ZIP_PARAMERROR;
    double start = az_now();
    int result;
    if (zip->magic == AZ_MAGIC_SYSTEM) {
        result = az_system_close(zip->system, comment);
        zip->system = NULL;
    } else {
        (void)comment;  // libxlsxwriter passes NULL; this layer writes its marker instead
        result = az_finish_zip(zip);
    }
    timed(zip, start, result);
    zip->report.closed = result == ZIP_OK;
    if (getenv("APPENDIX_ZIP_TRACE")) trace(zip);
    az_registry_closed(zip);
    az_release(zip);
    return result;
}
