// Closing entries and the zip: the local header patched with CRC-32 and sizes, a central
// directory record per entry (with a zip64 extra field for the sizes and offset that reach the
// limit, or for both sizes when libxlsxwriter opened the entry as zip64), and the end records.
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "zip_internal.h"

enum {
    CENTRAL_SIGNATURE = 0x02014b50,
    END_SIGNATURE = 0x06054b50,
    ZIP64_END_SIGNATURE = 0x06064b50,
    ZIP64_LOCATOR_SIGNATURE = 0x07064b50,
};

static int write_at(az_zip *zip, uint64_t offset, const az_bytes *bytes) {
    size_t done = 0;
    while (done < bytes->length) {
        ssize_t written = pwrite(zip->fd, bytes->data + done, bytes->length - done, (off_t)(offset + done));
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return az_fail(zip, ZIP_ERRNO, written < 0 ? errno : ENOSPC);
        done += (size_t)written;
    }
    return ZIP_OK;
}

/// CRC-32 and sizes into the entry's local header (in its zip64 extra field if it has one).
static int patch_local_header(az_zip *zip) {
    const az_entry *entry = &zip->entry;
    az_bytes crc = {0}, sizes = {0};
    int failed = az_bytes_put(&crc, entry->crc, 4);
    if (entry->zip64)
        failed |= az_bytes_put(&sizes, entry->size, 8) | az_bytes_put(&sizes, entry->compressed, 8);
    else
        failed |= az_bytes_put(&sizes, entry->compressed, 4) | az_bytes_put(&sizes, entry->size, 4);
    uint64_t sizes_at = entry->zip64 ? entry->local_offset + 30 + entry->name.length + entry->local_extra_length + 4 : entry->local_offset + 18;
    int result = failed ? az_fail(zip, ZIP_INTERNALERROR, 0) : write_at(zip, entry->local_offset + 14, &crc);
    if (result == ZIP_OK) result = write_at(zip, sizes_at, &sizes);
    az_bytes_free(&crc);
    az_bytes_free(&sizes);
    return result;
}

static int append_central_record(az_zip *zip) {
    const az_entry *entry = &zip->entry;
    uint64_t limit = zip->zip64_limit;
    int big_sizes = entry->zip64 || entry->size >= limit || entry->compressed >= limit, big_offset = entry->local_offset >= limit;
    az_bytes extra = {0};
    int failed = 0;
    if (big_sizes || big_offset) {
        failed |= az_bytes_put(&extra, 1, 2) | az_bytes_put(&extra, (big_sizes ? 16 : 0) + (big_offset ? 8 : 0), 2);
        if (big_sizes) failed |= az_bytes_put(&extra, entry->size, 8) | az_bytes_put(&extra, entry->compressed, 8);
        if (big_offset) failed |= az_bytes_put(&extra, entry->local_offset, 8);
    }
    az_bytes *central = &zip->central;
    failed |= az_bytes_put(central, CENTRAL_SIGNATURE, 4) | az_bytes_put(central, entry->version_made_by, 2)
        | az_bytes_put(central, big_sizes || big_offset ? 45 : 20, 2) | az_bytes_put(central, entry->flag, 2)
        | az_bytes_put(central, Z_DEFLATED, 2) | az_bytes_put(central, entry->dos_date, 4) | az_bytes_put(central, entry->crc, 4)
        | az_bytes_put(central, big_sizes ? 0xFFFFFFFFu : entry->compressed, 4) | az_bytes_put(central, big_sizes ? 0xFFFFFFFFu : entry->size, 4)
        | az_bytes_put(central, entry->name.length, 2) | az_bytes_put(central, entry->extra.length + extra.length, 2)
        | az_bytes_put(central, entry->comment.length, 2) | az_bytes_put(central, 0, 2) | az_bytes_put(central, entry->internal_fa, 2)
        | az_bytes_put(central, entry->external_fa, 4) | az_bytes_put(central, big_offset ? 0xFFFFFFFFu : entry->local_offset, 4)
        | az_bytes_append(central, entry->name.data, entry->name.length) | az_bytes_append(central, entry->extra.data, entry->extra.length)
        | az_bytes_append(central, extra.data, extra.length) | az_bytes_append(central, entry->comment.data, entry->comment.length);
    az_bytes_free(&extra);
    return failed ? az_fail(zip, ZIP_INTERNALERROR, 0) : ZIP_OK;
}

