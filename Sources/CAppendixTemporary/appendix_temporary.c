#include "appendix_temporary.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <limits.h>

// The handler may only touch this fixed array: no allocation, no locks, only unlink().
enum { SLOTS = 64 };
static char paths[SLOTS][PATH_MAX];
static volatile sig_atomic_t used[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t installed = PTHREAD_ONCE_INIT;

static void remove_temporaries(int signal_number) {
    for (int slot = 0; slot < SLOTS; slot++) {
        if (used[slot]) unlink(paths[slot]);
    }
    // Die of the same signal, as the default disposition would have.
    struct sigaction restore;
    memset(&restore, 0, sizeof restore);
    restore.sa_handler = SIG_DFL;
    sigemptyset(&restore.sa_mask);
    sigaction(signal_number, &restore, NULL);
    raise(signal_number);
}

static void install_for(int signal_number) {
    struct sigaction current;
    if (sigaction(signal_number, NULL, &current) != 0 || current.sa_handler != SIG_DFL) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = remove_temporaries;
    sigfillset(&action.sa_mask);
    sigaction(signal_number, &action, NULL);
}

static void install_handlers(void) {
    install_for(SIGINT);
    install_for(SIGTERM);
    install_for(SIGHUP);
}

int appendix_temporary_remember(const char *path) {
    if (strlen(path) >= PATH_MAX) return -1;
    pthread_once(&installed, install_handlers);
    pthread_mutex_lock(&lock);
    int found = -1;
    for (int slot = 0; slot < SLOTS && found < 0; slot++) {
        if (!used[slot]) {
            strcpy(paths[slot], path);
            used[slot] = 1; // set after the path is complete, so the handler never sees half a path
            found = slot;
        }
    }
    pthread_mutex_unlock(&lock);
    return found;
}

void appendix_temporary_forget(int slot) {
    if (slot < 0 || slot >= SLOTS) return;
    pthread_mutex_lock(&lock);
    used[slot] = 0;
    pthread_mutex_unlock(&lock);
}
