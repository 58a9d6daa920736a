/* test-demo-hostile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "lineup-signer.h"
#include "lineup-test-child.h"
#include "lineup-test-hostile.h"

/* The built lineup-demo-server ($LINEUP_DEMO_SERVER) against hostile
 * clients: descriptor exhaustion, idle and slow-header connections,
 * oversized and unsigned uploads, a pixel bomb, more connections than
 * it takes. The service runs as a child so that its descriptors can be
 * limited and its peak memory measured (VmHWM). The bounds are ceilings
 * that tell "held" from "went along with the attack", not performance
 * goals. With LINEUP_HOSTILE_REPORT set to a file, one line per case is
 * appended there. */

#define DEMO_KEY    "hostile-demo-key"
#define DEMO_SECRET "hostile-demo-secret"

#define MAX_PEAK_MIB 128

typedef struct
{
  LineupTestChild *child;
  guint            port;
  GString         *figures;
} Fixture;

/* Raw HTTP */

static int
connect_demo (Fixture *fixture)
{
  struct sockaddr_in address = { 0 };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  address.sin_family = AF_INET;
  address.sin_port = htons (fixture->port);
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (connect (fd, (struct sockaddr *)&address, sizeof address), ==, 0);
  return fd;
}

/* Returns: whether @fd became readable within @ms */
static gboolean
wait_readable (int fd,
               int ms)
{
  struct pollfd p = { fd, POLLIN, 0 };
  int n;

  do
    n = poll (&p, 1, ms);
  while (n < 0 && errno == EINTR);
  return n > 0;
}

/* Returns: whether the server closed @fd within @ms (EOF or reset);
 * anything it sends first is read and dropped */
static gboolean
wait_closed (int fd,
             int ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;

  for (;;)
    {
      char buffer[4096];
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
      gssize n;

      if (left <= 0 || !wait_readable (fd, left))
        return FALSE;
      n = recv (fd, buffer, sizeof buffer, MSG_DONTWAIT);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
        return TRUE;
    }
}

/* Reads a reply's status line and headers, and the body up to its
 * Content-Length. Returns: the status, 0 if nothing came within @ms */
static guint
read_reply (int    fd,
            int    ms,
            char **body_out)
{
  GString *in = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + ms * 1000;
  const char *end, *length;
  guint status = 0;

  for (;;)
    {
      char buffer[4096];
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
      gssize n;

      if ((end = strstr (in->str, "\r\n\r\n")) != NULL)
        {
          length = strstr (in->str, "Content-Length: ");
          if (length == NULL || length > end ||
              in->len - (end + 4 - in->str) >= g_ascii_strtoull (length + 16, NULL, 10))
            break;
        }
      if (left <= 0 || !wait_readable (fd, left))
        break;
      n = recv (fd, buffer, sizeof buffer, 0);
      if (n <= 0)
        break;
      g_string_append_len (in, buffer, n);
    }

  if (g_str_has_prefix (in->str, "HTTP/1.1 ") && strstr (in->str, "\r\n\r\n") != NULL)
    {
      status = g_ascii_strtoull (in->str + 9, NULL, 10);
      if (body_out != NULL)
        *body_out = g_strdup (strstr (in->str, "\r\n\r\n") + 4);
    }
  g_string_free (in, TRUE);
  return status;
}

static gboolean
send_all (int         fd,
          const void *data,
          gsize       len)
{
  return lineup_hostile_write (fd, data, len);
}

#define BOUNDARY "hostileboundary"

static char *
form_field (const char *name,
            const char *value)
{
  return g_strdup_printf ("--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n",
                          name, value);
}

static char *
fresh_sign (void)
{
  g_autoptr(LineupSigner) signer = lineup_signer_new (DEMO_KEY, DEMO_SECRET);

  return lineup_signer_sign (signer);
}

/* The head and form fields of a multipart POST to @endpoint. A file
 * part of @file_len bytes follows if @file_len > 0, then the closing
 * delimiter; @content_length is the whole body's length. */
