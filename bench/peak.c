/*
 * peak.c - runs a command and writes its peak memory, for the benchmark.
 *
 *   peak OUT_FILE COMMAND [ARG ...]
 *
 * Runs COMMAND, waits for it, writes its largest resident set (the
 * ru_maxrss of wait4, in KiB: the command and the children it waited for)
 * to OUT_FILE, and exits with the command's exit code (128 + the signal
 * when a signal ended it; 127 when it could not be started, or when it
 * succeeded but OUT_FILE could not be written, so that a missing figure
 * is never taken for a measured one).
 *
 * Why not measure from bench/run.py itself: Linux counts, in a process's
 * peak, the memory it had before exec, and a child forked by Python
 * starts as a copy of the whole benchmark harness (about 45 MiB by the
 * later rows), so every small event was reported at the harness's size.
 * This program is small when it forks, so what it reports is the
 * command's own.
 */
#define _DEFAULT_SOURCE

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: peak OUT_FILE COMMAND [ARG ...]\n");
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "peak: fork: %s\n", strerror(errno));
        return 127;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "peak: %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "peak: wait4: %s\n", strerror(errno));
            return 127;
        }
    }
    int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *f = fopen(argv[1], "w");
    if (!f) {
        fprintf(stderr, "peak: %s: %s\n", argv[1], strerror(errno));
        return rc ? rc : 127;
    }
    int bad = fprintf(f, "%ld\n", ru.ru_maxrss) < 0;
    bad |= fclose(f) != 0;
    if (bad) {
        fprintf(stderr, "peak: %s: could not write\n", argv[1]);
        return rc ? rc : 127;
    }
    return rc;
}
