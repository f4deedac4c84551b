// Settings per output path: the build registers them before workbook_close, zipOpen (called by
// libxlsxwriter with the same path) takes them, and the build collects the report afterwards.
// Each workbook has its own path and its own zip handle, so concurrent builds share nothing
// but this list (under a mutex).
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "zip_internal.h"

typedef struct az_registration {
    struct az_registration *next;
    char *path;
    appendix_zip_settings settings;
    appendix_zip_report report;
    az_zip *zip;
} az_registration;

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static az_registration *registrations;

double az_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

appendix_zip_settings appendix_zip_default_settings(void) {
    return (appendix_zip_settings){.layer = APPENDIX_ZIP_APPENDIX, .threads = 1, .zip64_limit = 0};
}

/// APPENDIX_ZIP=system sends every zip to libminizip, whatever the build asked for;
/// APPENDIX_ZIP_THREADS=N (1-16) sets the deflate threads of every zip (for measuring).
static appendix_zip_settings with_environment(appendix_zip_settings settings) {
    const char *choice = getenv("APPENDIX_ZIP");
    if (choice && strcmp(choice, "system") == 0) settings.layer = APPENDIX_ZIP_SYSTEM;
    const char *threads = getenv("APPENDIX_ZIP_THREADS");
    long count = threads ? strtol(threads, NULL, 10) : 0;
    if (count >= 1 && count <= 16) settings.threads = (int)count;
    return settings;
}

int appendix_zip_expect(const char *path, const appendix_zip_settings *settings) {
    az_registration *registration = calloc(1, sizeof *registration);
    if (!registration || !(registration->path = strdup(path))) {
        free(registration);
        return -1;
    }
    registration->settings = *settings;
    pthread_mutex_lock(&registry_lock);
    registration->next = registrations;
    registrations = registration;
    pthread_mutex_unlock(&registry_lock);
    return 0;
}

appendix_zip_settings az_settings_for(const char *path, az_zip *zip) {
    appendix_zip_settings settings = appendix_zip_default_settings();
    pthread_mutex_lock(&registry_lock);
    for (az_registration *registration = registrations; registration; registration = registration->next) {
        if (registration->zip || strcmp(registration->path, path) != 0) continue;
        settings = registration->settings;
        registration->zip = zip;
        zip->registration = registration;
        break;
    }
    pthread_mutex_unlock(&registry_lock);
    settings = with_environment(settings);
    zip->report.opened = 1;
    zip->report.layer = settings.layer;
    return settings;
}

/// The handle is going: its report stays with the registration.
void az_registry_closed(az_zip *zip) {
    pthread_mutex_lock(&registry_lock);
    if (zip->registration) {
        zip->registration->report = zip->report;
        zip->registration->zip = NULL;
        zip->registration = NULL;
    }
    pthread_mutex_unlock(&registry_lock);
}

int appendix_zip_collect(const char *path, appendix_zip_report *report) {
    pthread_mutex_lock(&registry_lock);
    az_registration **link = &registrations;
    while (*link && strcmp((*link)->path, path) != 0) link = &(*link)->next;
    az_registration *found = *link;
    if (found) *link = found->next;
    pthread_mutex_unlock(&registry_lock);
    if (!found) return 0;
    if (found->zip) az_release(found->zip);  // left open after a failure; copies its report here
    *report = found->report;
    free(found->path);
    free(found);
    return 1;
}
