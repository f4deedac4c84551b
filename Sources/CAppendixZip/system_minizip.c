// The system libminizip, for APPENDIX_ZIP=system and APPENDIX_ZIP_SYSTEM settings. Its five
// functions are found with dlsym(RTLD_NEXT, ...): the next definitions after this object's in
// the loader's search order, which are libminizip.so.1's (loaded as libxlsxwriter's
// dependency). If that finds none, libminizip.so.1 is opened by name.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>

#include "zip_internal.h"

typedef zipFile (*open_function)(const char *, int);
typedef int (*open_entry_function)(zipFile, const char *, const zip_fileinfo *, const void *, uInt, const void *, uInt, const char *,
                                   int, int, int, int, int, int, const char *, uLong, uLong, uLong, int);
typedef int (*write_function)(zipFile, const void *, unsigned);
typedef int (*close_entry_function)(zipFile);
typedef int (*close_function)(zipFile, const char *);

static struct {
    open_function open;
    open_entry_function open_entry;
    write_function write;
    close_entry_function close_entry;
    close_function close;
} system_zip;
static pthread_once_t system_once = PTHREAD_ONCE_INIT;

static void *find(void *library, const char *name) {
    return library ? dlsym(library, name) : NULL;
}

static void load_system_zip(void) {
    void *library = RTLD_NEXT;
    if (!dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64")) library = dlopen("libminizip.so.1", RTLD_NOW | RTLD_LOCAL);
    system_zip.open = (open_function)find(library, "zipOpen");
    system_zip.open_entry = (open_entry_function)find(library, "zipOpenNewFileInZip4_64");
    system_zip.write = (write_function)find(library, "zipWriteInFileInZip");
    system_zip.close_entry = (close_entry_function)find(library, "zipCloseFileInZip");
    system_zip.close = (close_function)find(library, "zipClose");
}

static int loaded(void) {
    pthread_once(&system_once, load_system_zip);
    return system_zip.open && system_zip.open_entry && system_zip.write && system_zip.close_entry && system_zip.close;
}

void *az_system_open(const char *path, int append) {
    if (!loaded()) {
        errno = ENOSYS;
        return NULL;
    }
    return system_zip.open(path, append);
}

int az_system_open_entry(void *file, const char *name, const zip_fileinfo *info, const void *local_extra, unsigned local_extra_length,
                         const void *global_extra, unsigned global_extra_length, const char *comment, int method, int level, int raw,
                         int window_bits, int mem_level, int strategy, const char *password, unsigned long crc_for_crypting,
                         unsigned long version_made_by, unsigned long flag_base, int zip64) {
    return system_zip.open_entry(file, name, info, local_extra, local_extra_length, global_extra, global_extra_length, comment, method,
                                 level, raw, window_bits, mem_level, strategy, password, crc_for_crypting, version_made_by, flag_base,
                                 zip64);
}

int az_system_write(void *file, const void *data, unsigned length) { return system_zip.write(file, data, length); }
int az_system_close_entry(void *file) { return system_zip.close_entry(file); }
int az_system_close(void *file, const char *comment) { return system_zip.close(file, comment); }
