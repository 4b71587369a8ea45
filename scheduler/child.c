/*
 * child.c - work done in a child process beside the caller's own (see
 * child.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "child.h"

#include "internal.h"

#include <errno.h>
#include <glpk.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

struct rs_child {
    pid_t pid;
    int fd;              /* the pipe's reading end, or -1 once at its end */
    unsigned char *data; /* what the child wrote so far                   */
    size_t len, cap;
};

/* Children started by this process (rs_child_started). */
static long started;

long rs_child_started(void)
{
    return started;
}

int rs_child_second_core(void)
{
    return sysconf(_SC_NPROCESSORS_ONLN) >= 2;
}

/* GLPK's error hook in a child.  The child is a copy of the caller,
 * taken perhaps inside the caller's guarded GLPK call (glpk_layer.h),
 * whose hook would jump back into the copy of that call and carry on
 * with the caller's work in the child.  A GLPK error in a child ends the
 * child instead, without an answer. */
static void child_glpk_error(void *info)
{
    (void)info;
    _exit(1);
}

rs_child *rs_child_start(double deadline, void (*body)(void *ctx, int fd), void *ctx)
{
    int fds[2] = {-1, -1};
    rs_child *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    if (pipe(fds) != 0) {
        free(c);
        return NULL;
    }
    fflush(NULL); /* nothing buffered is written twice */
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        free(c);
        return NULL;
    }
    if (pid == 0) {
        close(fds[0]);
        double left = deadline - rs_now();
        alarm(left > 0 ? (unsigned)left + 2u : 2u); /* ends it if the caller cannot */
        signal(SIGINT, SIG_IGN);                   /* the caller decides           */
        signal(SIGTERM, SIG_DFL);
        signal(SIGPIPE, SIG_IGN);                  /* a caller gone: writes fail   */
        glp_error_hook(child_glpk_error, NULL);
        body(ctx, fds[1]);
        _exit(0);
    }
    close(fds[1]);
    c->pid = pid;
    c->fd = fds[0];
    started++;
    return c;
}

/* The child's answer cannot be read whole (out of memory, a read
 * error): the child is stopped and what it wrote forgotten. */
static int lost(rs_child *c)
{
    kill(c->pid, SIGKILL);
    close(c->fd);
    c->fd = -1;
    c->len = 0;
    return 1;
}

int rs_child_read(rs_child *c, double until)
{
    while (c->fd >= 0) {
        double left = until - rs_now();
        struct pollfd pf = {.fd = c->fd, .events = POLLIN};
        int r = poll(&pf, 1, left > 0 ? (int)ceil(left * 1000) : 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return 0; /* nothing more by then */
        if (c->cap - c->len < 4096) {
            size_t cap = c->cap ? 2 * c->cap : 8192;
            unsigned char *d = realloc(c->data, cap);
            if (!d)
                return lost(c);
            c->data = d;
            c->cap = cap;
        }
        ssize_t n = read(c->fd, c->data + c->len, c->cap - c->len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return lost(c);
        if (n == 0) { /* the child is done, or gone */
            close(c->fd);
            c->fd = -1;
            return 1;
        }
        c->len += (size_t)n;
    }
    return 1;
}

const unsigned char *rs_child_data(const rs_child *c, size_t *len)
{
    *len = c->len;
    return c->data;
}

void rs_child_consume(rs_child *c, size_t n)
{
    if (n > c->len)
        n = c->len;
    if (n == 0)
        return;
    memmove(c->data, c->data + n, c->len - n);
    c->len -= n;
}

void rs_child_free(rs_child *c)
{
    if (!c)
        return;
    if (c->fd >= 0)
        close(c->fd);
    if (c->pid > 0) {
        kill(c->pid, SIGKILL);
        while (waitpid(c->pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    free(c->data);
    free(c);
}

int rs_twin_write(int fd, int cut, double objective, const void *items, size_t n, size_t size)
{
    if (rs_write_all(fd, &cut, sizeof cut) != 0 ||
        rs_write_all(fd, &objective, sizeof objective) != 0 ||
        rs_write_all(fd, &n, sizeof n) != 0)
        return -1;
    return rs_write_all(fd, items, n * size);
}

const unsigned char *rs_twin_answer(rs_child *c, double until, int own_cut, double own,
                                    size_t size, size_t *n, double *objective)
{
    size_t len = 0;
    int cut;
    size_t head = sizeof cut + sizeof *objective + sizeof *n;
    if (!rs_child_read(c, until))
        return NULL;
    const unsigned char *d = rs_child_data(c, &len);
    if (len < head || size == 0)
        return NULL;
    memcpy(&cut, d, sizeof cut);
    memcpy(objective, d + sizeof cut, sizeof *objective);
    memcpy(n, d + sizeof cut + sizeof *objective, sizeof *n);
    if (*n > (len - head) / size || len != head + *n * size || (cut && !own_cut) ||
        !(*objective > own + RS_EPS))
        return NULL;
    return d + head;
}