int az_close_entry(az_zip *zip) {
    if (zip->error) return zip->error;
    int result = az_entry_flush(zip);
    if (result != ZIP_OK) return result;
    zip->entry.open = 0;
    int big = zip->entry.size >= zip->zip64_limit || zip->entry.compressed >= zip->zip64_limit;
    if (big && !zip->entry.zip64) return az_fail(zip, ZIP_BADZIPFILE, 0);  // minizip's answer: no room for zip64 sizes
    result = patch_local_header(zip);
    if (result == ZIP_OK) result = append_central_record(zip);
    if (result == ZIP_OK) zip->report.entries = ++zip->entries;
    return result;
}

/// The zip64 end of central directory record and its locator.
static int put_zip64_end(az_bytes *end, uint64_t entries, uint64_t size, uint64_t offset, uint64_t record_offset) {
    return az_bytes_put(end, ZIP64_END_SIGNATURE, 4) | az_bytes_put(end, 44, 8) | az_bytes_put(end, 45, 2) | az_bytes_put(end, 45, 2)
        | az_bytes_put(end, 0, 4) | az_bytes_put(end, 0, 4) | az_bytes_put(end, entries, 8) | az_bytes_put(end, entries, 8)
        | az_bytes_put(end, size, 8) | az_bytes_put(end, offset, 8) | az_bytes_put(end, ZIP64_LOCATOR_SIGNATURE, 4)
        | az_bytes_put(end, 0, 4) | az_bytes_put(end, record_offset, 8) | az_bytes_put(end, 1, 4);
}

int az_finish_zip(az_zip *zip) {
    if (zip->error) return zip->error;
    if (zip->entry.open && az_close_entry(zip) != ZIP_OK) return zip->error;
    uint64_t offset = zip->position, size = zip->central.length, entries = zip->entries, limit = zip->zip64_limit;
    int zip64 = offset >= limit || size >= limit || entries >= (limit < 0xFFFF ? limit : 0xFFFF);
    az_bytes end = {0};
    const char marker[] = APPENDIX_ZIP_MARKER;
    int failed = zip64 ? put_zip64_end(&end, entries, size, offset, offset + size) : 0;
    failed |= az_bytes_put(&end, END_SIGNATURE, 4) | az_bytes_put(&end, 0, 2) | az_bytes_put(&end, 0, 2)
        | az_bytes_put(&end, zip64 ? 0xFFFF : entries, 2) | az_bytes_put(&end, zip64 ? 0xFFFF : entries, 2)
        | az_bytes_put(&end, zip64 ? 0xFFFFFFFFu : size, 4) | az_bytes_put(&end, zip64 ? 0xFFFFFFFFu : offset, 4)
        | az_bytes_put(&end, sizeof marker - 1, 2) | az_bytes_append(&end, marker, sizeof marker - 1);
    int result = failed ? az_fail(zip, ZIP_INTERNALERROR, 0) : az_write_out(zip, zip->central.data, zip->central.length);
    if (result == ZIP_OK) result = az_write_out(zip, end.data, end.length);
    az_bytes_free(&end);
    if (result == ZIP_OK && close(zip->fd) != 0) result = az_fail(zip, ZIP_ERRNO, errno);
    zip->fd = -1;
    return result;
}

/// After an error: the threads and buffers go at once (libxlsxwriter stops calling) and the file is closed.
void az_stop(az_zip *zip, int error) {
    az_fail(zip, error, zip->saved_errno);
    az_deflater_free(&zip->deflater);
    if (zip->fd >= 0) close(zip->fd);
    zip->fd = -1;
    if (zip->saved_errno) errno = zip->saved_errno;
}

void az_release(az_zip *zip) {
    az_registry_closed(zip);
    az_deflater_free(&zip->deflater);
    if (zip->fd >= 0) close(zip->fd);
    az_bytes_free(&zip->central);
    az_bytes_free(&zip->entry.name);
    az_bytes_free(&zip->entry.extra);
    az_bytes_free(&zip->entry.comment);
    free(zip);
}
