/* lineup-test-child.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A program run by a test as a user would run it, measured: exit
 * status, output, wall time and peak memory. For the hostile-server
 * suites, which must stay bounded even against code that is not. */

typedef struct
{
  guint64  max_address_space;   /* RLIMIT_AS in bytes, 0: unlimited (always under ASan) */
  guint    max_files;           /* RLIMIT_NOFILE, 0: inherited */
  guint    timeout_seconds;     /* killed with SIGKILL after this */
} LineupTestLimits;

typedef struct
{
  int      status;       /* exit status; 128 + N when killed by signal N */
  gboolean timed_out;    /* killed for running past its time-out */
  char    *out;          /* standard output, NUL-terminated */
  gsize    out_len;
  char    *err;          /* standard error, NUL-terminated */
  double   seconds;      /* wall time */
  guint64  peak_rss;     /* bytes: the child's ru_maxrss */
} LineupTestRun;

typedef struct _LineupTestChild LineupTestChild;

LineupTestRun   *lineup_test_run          (const char * const     *argv,
                                           const char * const     *env,
                                           const LineupTestLimits *limits);
void             lineup_test_run_free     (LineupTestRun          *run);
char            *lineup_test_run_describe (LineupTestRun          *run);

LineupTestChild *lineup_test_child_spawn  (const char * const     *argv,
                                           const char * const     *env,
                                           const LineupTestLimits *limits);
GPid             lineup_test_child_get_pid  (LineupTestChild      *child);
char            *lineup_test_child_read_line (LineupTestChild     *child,
                                              guint                timeout_seconds);
gboolean         lineup_test_child_is_running (LineupTestChild    *child);
guint64          lineup_test_child_peak_rss (LineupTestChild      *child);
guint            lineup_test_child_count_fds (LineupTestChild     *child);
LineupTestRun   *lineup_test_child_stop   (LineupTestChild        *child);

gboolean         lineup_test_under_asan   (void);
guint64          lineup_test_self_peak_rss (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupTestRun, lineup_test_run_free)

#define LINEUP_TEST_MIB (G_GUINT64_CONSTANT (1024) * 1024)

G_END_DECLS
