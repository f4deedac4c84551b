// The zip container: local headers (patched with CRC-32 and sizes when an entry closes), the
// central directory, zip64 fields when sizes or offsets reach the limit, and the end record
// with this layer's marker as archive comment. Header layout as minizip 1.1 writes it.
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zip_internal.h"

enum { LOCAL_SIGNATURE = 0x04034b50 };

int az_fail(az_zip *zip, int error, int system_errno) {
    if (!zip->error) {
        zip->error = error;
        zip->saved_errno = system_errno;
        zip->report.error = error;
        zip->report.system_errno = system_errno;
    }
    if (zip->saved_errno) errno = zip->saved_errno;
    return zip->error;
}

int az_write_out(az_zip *zip, const void *data, size_t length) {
    const unsigned char *bytes = data;
    while (length > 0) {
        ssize_t written = write(zip->fd, bytes, length);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return az_fail(zip, ZIP_ERRNO, written < 0 ? errno : ENOSPC);
        bytes += written;
        length -= (size_t)written;
        zip->position += (uint64_t)written;
        zip->report.bytes_out = zip->position;
    }
    return ZIP_OK;
}

/// minizip's conversion of a tm_zip to an MS-DOS date and time (dosDate when it is set).
static unsigned int dos_date(const zip_fileinfo *info) {
    if (!info) return 0;
    if (info->dosDate) return (unsigned int)info->dosDate;
    const tm_zip *date = &info->tmz_date;
    unsigned int year = date->tm_year >= 1980 ? date->tm_year - 1980 : date->tm_year >= 80 ? date->tm_year - 80 : date->tm_year;
    return ((date->tm_mday + 32 * (date->tm_mon + 1) + 512 * year) << 16) | (date->tm_sec / 2 + 32 * date->tm_min + 2048 * date->tm_hour);
}

/// minizip's general-purpose flag for a deflate level (bits 1-2: the compression option).
static unsigned int level_flag(int level) {
    return level == 8 || level == 9 ? 2 : level == 2 ? 4 : level == 1 ? 6 : 0;
}

static int keep_entry_texts(az_entry *entry, const char *name, const void *extra, unsigned extra_length, const char *comment) {
    entry->name.length = entry->extra.length = entry->comment.length = 0;
    size_t comment_length = comment ? strlen(comment) : 0;
    if (strlen(name) > 0xFFFF || extra_length > 0xFFFF || comment_length > 0xFFFF) return ZIP_PARAMERROR;
    if (az_bytes_append(&entry->name, name, strlen(name)) || az_bytes_append(&entry->extra, extra, extra_length)
        || az_bytes_append(&entry->comment, comment, comment_length))
        return ZIP_INTERNALERROR;
    return ZIP_OK;
}

int az_open_entry(az_zip *zip, const char *name, const zip_fileinfo *info, const void *local_extra, unsigned local_extra_length,
                  const void *global_extra, unsigned global_extra_length, const char *comment, int level, unsigned long version_made_by,
                  int zip64) {
    if (zip->error) return zip->error;
    if (zip->entry.open) {  // minizip closes an entry left open
        int closed = az_close_entry(zip);
        if (closed != ZIP_OK) return closed;
    }
    az_entry *entry = &zip->entry;
    int kept = keep_entry_texts(entry, name, global_extra, global_extra_length, comment);
    if (kept != ZIP_OK || local_extra_length > 0xFFFF - 20) return az_fail(zip, kept != ZIP_OK ? kept : ZIP_PARAMERROR, 0);
    entry->zip64 = zip64 != 0;
    entry->local_offset = zip->position;
    entry->size = entry->compressed = 0;
    entry->crc = crc32(0, NULL, 0);
    entry->dos_date = dos_date(info);
    entry->flag = level_flag(level);
    entry->version_made_by = (unsigned int)version_made_by;
    entry->internal_fa = info ? info->internal_fa : 0;
    entry->external_fa = info ? info->external_fa : 0;
    az_bytes header = {0};
    int failed = az_bytes_put(&header, LOCAL_SIGNATURE, 4) | az_bytes_put(&header, entry->zip64 ? 45 : 20, 2)
        | az_bytes_put(&header, entry->flag, 2) | az_bytes_put(&header, Z_DEFLATED, 2) | az_bytes_put(&header, entry->dos_date, 4)
        | az_bytes_put(&header, 0, 4) | az_bytes_put(&header, entry->zip64 ? 0xFFFFFFFFu : 0, 4)
        | az_bytes_put(&header, entry->zip64 ? 0xFFFFFFFFu : 0, 4) | az_bytes_put(&header, entry->name.length, 2)
        | az_bytes_put(&header, local_extra_length + (entry->zip64 ? 20 : 0), 2)
        | az_bytes_append(&header, entry->name.data, entry->name.length) | az_bytes_append(&header, local_extra, local_extra_length);
    if (entry->zip64)  // sizes written when the entry closes
        failed |= az_bytes_put(&header, 1, 2) | az_bytes_put(&header, 16, 2) | az_bytes_put(&header, 0, 8) | az_bytes_put(&header, 0, 8);
    int result = failed ? az_fail(zip, ZIP_INTERNALERROR, 0) : az_write_out(zip, header.data, header.length);
    entry->local_extra_length = local_extra_length;
    az_bytes_free(&header);
    entry->open = result == ZIP_OK;
    return result;
}