static char *
request_head (const char *endpoint,
              const char *sign,
              const char *more_fields,
              gsize       file_len,
              gsize      *content_length)
{
  g_autofree char *sign_field = form_field ("sign", sign);
  g_autofree char *version_field = form_field ("sign_version", LINEUP_SIGN_VERSION);
  static const char file_head[] = "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
                                  "filename=\"probe.png\"\r\nContent-Type: image/png\r\n\r\n";
  static const char closing[] = "--" BOUNDARY "--\r\n";
  g_autofree char *fields = g_strconcat (sign_field, version_field, more_fields ? more_fields : "",
                                         file_len > 0 ? file_head : "", NULL);

  *content_length = strlen (fields) + (file_len > 0 ? file_len + 2 : 0) + strlen (closing);
  return g_strdup_printf ("POST /finauth/search/group/%s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Content-Type: multipart/form-data; boundary=" BOUNDARY "\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                          endpoint, *content_length, fields);
}

static gboolean
send_group_list (int fd)
{
  g_autofree char *sign = fresh_sign ();
  g_autofree char *head = NULL;
  gsize length;

  head = request_head ("group_list", sign, NULL, 0, &length);
  return send_all (fd, head, strlen (head)) && send_all (fd, "--" BOUNDARY "--\r\n", strlen ("--" BOUNDARY "--\r\n"));
}

/* The service as a child */

static void
start_demo (Fixture            *fixture,
            guint               max_files,
            const char * const *options)
{
  LineupTestLimits limits = { 0, max_files, 120 };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *demo = g_getenv ("LINEUP_DEMO_SERVER");
  g_autofree char *url = NULL;
  const char *port;

  g_assert_nonnull (demo);
  g_ptr_array_add (argv, (gpointer)demo);
  g_ptr_array_add (argv, "--key");
  g_ptr_array_add (argv, DEMO_KEY);
  g_ptr_array_add (argv, "--secret");
  g_ptr_array_add (argv, DEMO_SECRET);
  for (guint i = 0; options && options[i]; i++)
    g_ptr_array_add (argv, (gpointer)options[i]);
  g_ptr_array_add (argv, NULL);

  fixture->child = lineup_test_child_spawn ((const char * const *)argv->pdata,
                                            (const char *[]) { "G_MESSAGES_DEBUG=", NULL }, &limits);
  url = lineup_test_child_read_line (fixture->child, 30);
  g_assert_nonnull (url);
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  port = url + strlen ("http://127.0.0.1:");
  fixture->port = g_ascii_strtoull (port, NULL, 10);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->figures = g_string_new (NULL);
}

/* Stops the service and reports the case's figures; then checks that
 * the service was still running and stayed small. Called by each case
 * before its own assertions, so a failing case still reports. */
static void
conclude (Fixture *fixture)
{
  g_autoptr(LineupTestRun) run = NULL;
  const char *file = g_getenv ("LINEUP_HOSTILE_REPORT");
  guint64 peak;
  gboolean running;

  g_assert_nonnull (fixture->child);
  running = lineup_test_child_is_running (fixture->child);
  peak = lineup_test_child_peak_rss (fixture->child);
  run = lineup_test_child_stop (g_steal_pointer (&fixture->child));
  g_string_append_printf (fixture->figures, "%sdemo peak %.1f MiB, %s", fixture->figures->len ? ", " : "",
                          peak / (double)LINEUP_TEST_MIB, running ? "still running" : "had ended");
  g_test_message ("%s: %s\n  stderr: %.2000s", g_test_get_path (), fixture->figures->str, run->err);
  if (file != NULL)
    {
      FILE *out = fopen (file, "a");

      if (out != NULL)
        {
          fprintf (out, "%s\t%s\n", g_test_get_path (), fixture->figures->str);
          fclose (out);
        }
    }

  g_assert_true (running);
  if (!lineup_test_under_asan ())
    g_assert_cmpuint (peak, <, MAX_PEAK_MIB * LINEUP_TEST_MIB);
  /* a clean stop; under LeakSanitizer, also one without leaks */
  g_assert_cmpint (run->status, ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->child != NULL)
    lineup_test_run_free (lineup_test_child_stop (g_steal_pointer (&fixture->child)));
  g_string_free (fixture->figures, TRUE);
}

#define figure(fixture, ...) \
  g_string_append_printf ((fixture)->figures, "%s", (fixture)->figures->len ? ", " : ""), \
  g_string_append_printf ((fixture)->figures, __VA_ARGS__)

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
}

