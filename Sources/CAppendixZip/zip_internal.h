// Internals of the zip layer (not exported to Swift).
#ifndef APPENDIX_ZIP_INTERNAL_H
#define APPENDIX_ZIP_INTERNAL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

#include "include/appendix_zip.h"
// minizip 1.1's header as Debian's libxlsxwriter-dev ships it: the five functions below are
// defined against its prototypes, so a mismatch is a compile error.
#include <xlsxwriter/third_party/zip.h>

/// A growable byte buffer.
typedef struct az_bytes { unsigned char *data; size_t length, capacity; } az_bytes;
int az_bytes_append(az_bytes *bytes, const void *data, size_t length);
int az_bytes_put(az_bytes *bytes, uint64_t value, int width);  // little-endian, width 2, 4 or 8
void az_bytes_free(az_bytes *bytes);

enum az_block_state { AZ_BLOCK_FREE, AZ_BLOCK_FILLING, AZ_BLOCK_QUEUED, AZ_BLOCK_RUNNING, AZ_BLOCK_DONE };

/// One block of an entry: its dictionary (the previous block's last 32 KiB) then its data.
typedef struct az_block {
    unsigned char *input;
    size_t dictionary, length;
    unsigned char *output;
    size_t output_length, output_capacity;
    unsigned long crc;
    int last, state, status;
    uint64_t sequence;
} az_block;

/// Compression settings of the current entry.
typedef struct az_level { int level, mem_level, strategy; } az_level;

/// A zlib stream kept between blocks (one per worker, one for inline blocks).
typedef struct az_stream { z_stream z; int ready; az_level level; } az_stream;

/// The block compressor of one zip handle: its slots, and worker threads started on demand.
typedef struct az_deflater {
    int threads, slot_count, started, stopping;
    az_block *slots;
    az_block *filling;
    uint64_t next_sequence, next_to_write;
    az_level level;
    az_stream inline_stream;
    pthread_t *workers;
    pthread_mutex_t lock;
    pthread_cond_t queued, done;
} az_deflater;

int az_deflater_init(az_deflater *deflater, int threads);
void az_deflater_free(az_deflater *deflater);
int az_compress_block(az_stream *stream, az_block *block, az_level level);
int az_start_workers(az_deflater *deflater);

/// The state of one entry being written.
typedef struct az_entry {
    int open, zip64;
    uint64_t local_offset, size, compressed;
    unsigned long crc;
    unsigned int dos_date, flag, version_made_by, local_extra_length;
    unsigned long internal_fa, external_fa;
    az_bytes name, extra, comment;
} az_entry;

struct az_registration;

/// A zip handle given to libxlsxwriter: this layer's writer, or a system libminizip handle.
typedef struct az_zip {
    uint32_t magic;
    void *system;
    int fd, error, saved_errno;
    uint64_t position, entries, bytes_in, zip64_limit;
    double opened_at;
    az_bytes central;
    az_entry entry;
    az_deflater deflater;
    appendix_zip_report report;
    struct az_registration *registration;
} az_zip;

#define AZ_MAGIC_OURS 0x41505A31u
#define AZ_MAGIC_SYSTEM 0x41505A32u

// zip_writer.c
int az_write_out(az_zip *zip, const void *data, size_t length);
int az_fail(az_zip *zip, int error, int system_errno);
int az_open_entry(az_zip *zip, const char *name, const zip_fileinfo *info, const void *local_extra, unsigned local_extra_length,
                  const void *global_extra, unsigned global_extra_length, const char *comment, int level, unsigned long version_made_by, int zip64);
int az_close_entry(az_zip *zip);
int az_finish_zip(az_zip *zip);
void az_stop(az_zip *zip, int error);
void az_release(az_zip *zip);

// deflate_blocks.c
int az_entry_write(az_zip *zip, const unsigned char *data, size_t length);
int az_entry_flush(az_zip *zip);

// zip_registry.c
appendix_zip_settings az_settings_for(const char *path, az_zip *zip);
void az_registry_closed(az_zip *zip);
double az_now(void);

// system_minizip.c
void *az_system_open(const char *path, int append);
int az_system_open_entry(void *file, const char *name, const zip_fileinfo *info, const void *local_extra, unsigned local_extra_length,
                         const void *global_extra, unsigned global_extra_length, const char *comment, int method, int level, int raw,
                         int window_bits, int mem_level, int strategy, const char *password, unsigned long crc_for_crypting,
                         unsigned long version_made_by, unsigned long flag_base, int zip64);
int az_system_write(void *file, const void *data, unsigned length);
int az_system_close_entry(void *file);
int az_system_close(void *file, const char *comment);

#endif
