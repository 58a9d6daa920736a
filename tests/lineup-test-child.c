/* lineup-test-child.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-test"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "lineup-test-child.h"

/* Output goes to unlinked temporary files rather than pipes: a child
 * that prints without end must not block on a full pipe, and the test
 * need not drain it while it serves the child. */

struct _LineupTestChild
{
  GPid              pid;
  int               out_fd;
  int               err_fd;
  gsize             out_read;     /* what read_line() consumed */
  gint64            started;
  LineupTestLimits  limits;
  gboolean          reaped;
  int               wait_status;
  struct rusage     usage;
};

#ifndef __has_feature
#define __has_feature(x) 0
#endif

gboolean
lineup_test_under_asan (void)
{
#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
  return TRUE;
#else
  return FALSE;
#endif
}

guint64
lineup_test_self_peak_rss (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (guint64)usage.ru_maxrss * 1024;
}

static void
child_setup (gpointer data)
{
  const LineupTestLimits *limits = data;
  struct rlimit limit;

  /* Only async-signal-safe calls between fork and exec. A test that
   * aborts takes its children with it. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (limits->max_address_space > 0 && !lineup_test_under_asan ())
    {
      limit.rlim_cur = limit.rlim_max = limits->max_address_space;
      setrlimit (RLIMIT_AS, &limit);
    }
  if (limits->max_files > 0)
    {
      limit.rlim_cur = limit.rlim_max = limits->max_files;
      setrlimit (RLIMIT_NOFILE, &limit);
    }
}

static int
temp_fd (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int fd = g_file_open_tmp ("lineup-test-XXXXXX", &path, &error);

  g_assert_no_error (error);
  g_unlink (path);
  return fd;
}

static char **
make_env (const char * const *env)
{
  char **envp = g_get_environ ();

  for (guint i = 0; env && env[i]; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      if (pair[1] == NULL || *pair[1] == '\0')
        envp = g_environ_unsetenv (envp, pair[0]);
      else
        envp = g_environ_setenv (envp, pair[0], pair[1], TRUE);
    }
  return envp;
}

/**
 * lineup_test_child_spawn:
 * @env: (nullable): "NAME=VALUE" to set, "NAME=" to unset
 *
 * Starts @argv with @limits; standard input is /dev/null.
 */
LineupTestChild *
lineup_test_child_spawn (const char * const     *argv,
                         const char * const     *env,
                         const LineupTestLimits *limits)
{
  static const LineupTestLimits none = { 0, 0, 60 };
  LineupTestChild *child = g_new0 (LineupTestChild, 1);
  g_auto(GStrv) envp = make_env (env);
  g_autoptr(GError) error = NULL;

  child->limits = limits ? *limits : none;
  child->out_fd = temp_fd ();
  child->err_fd = temp_fd ();
  child->started = g_get_monotonic_time ();
  g_spawn_async_with_fds (NULL, (char **)argv, envp,
                          G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL,
                          child_setup, &child->limits, &child->pid,
                          -1, child->out_fd, child->err_fd, &error);
  g_assert_no_error (error);
  return child;
}

GPid
lineup_test_child_get_pid (LineupTestChild *child)
{
  return child->pid;
}

static char *
read_all (int    fd,
          gsize *len_out)
{
  GString *text = g_string_new (NULL);
  char buffer[65536];
  gssize n;
  off_t offset = 0;

  while ((n = pread (fd, buffer, sizeof buffer, offset)) > 0)
    {
      g_string_append_len (text, buffer, n);
      offset += n;
    }
  if (len_out != NULL)
    *len_out = text->len;
  return g_string_free (text, FALSE);
}

/* Whether it has ended; reaps it if so. */
static gboolean
reap (LineupTestChild *child,
      int              options)
{
  pid_t pid;

  if (child->reaped)
    return TRUE;
  do
    pid = wait4 (child->pid, &child->wait_status, options, &child->usage);
  while (pid < 0 && errno == EINTR);
  g_assert_cmpint (pid, >=, 0);
  child->reaped = pid == child->pid;
  return child->reaped;
}

gboolean
lineup_test_child_is_running (LineupTestChild *child)
{
  return !reap (child, WNOHANG);
}

/**
 * lineup_test_child_read_line:
 *
 * Returns: (nullable): the next line the child printed, without its
 *   newline, or %NULL if none came in time or the child ended first
 */
char *
lineup_test_child_read_line (LineupTestChild *child,
                             guint            timeout_seconds)
{
  gint64 deadline = g_get_monotonic_time () + timeout_seconds * G_USEC_PER_SEC;

  for (;;)
    {
      gsize len;
      g_autofree char *text = read_all (child->out_fd, &len);
      const char *start = text + MIN (child->out_read, len);
      const char *end = strchr (start, '\n');

      if (end != NULL)
        {
          child->out_read += end - start + 1;
          return g_strndup (start, end - start);
        }
      if (!lineup_test_child_is_running (child) || g_get_monotonic_time () > deadline)
        return NULL;
      g_usleep (10000);
    }
}

static guint64
proc_status_kib (GPid        pid,
                 const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (path, &contents, NULL, NULL) || (line = strstr (contents, field)) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

/**
 * lineup_test_child_peak_rss:
 *
 * Returns: the running child's peak resident memory (VmHWM) in bytes;
 *   unlike ru_maxrss it does not count what the forked test had
 */
guint64
lineup_test_child_peak_rss (LineupTestChild *child)
{
  return proc_status_kib (child->pid, "VmHWM:") * 1024;
}

guint
lineup_test_child_count_fds (LineupTestChild *child)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fd", child->pid);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static LineupTestRun *
finish (LineupTestChild *child,
        gboolean         timed_out)
{
  LineupTestRun *run = g_new0 (LineupTestRun, 1);

  run->timed_out = timed_out;
  run->seconds = (g_get_monotonic_time () - child->started) / (double)G_USEC_PER_SEC;
  run->peak_rss = (guint64)child->usage.ru_maxrss * 1024;
  if (WIFEXITED (child->wait_status))
    run->status = WEXITSTATUS (child->wait_status);
  else if (WIFSIGNALED (child->wait_status))
    run->status = 128 + WTERMSIG (child->wait_status);
  run->out = read_all (child->out_fd, &run->out_len);
  run->err = read_all (child->err_fd, NULL);
  close (child->out_fd);
  close (child->err_fd);
  g_spawn_close_pid (child->pid);
  g_free (child);
  return run;
}

static gboolean
wait_until (LineupTestChild *child,
            gint64           deadline)
{
  while (!reap (child, WNOHANG))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (5000);
    }
  return TRUE;
}

/**
 * lineup_test_child_stop:
 *
 * Ends the child with SIGTERM (SIGKILL if it does not go in 10 s) and
 * frees it.
 *
 * Returns: (transfer full): how it ended
 */
LineupTestRun *
lineup_test_child_stop (LineupTestChild *child)
{
  gboolean killed = FALSE;

  if (!child->reaped)
    {
      kill (child->pid, SIGTERM);
      if (!wait_until (child, g_get_monotonic_time () + 10 * G_USEC_PER_SEC))
        {
          kill (child->pid, SIGKILL);
          reap (child, 0);
          killed = TRUE;
        }
    }
  return finish (child, killed);
}

/**
 * lineup_test_run:
 *
 * Runs @argv to its end, or kills it at @limits' time-out.
 *
 * Returns: (transfer full): how it went
 */
LineupTestRun *
lineup_test_run (const char * const     *argv,
                 const char * const     *env,
                 const LineupTestLimits *limits)
{
  LineupTestChild *child = lineup_test_child_spawn (argv, env, limits);
  gint64 deadline = child->started + child->limits.timeout_seconds * G_USEC_PER_SEC;
  gboolean in_time = wait_until (child, deadline);

  if (!in_time)
    {
      kill (child->pid, SIGKILL);
      reap (child, 0);
    }
  return finish (child, !in_time);
}

void
lineup_test_run_free (LineupTestRun *run)
{
  if (run == NULL)
    return;
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

/* One line of figures, for the test log and the before/after table. */
char *
lineup_test_run_describe (LineupTestRun *run)
{
  return g_strdup_printf ("exit %d%s, %.2f s, peak %.1f MiB, %" G_GSIZE_FORMAT " bytes on stdout",
                          run->status, run->timed_out ? " (killed: timed out)" : "", run->seconds,
                          run->peak_rss / (double)LINEUP_TEST_MIB, run->out_len);
}