/* 1. Running out of descriptors: it goes on accepting once they free up */

static void
test_descriptor_exhaustion (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GArray) idle = g_array_new (FALSE, FALSE, sizeof (int));
  guint status, later, fds_full;
  gint64 start;
  int fd;

  /* more connections than descriptors, and a cap above the limit, so
   * that accept() does fail with EMFILE */
  start_demo (fixture, 64, (const char *[]) { "--max-connections", "1000", "--idle-timeout", "60", NULL });
  for (guint i = 0; i < 100; i++)
    {
      fd = connect_demo (fixture);
      g_array_append_val (idle, fd);
    }
  g_usleep (500 * 1000);
  fds_full = lineup_test_child_count_fds (fixture->child);

  /* asked while it cannot accept: waits in the queue */
  fd = connect_demo (fixture);
  g_assert_true (send_group_list (fd));
  for (guint i = 0; i < idle->len; i++)
    close (g_array_index (idle, int, i));
  start = g_get_monotonic_time ();
  status = read_reply (fd, 8000, NULL);
  figure (fixture, "%u descriptors in use when full, reply %u after %.2f s", fds_full, status, seconds_since (start));
  close (fd);

  /* and goes on taking new ones */
  fd = connect_demo (fixture);
  g_assert_true (send_group_list (fd));
  later = read_reply (fd, 5000, NULL);
  figure (fixture, "then %u", later);
  close (fd);
  conclude (fixture);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (later, ==, 200);
}

/* 2. Idle connections are closed after the idle time-out */

static void
test_idle_timeout (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 start;
  gboolean closed, closed_after_reply;
  guint status;
  int fd;

  start_demo (fixture, 0, (const char *[]) { "--idle-timeout", "1", NULL });
  fd = connect_demo (fixture);
  start = g_get_monotonic_time ();
  closed = wait_closed (fd, 6000);
  figure (fixture, "idle connection %s after %.2f s", closed ? "closed" : "still open", seconds_since (start));
  close (fd);

  /* and once a connection has served its request: nothing is kept
   * alive that libsoup could lose track of */
  fd = connect_demo (fixture);
  g_assert_true (send_group_list (fd));
  status = read_reply (fd, 5000, NULL);
  start = g_get_monotonic_time ();
  closed_after_reply = wait_closed (fd, 6000);
  figure (fixture, "connection %s %.2f s after its reply", closed_after_reply ? "closed" : "still open",
          seconds_since (start));
  close (fd);
  conclude (fixture);
  g_assert_true (closed);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (closed_after_reply);
}

/* 3. A client that sends its headers a byte at a time is cut off */

static void
test_slow_header (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char line[] = "POST /finauth/search/group/group_list HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  gint64 start;
  gboolean closed = FALSE;
  int fd;

  start_demo (fixture, 0, (const char *[]) { "--idle-timeout", "2", "--header-timeout", "2", NULL });
  fd = connect_demo (fixture);
  start = g_get_monotonic_time ();
  g_assert_true (send_all (fd, line, strlen (line)));
  /* one byte every 300 ms: never idle for long, never done */
  while (!closed && seconds_since (start) < 8)
    {
      if (!send_all (fd, "X", 1))
        closed = TRUE;
      else
        closed = wait_closed (fd, 300);
    }
  figure (fixture, "slow header %s after %.2f s", closed ? "cut off" : "still open", seconds_since (start));
  close (fd);
  conclude (fixture);
  g_assert_true (closed);
}

