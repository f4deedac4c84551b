// An entry's data cut into blocks of AZ_BLOCK_SIZE bytes, each compressed inline (one thread,
// or an entry that fits one block) or by the workers, and written in order by the calling
// thread. The blocks and their dictionaries do not depend on the thread count, so neither do
// the bytes written.
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "zip_internal.h"

enum { AZ_BLOCK_SIZE = 256 * 1024, AZ_DICTIONARY = 32 * 1024 };

/// The slot holding block `sequence`, if it is still in flight.
static az_block *block_numbered(az_deflater *deflater, uint64_t sequence) {
    for (int index = 0; index < deflater->slot_count; index++) {
        az_block *block = &deflater->slots[index];
        if (block->state >= AZ_BLOCK_QUEUED && block->sequence == sequence) return block;
    }
    return NULL;
}

/// Writes finished blocks in order; `wait` 0: those done now, 1: at least one, 2: all in flight.
static int write_ready(az_zip *zip, int wait) {
    az_deflater *deflater = &zip->deflater;
    pthread_mutex_lock(&deflater->lock);
    while (deflater->next_to_write < deflater->next_sequence) {
        az_block *block = block_numbered(deflater, deflater->next_to_write);
        if (!block) break;
        if (block->state != AZ_BLOCK_DONE) {
            if (wait == 0) break;
            pthread_cond_wait(&deflater->done, &deflater->lock);
            continue;
        }
        pthread_mutex_unlock(&deflater->lock);  // the block is the writer's alone once done
        int result = block->status != 0 ? az_fail(zip, ZIP_INTERNALERROR, 0) : az_write_out(zip, block->output, block->output_length);
        if (result != ZIP_OK) return result;
        zip->entry.crc = crc32_combine(zip->entry.crc, block->crc, (z_off_t)block->length);
        zip->entry.compressed += block->output_length;
        pthread_mutex_lock(&deflater->lock);
        block->state = AZ_BLOCK_FREE;
        deflater->next_to_write++;
        if (wait == 1) wait = 0;
    }
    pthread_mutex_unlock(&deflater->lock);
    return ZIP_OK;
}

static az_block *free_slot(az_deflater *deflater) {
    az_block *found = NULL;
    pthread_mutex_lock(&deflater->lock);
    for (int index = 0; index < deflater->slot_count && !found; index++)
        if (deflater->slots[index].state == AZ_BLOCK_FREE) found = &deflater->slots[index];
    if (found) found->state = AZ_BLOCK_FILLING;
    pthread_mutex_unlock(&deflater->lock);
    return found;
}

/// A slot to fill next, primed with the last 32 KiB of `previous` (NULL at an entry's start).
static int take_slot(az_zip *zip, const az_block *previous) {
    az_deflater *deflater = &zip->deflater;
    az_block *slot;
    while (!(slot = free_slot(deflater))) {
        int result = write_ready(zip, 1);
        if (result != ZIP_OK) return result;
    }
    if (!slot->input && !(slot->input = malloc(AZ_DICTIONARY + AZ_BLOCK_SIZE))) return az_fail(zip, ZIP_INTERNALERROR, 0);
    size_t dictionary = previous ? (previous->length < AZ_DICTIONARY ? previous->length : AZ_DICTIONARY) : 0;
    if (dictionary) memmove(slot->input, previous->input + previous->dictionary + previous->length - dictionary, dictionary);
    slot->dictionary = dictionary;
    slot->length = 0;
    deflater->filling = slot;
    return ZIP_OK;
}

/// Hands the filling block over: compressed inline, or queued for the workers.
static int dispatch(az_zip *zip, int last) {
    az_deflater *deflater = &zip->deflater;
    az_block *block = deflater->filling;
    deflater->filling = NULL;
    block->last = last;
    block->sequence = deflater->next_sequence;
    int nothing_in_flight = deflater->next_to_write == deflater->next_sequence;
    if (deflater->threads > 1 && !(last && nothing_in_flight) && !deflater->started) az_start_workers(deflater);
    pthread_mutex_lock(&deflater->lock);
    deflater->next_sequence++;
    int inline_block = deflater->threads == 1 || (last && nothing_in_flight);
    block->state = inline_block ? AZ_BLOCK_RUNNING : AZ_BLOCK_QUEUED;
    if (!inline_block) pthread_cond_signal(&deflater->queued);
    pthread_mutex_unlock(&deflater->lock);
    if (inline_block) {
        block->status = az_compress_block(&deflater->inline_stream, block, deflater->level);
        pthread_mutex_lock(&deflater->lock);
        block->state = AZ_BLOCK_DONE;
        pthread_mutex_unlock(&deflater->lock);
    }
    int result = write_ready(zip, last ? 2 : 0);
    if (result == ZIP_OK && !last) result = take_slot(zip, block);
    return result;
}

int az_entry_write(az_zip *zip, const unsigned char *data, size_t length) {
    az_deflater *deflater = &zip->deflater;
    while (length > 0) {
        if (!deflater->filling && take_slot(zip, NULL) != ZIP_OK) return zip->error;
        az_block *block = deflater->filling;
        if (block->length == AZ_BLOCK_SIZE) {  // full, and more data: the block is not the last
            int result = dispatch(zip, 0);
            if (result != ZIP_OK) return result;
            continue;
        }
        size_t take = AZ_BLOCK_SIZE - block->length < length ? AZ_BLOCK_SIZE - block->length : length;
        memcpy(block->input + block->dictionary + block->length, data, take);
        block->length += take;
        data += take;
        length -= take;
        zip->entry.size += take;
        zip->report.bytes_in = zip->bytes_in += take;
    }
    return ZIP_OK;
}

int az_entry_flush(az_zip *zip) {
    if (!zip->deflater.filling && take_slot(zip, NULL) != ZIP_OK) return zip->error;  // an empty entry has one empty block
    return dispatch(zip, 1);
}