/* 4. Oversized uploads are refused without being read whole */

static void
upload (Fixture    *fixture,
        gboolean    chunked,
        guint64     total,
        guint      *status_out,
        guint64    *sent_out,
        double     *seconds_out)
{
  static char block[65536];
  g_autofree char *sign = fresh_sign ();
  g_autofree char *head = NULL;
  g_autofree char *body = NULL;
  gint64 start = g_get_monotonic_time ();
  guint64 sent = 0;
  gsize length;
  guint status = 0;
  int fd;

  memset (block, 0x42, sizeof block);
  start_demo (fixture, 0, NULL);
  fd = connect_demo (fixture);
  if (chunked)
    head = g_strdup ("POST /finauth/search/group/search HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Content-Type: multipart/form-data; boundary=" BOUNDARY "\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n");
  else
    head = request_head ("search", sign, NULL, total, &length);
  g_assert_true (send_all (fd, head, strlen (head)));

  while (sent < total)
    {
      char size[16];

      /* the service may answer (and close) at any point */
      if (wait_readable (fd, 0))
        break;
      g_snprintf (size, sizeof size, "%zx\r\n", sizeof block);
      if ((chunked && !send_all (fd, size, strlen (size))) ||
          !send_all (fd, block, sizeof block) ||
          (chunked && !send_all (fd, "\r\n", 2)))
        break;
      sent += sizeof block;
    }
  if (sent >= total && chunked)
    send_all (fd, "0\r\n\r\n", 5);
  else if (sent >= total)
    send_all (fd, "\r\n--" BOUNDARY "--\r\n", strlen ("\r\n--" BOUNDARY "--\r\n"));
  status = read_reply (fd, 60000, &body);
  *status_out = status;
  *sent_out = sent;
  *seconds_out = seconds_since (start);
  g_test_message ("reply: %u %s", status, body ? body : "");
  close (fd);
}

static void
test_oversized_upload (Fixture       *fixture,
                       gconstpointer  data)
{
  guint status;
  guint64 sent;
  double seconds;

  upload (fixture, FALSE, 300 * LINEUP_TEST_MIB, &status, &sent, &seconds);
  figure (fixture, "HTTP %u after %.1f MiB of 300 MiB, %.2f s", status, sent / (double)LINEUP_TEST_MIB, seconds);
  conclude (fixture);
  g_assert_cmpuint (status, ==, 413);
  g_assert_cmpuint (sent, <, 32 * LINEUP_TEST_MIB);
}

static void
test_oversized_chunked (Fixture       *fixture,
                        gconstpointer  data)
{
  guint status;
  guint64 sent;
  double seconds;

  upload (fixture, TRUE, 300 * LINEUP_TEST_MIB, &status, &sent, &seconds);
  figure (fixture, "HTTP %u after %.1f MiB of 300 MiB chunked, %.2f s", status,
          sent / (double)LINEUP_TEST_MIB, seconds);
  conclude (fixture);
  g_assert_cmpuint (status, ==, 413);
  g_assert_cmpuint (sent, <, 64 * LINEUP_TEST_MIB);
}

/* 5. An upload with a bad sign is refused once the sign has arrived */

static void
test_unsigned_upload (Fixture       *fixture,
                      gconstpointer  data)
{
  static char block[256 * 1024];
  const gsize total = 12 * 1024 * 1024;
  g_autofree char *head = NULL;
  g_autofree char *body = NULL;
  gint64 start;
  gsize length, sent = 0;
  guint status = 0;
  int fd;

  memset (block, 0x42, sizeof block);
  start_demo (fixture, 0, NULL);
  fd = connect_demo (fixture);
  head = request_head ("search", "not-a-sign", NULL, total, &length);
  start = g_get_monotonic_time ();
  g_assert_true (send_all (fd, head, strlen (head)));
  /* 12 MiB at 5 MiB/s */
  while (sent < total && !wait_readable (fd, 50))
    {
      if (!send_all (fd, block, MIN (sizeof block, total - sent)))
        break;
      sent += MIN (sizeof block, total - sent);
    }
  if (sent == total)
    send_all (fd, "\r\n--" BOUNDARY "--\r\n", strlen ("\r\n--" BOUNDARY "--\r\n"));
  status = read_reply (fd, 10000, &body);
  figure (fixture, "HTTP %u after %.1f MiB of 12 MiB, %.2f s", status, sent / (double)LINEUP_TEST_MIB,
          seconds_since (start));
  close (fd);
  conclude (fixture);
  g_assert_cmpuint (status, ==, 401);
  g_assert_nonnull (strstr (body, "AUTHENTICATION_ERROR"));
  g_assert_cmpuint (sent, <, total / 2);
}

/* 6. A pixel bomb: 16000 × 16000 pixels in 250 KB of PNG */

static void
test_pixel_bomb (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GBytes) png = lineup_hostile_png_bomb (16000, 16000);
  g_autofree char *sign = fresh_sign ();
  g_autofree char *group = form_field ("group_id", "demo");
  g_autofree char *head = NULL;
  g_autofree char *body = NULL;
  gint64 start;
  gsize length;
  guint status;
  int fd;

  start_demo (fixture, 0, NULL);
  fd = connect_demo (fixture);
  head = request_head ("search", sign, group, g_bytes_get_size (png), &length);
  start = g_get_monotonic_time ();
  g_assert_true (send_all (fd, head, strlen (head)));
  g_assert_true (send_all (fd, g_bytes_get_data (png, NULL), g_bytes_get_size (png)));
  g_assert_true (send_all (fd, "\r\n--" BOUNDARY "--\r\n", strlen ("\r\n--" BOUNDARY "--\r\n")));
  status = read_reply (fd, 60000, &body);
  figure (fixture, "%" G_GSIZE_FORMAT " byte PNG: HTTP %u %s after %.2f s", g_bytes_get_size (png), status,
          body ? body : "", seconds_since (start));
  close (fd);
  conclude (fixture);
  g_assert_cmpuint (status, ==, 400);
  g_assert_nonnull (strstr (body, "INVALID_IMAGE_SIZE"));
}

/* 7. No more connections at once than it is configured for */

static void
test_connection_cap (Fixture       *fixture,
                     gconstpointer  data)
{
  int idle[4], fd;
  guint early, late;

  start_demo (fixture, 0, (const char *[]) { "--max-connections", "4", "--idle-timeout", "60", NULL });
  for (guint i = 0; i < G_N_ELEMENTS (idle); i++)
    idle[i] = connect_demo (fixture);
  g_usleep (300 * 1000);

  fd = connect_demo (fixture);
  g_assert_true (send_group_list (fd));
  early = read_reply (fd, 1000, NULL);
  close (idle[0]);
  late = read_reply (fd, 5000, NULL);
  figure (fixture, "5th connection: %s while 4 were open, %s after one closed",
          early ? "served" : "waited", late || early ? "served" : "not served");
  close (fd);
  for (guint i = 1; i < G_N_ELEMENTS (idle); i++)
    close (idle[i]);
  conclude (fixture);
  g_assert_cmpuint (early, ==, 0);
  g_assert_cmpuint (late, ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/lineup/hostile/demo/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("descriptor-exhaustion", test_descriptor_exhaustion);
  ADD ("idle-timeout", test_idle_timeout);
  ADD ("slow-header", test_slow_header);
  ADD ("upload/oversized", test_oversized_upload);
  ADD ("upload/oversized-chunked", test_oversized_chunked);
  ADD ("upload/unsigned", test_unsigned_upload);
  ADD ("image/pixel-bomb", test_pixel_bomb);
  ADD ("connection-cap", test_connection_cap);

  return g_test_run ();
}
