/* test-hostile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lineup-demo-seed.h"
#include "lineup-demo-server.h"
#include "lineup-image.h"
#include "lineup-test-child.h"
#include "lineup-test-hostile.h"
#include "lineup-test-util.h"

/* The built lineup-cli ($LINEUP_CLI) against a hostile service on
 * 127.0.0.1: one case per way a reply can attack a client (bombs,
 * endless bodies, redirects, a proxy, echoed signs, terminal escapes,
 * replies that ignore the request, numbers JSON cannot hold, cut-off
 * writes). Each case checks the exit status, the message, the wall time
 * and the child's peak memory. The bounds are ceilings that tell "held"
 * from "went along with the attack" (seconds against a hang, tens of MiB
 * against gigabytes), not performance goals. Each child runs under an
 * address-space cap (not under ASan) and is killed at its time-out, so
 * a client that does not hold cannot take the machine down with it.
 *
 * Every run's figures go to the test log; with LINEUP_HOSTILE_REPORT
 * set to a file, one line per case is appended there too. */

#define HOSTILE_KEY    "hostile-key"
#define HOSTILE_SECRET "hostile-secret-never-shown"

#define RUN_SECONDS    30
#define ADDRESS_SPACE  (4096 * LINEUP_TEST_MIB)

/* Bounds the fixed client stays far below. */
#define MAX_SECONDS    10.0
#define MAX_PEAK_MIB   96

static char *probe_path;
static GString *note;   /* what the case saw on the server's side, for the report */

typedef struct
{
  LineupHostile *server;
  GBytes        *payload;     /* a bomb, for the cases that send one */
  guint          n_results;
  guint64        body_bytes;
  const char    *variant;
  char          *secret_echo;
} Fixture;

/* Running lineup-cli */

static LineupTestRun *
run_cli_env (Fixture            *fixture,
             const char * const *env,
             const char * const *args)
{
  static const LineupTestLimits limits = { ADDRESS_SPACE, 0, RUN_SECONDS };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GPtrArray) envp = g_ptr_array_new ();
  const char *cli = g_getenv ("LINEUP_CLI");
  LineupTestRun *run;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer)cli);
  if (fixture->server != NULL)
    {
      g_ptr_array_add (argv, "--base-url");
      g_ptr_array_add (argv, (gpointer)lineup_hostile_get_base_url (fixture->server));
    }
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  /* hermetic: these credentials, no keyring, no proxy unless asked for */
  for (const char * const *e = (const char *[]) {
         "LINEUP_API_KEY=" HOSTILE_KEY, "LINEUP_API_SECRET=" HOSTILE_SECRET, "LINEUP_BASE_URL=",
         "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/lineup-test", "LC_ALL=C.UTF-8",
         "G_MESSAGES_DEBUG=", "http_proxy=", "HTTP_PROXY=", "https_proxy=", "HTTPS_PROXY=",
         "all_proxy=", "ALL_PROXY=", "no_proxy=", "NO_PROXY=", NULL }; *e; e++)
    g_ptr_array_add (envp, (gpointer)*e);
  for (guint i = 0; env && env[i]; i++)
    g_ptr_array_add (envp, (gpointer)env[i]);
  g_ptr_array_add (envp, NULL);

  run = lineup_test_run ((const char * const *)argv->pdata, (const char * const *)envp->pdata, &limits);
  return run;
}

#define RUN(fixture, ...) run_cli_env ((fixture), NULL, (const char *[]) { __VA_ARGS__, NULL })
#define RUN_ENV(fixture, env, ...) run_cli_env ((fixture), (env), (const char *[]) { __VA_ARGS__, NULL })

static void
report (LineupTestRun *run)
{
  g_autofree char *figures = lineup_test_run_describe (run);
  const char *file = g_getenv ("LINEUP_HOSTILE_REPORT");
  g_autofree char *first_line = g_strndup (run->err, strcspn (run->err, "\n"));

  g_test_message ("%s: %s%s\n  stderr: %s", g_test_get_path (), figures, note->str, run->err);
  if (file != NULL)
    {
      FILE *out = fopen (file, "a");

      if (out != NULL)
        {
          fprintf (out, "%s\t%s%s\t%s\n", g_test_get_path (), figures, note->str, first_line);
          fclose (out);
        }
    }
}

/* Control characters, C1 controls, DEL and bidi overrides could move the
 * cursor, retitle the terminal or reorder what the user reads. */
static const char *
find_terminal_hazard (const char *text,
                      gsize       len)
{
  const char *end;

  if (!g_utf8_validate (text, len, &end))
    return end;
  for (const char *p = text; p < text + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) ||
          c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
          (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029)
        return p;
    }
  return NULL;
}

/* What every run must hold to, whatever the case: stdout empty or one
 * JSON document, and nothing on either stream that a terminal would
 * take as a command. */
static void
check_streams (LineupTestRun *run)
{
  const char *hazard;

  if (run->out_len > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      if (!json_parser_load_from_data (parser, run->out, run->out_len, &error))
        g_error ("stdout is not JSON (%s): %.200s", error->message, run->out);
    }
  if ((hazard = find_terminal_hazard (run->out, run->out_len)))
    g_error ("stdout has a control character at byte %" G_GSIZE_FORMAT ": %.40s",
             (gsize)(hazard - run->out), hazard);
  if ((hazard = find_terminal_hazard (run->err, strlen (run->err))))
    g_error ("stderr has a control character at byte %" G_GSIZE_FORMAT ": %s",
             (gsize)(hazard - run->err), run->err);
}

static void
assert_held (LineupTestRun *run,
             int            status,
             const char    *in_stderr)
{
  report (run);
  g_assert_false (run->timed_out);
  if (run->status != status)
    g_error ("exit status %d, expected %d; stderr: %s", run->status, status, run->err);
  if (in_stderr != NULL && strstr (run->err, in_stderr) == NULL)
    g_error ("“%s” is not in stderr: %s", in_stderr, run->err);
  check_streams (run);
  g_assert_cmpfloat (run->seconds, <, MAX_SECONDS);
  /* ASan's shadow memory and quarantine make RSS meaningless there */
  if (!lineup_test_under_asan ())
    g_assert_cmpuint (run->peak_rss, <, MAX_PEAK_MIB * LINEUP_TEST_MIB);
}

static JsonObject *
stdout_object (LineupTestRun *run)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, run->out, run->out_len, NULL));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  handler)
{
  g_string_truncate (note, 0);
  if (handler != NULL)
    fixture->server = lineup_hostile_new ((LineupHostileHandler)handler, fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  handler)
{
  g_clear_pointer (&fixture->server, lineup_hostile_free);
  g_clear_pointer (&fixture->payload, g_bytes_unref);
  g_clear_pointer (&fixture->secret_echo, g_free);
}

/* Writes @total bytes of a JSON document: @prefix, letters, @suffix. */
static gboolean
write_padded (int         fd,
              const char *prefix,
              guint64     total,
              const char *suffix)
{
  static char letters[65536];
  guint64 left = total - strlen (prefix) - strlen (suffix);

  memset (letters, 'a', sizeof letters);
  if (!lineup_hostile_write (fd, prefix, strlen (prefix)))
    return FALSE;
  while (left > 0)
    {
      gsize n = MIN (left, sizeof letters);

      if (!lineup_hostile_write (fd, letters, n))
        return FALSE;
      left -= n;
    }
  return lineup_hostile_write (fd, suffix, strlen (suffix));
}

/* 1. Reply bodies: a gzip bomb, an endless chunked reply, a huge body */

#define PAD_PREFIX "{\"request_id\":\"1,a\",\"time_used\":1,\"group_infos\":[],\"pad\":\""
#define PAD_SUFFIX "\"}"

static gboolean
send_gzip_bomb (LineupHostileRequest *request,
                gpointer              data)
{
  Fixture *fixture = data;

  lineup_hostile_reply (request->fd, 200, "Content-Type: application/json\r\nContent-Encoding: gzip\r\n",
                        g_bytes_get_data (fixture->payload, NULL), g_bytes_get_size (fixture->payload));
  return TRUE;
}

static void
test_gzip_bomb (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LineupTestRun) run = NULL;

  /* 256 MiB of JSON in a few hundred KiB */
  fixture->payload = lineup_hostile_gzip (PAD_PREFIX, 256 * LINEUP_TEST_MIB, PAD_SUFFIX);
  g_test_message ("gzip bomb: %" G_GSIZE_FORMAT " bytes", g_bytes_get_size (fixture->payload));
  run = RUN (fixture, "groups");
  assert_held (run, 1, "compressed");
}

static gboolean
send_endless (LineupHostileRequest *request,
              gpointer              data)
{
  static const char head[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             "Transfer-Encoding: chunked\r\n\r\n";
  g_autofree char *first = g_strdup_printf ("%zx\r\n%s\r\n", strlen (PAD_PREFIX), PAD_PREFIX);
  static char chunk[7 + 65536 + 2];
  guint64 sent = 0;

  memcpy (chunk, "10000\r\n", 7);
  memset (chunk + 7, 'a', 65536);
  memcpy (chunk + 7 + 65536, "\r\n", 2);
  if (!lineup_hostile_write (request->fd, head, strlen (head)) ||
      !lineup_hostile_write (request->fd, first, strlen (first)))
    return FALSE;
  /* until the client gives up, or 1 GiB */
  while (sent < 1024 * LINEUP_TEST_MIB && !lineup_hostile_is_stopping (request->server) &&
         lineup_hostile_write (request->fd, chunk, 7 + 65536 + 2))
    sent += 65536;
  return FALSE;
}

static void
test_endless_chunked (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LineupTestRun) run = RUN (fixture, "groups");

  assert_held (run, 1, "too large");
}

static gboolean
send_huge (LineupHostileRequest *request,
           gpointer              data)
{
  Fixture *fixture = data;
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                           "Content-Length: %" G_GUINT64_FORMAT "\r\n\r\n",
                                           fixture->body_bytes);

  if (lineup_hostile_write (request->fd, head, strlen (head)))
    write_padded (request->fd, PAD_PREFIX, fixture->body_bytes, PAD_SUFFIX);
  return FALSE;
}

static void
test_huge_body (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LineupTestRun) run = NULL;

  fixture->body_bytes = 200 * LINEUP_TEST_MIB;
  run = RUN (fixture, "groups");
  assert_held (run, 1, "too large");
}

/* 2. Images: a PNG of 16000 × 16000 black pixels, 250 KB of file */

static void
test_pixel_bomb (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GBytes) png = NULL;
  g_autoptr(LineupTestRun) run = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

#ifndef LINEUP_IMAGE_MAX_PIXELS
  /* The client's image preparation is issue 9's (lineup-image.c); its
   * pixel limit, read from the header, is not in yet. */
  if (g_getenv ("LINEUP_HOSTILE_REPORT") == NULL)
    {
      g_test_skip ("lineup-image has no pixel-count limit yet (LINEUP_IMAGE_MAX_PIXELS)");
      return;
    }
#endif
  png = lineup_hostile_png_bomb (16000, 16000);
  fd = g_file_open_tmp ("lineup-bomb-XXXXXX.png", &path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL));
  close (fd);
  run = RUN (fixture, "search", "--group", "g", path);
  g_unlink (path);
  assert_held (run, 2, NULL);
  /* refused before anything was sent */
  g_assert_cmpuint (lineup_hostile_count (fixture->server, NULL), ==, 0);
}

static gboolean
answer_search (LineupHostileRequest *request,
               gpointer              data)
{
  return lineup_hostile_reply_json (request, 200, "{\"request_id\":\"1,a\",\"result\":[]}");
}

/* 3. Redirects: a 302 that would turn the signed POST into a GET */

static gboolean
send_redirect (LineupHostileRequest *request,
               gpointer              data)
{
  g_autofree char *location = NULL;

  if (strcmp (request->method, "GET") == 0)
    return lineup_hostile_reply_json (request, 200, "{\"request_id\":\"1,g\",\"face_token\":\"ghost\"}");

  location = g_strdup_printf ("Location: http://127.0.0.1:%u/elsewhere/add\r\nContent-Type: text/html\r\n",
                              lineup_hostile_get_port (request->server));
  return lineup_hostile_reply (request->fd, 302, location, "<a>moved</a>", -1);
}

static void
test_redirect (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(LineupTestRun) run = RUN (fixture, "add", "--group", "g", "--user-id", "u1", probe_path);

  assert_held (run, 1, "/elsewhere/add");
  g_assert_null (strstr (run->out, "ghost"));
  /* the redirect was not followed */
  g_assert_cmpuint (lineup_hostile_count (fixture->server, NULL), ==, 1);
}

/* 4. A proxy in the environment never sees a signed request over HTTP */

static gboolean
answer_groups (LineupHostileRequest *request,
               gpointer              data)
{
  return lineup_hostile_reply_json (request, 200, "{\"request_id\":\"1,a\",\"group_infos\":[]}");
}

static gboolean
proxy_listens (LineupHostileRequest *request,
               gpointer              data)
{
  return lineup_hostile_reply (request->fd, 502, "Content-Type: text/html\r\n", "<h1>proxy</h1>", -1);
}

static void
test_proxy (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(LineupHostile) proxy = lineup_hostile_new (proxy_listens, NULL);
  g_autofree char *proxy_url = g_strdup_printf ("http://127.0.0.1:%u/", lineup_hostile_get_port (proxy));
  g_autofree char *lower = g_strconcat ("http_proxy=", proxy_url, NULL);
  g_autofree char *upper = g_strconcat ("HTTP_PROXY=", proxy_url, NULL);
  const char *env[] = { lower, upper, NULL };
  g_autoptr(LineupTestRun) run = RUN_ENV (fixture, env, "groups");
  g_autoptr(GPtrArray) leaked = lineup_hostile_dup_signs (proxy);

  g_string_append_printf (note, ", the proxy received %u requests and %u signs",
                          lineup_hostile_count (proxy, NULL), leaked->len);
  assert_held (run, 0, NULL);
  g_assert_cmpuint (lineup_hostile_count (proxy, NULL), ==, 0);
  g_assert_cmpuint (lineup_hostile_count (fixture->server, "group_list"), ==, 1);
}

/* 5. Signs echoed back, in every escaping, never leave the process */

/* The sign as a reply's text may carry it. */
static char *
escape_sign (const char *sign,
             const char *variant)
{
  if (strcmp (variant, "raw") == 0)
    return g_strdup (sign);
  if (strcmp (variant, "percent") == 0)
    return g_uri_escape_string (sign, NULL, FALSE);
  if (strcmp (variant, "json") == 0)
    {
      GString *out = g_string_new (NULL);

      /* what a JSON encoder that escapes "/" and punctuation sends */
      for (const char *p = sign; *p; p++)
        if (*p == '/')
          g_string_append (out, "\\/");
        else if (*p == '+' || *p == '=')
          g_string_append_printf (out, "\\u%04X", *p);
        else
          g_string_append_c (out, *p);
      return g_string_free (out, FALSE);
    }
  g_assert_not_reached ();
}

static gboolean
echo_sign (LineupHostileRequest *request,
           gpointer              data)
{
  Fixture *fixture = data;
  const char *sign = g_hash_table_lookup (request->fields, "sign");
  g_autofree char *escaped = escape_sign (sign ? sign : "", fixture->variant);

  return lineup_hostile_reply_json (request, 401,
                                    "{\"request_id\":\"1,%s\",\"error\":\"AUTHENTICATION_ERROR: bad sign %s%s%s\"}",
                                    escaped, escaped, fixture->secret_echo ? " for secret " : "",
                                    fixture->secret_echo ? fixture->secret_echo : "");
}

static void
assert_no_sign (Fixture    *fixture,
                const char *text)
{
  g_autoptr(GPtrArray) signs = lineup_hostile_dup_signs (fixture->server);
  static const char *variants[] = { "raw", "percent", "json" };

  g_assert_cmpuint (signs->len, >, 0);
  if (strstr (text, HOSTILE_SECRET) != NULL)
    g_error ("The secret was shown: %s", text);
  for (guint i = 0; i < signs->len; i++)
    for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
      {
        g_autofree char *form = escape_sign (g_ptr_array_index (signs, i), variants[v]);

        if (strstr (text, form) != NULL)
          g_error ("A sign (%s) was shown: %s", variants[v], text);
      }
}

static void
test_sign_echo (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *variants[] = { "raw", "json", "percent" };

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_autoptr(LineupTestRun) run = NULL;

      fixture->variant = variants[v];
      /* a service that knows the secret and echoes it too */
      g_free (fixture->secret_echo);
      fixture->secret_echo = v == 1 ? g_strdup (HOSTILE_SECRET) : NULL;
      run = RUN (fixture, "--verbose", "search", "--group", "g", probe_path);
      g_string_printf (note, " (%s)", variants[v]);
      assert_held (run, 1, "AUTHENTICATION_ERROR");
      assert_no_sign (fixture, run->err);
      assert_no_sign (fixture, run->out);
    }
}

/* 6. Terminal injection through error, request_id and stored text */

#define INJECTION "\\u001b]0;owned\\u0007\\u001b[2J\\r\\nlineup-cli: fake\\u202e\\u009b31m\\u007f"

static gboolean
inject (LineupHostileRequest *request,
        gpointer              data)
{
  Fixture *fixture = data;

  if (strcmp (fixture->variant, "error") == 0)
    return lineup_hostile_reply_json (request, 400, "{\"request_id\":\"1," INJECTION "\","
                                      "\"error\":\"BAD_ARGUMENTS" INJECTION "\"}");
  return lineup_hostile_reply_json (request, 200, "{\"request_id\":\"1," INJECTION "\",\"group_infos\":["
                                    "{\"group_id\":\"g" INJECTION "\",\"group_name\":\"" INJECTION "\","
                                    "\"group_data\":\"\\u2066x\\u2069\\u2028\",\"add_time\":\"" INJECTION "\"}]}");
}

static void
test_terminal_injection (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LineupTestRun) failed = NULL;
  g_autoptr(LineupTestRun) listed = NULL;
  g_autoptr(JsonObject) object = NULL;

  fixture->variant = "error";
  failed = RUN (fixture, "--verbose", "groups");
  assert_held (failed, 1, "BAD_ARGUMENTS");

  fixture->variant = "stored";
  listed = RUN (fixture, "groups");
  assert_held (listed, 0, NULL);
  /* escaped, not lost: the JSON still holds the service's text */
  object = stdout_object (listed);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "request_id"), "1,\033]0;owned"));
}

/* 7. Replies that ignore the request: more results than asked for */

static gboolean
send_results (LineupHostileRequest *request,
              gpointer              data)
{
  Fixture *fixture = data;
  static const char entry[] = "{\"face_token\":\"t%07u\",\"group_id\":\"g\",\"score\":50.0}";
  const gsize entry_len = strlen ("{\"face_token\":\"t0000000\",\"group_id\":\"g\",\"score\":50.0}");
  static const char prefix[] = "{\"request_id\":\"1,a\",\"time_used\":1,\"result\":[";
  g_autofree char *head = NULL;
  guint64 len = strlen (prefix) + (guint64)fixture->n_results * (entry_len + 1) - 1 + 2;

  if (strcmp (request->endpoint, "face_info") == 0)
    return lineup_hostile_reply_json (request, 200, "{\"request_id\":\"2,b\",\"info\":{\"face_token\":\"%s\","
                                      "\"user_id\":\"u\",\"user_data\":\"\",\"add_time\":1}}",
                                      (char *)g_hash_table_lookup (request->fields, "face_token"));

  head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: %" G_GUINT64_FORMAT "\r\n\r\n%s", len, prefix);
  if (!lineup_hostile_write (request->fd, head, strlen (head)))
    return FALSE;
  for (guint i = 0; i < fixture->n_results; i++)
    {
      char buffer[128];
      int n = g_snprintf (buffer, sizeof buffer, entry, i);

      if (i + 1 < fixture->n_results)
        buffer[n++] = ',';
      if (!lineup_hostile_write (request->fd, buffer, n))
        return FALSE;
    }
  return lineup_hostile_write (request->fd, "]}", 2);
}

static void
test_beyond_limit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LineupTestRun) run = NULL;
  g_autoptr(JsonObject) object = NULL;

  fixture->n_results = 30000;   /* 1.7 MB: under the body limit */
  run = RUN (fixture, "search", "--group", "g", "--limit", "1", "--with-info", probe_path);
  g_string_append_printf (note, ", %u face_info requests", lineup_hostile_count (fixture->server, "face_info"));
  assert_held (run, 0, "30000");
  object = stdout_object (run);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "result")), ==, 1);
  /* fan-out over what was kept */
  g_assert_cmpuint (lineup_hostile_count (fixture->server, "face_info"), ==, 1);
}

static void
test_million_results (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LineupTestRun) run = NULL;

  fixture->n_results = 1000000;   /* 57 MB */
  run = RUN (fixture, "search", "--group", "g", "--limit", "1", "--with-info", probe_path);
  g_string_append_printf (note, ", %u face_info requests", lineup_hostile_count (fixture->server, "face_info"));
  assert_held (run, 1, "too large");
  g_assert_cmpuint (lineup_hostile_count (fixture->server, "face_info"), ==, 0);
}

/* 8. Numbers: beyond 64 bits, beyond what JSON output can print, out of
 * range, not numbers at all */

static gboolean
send_numbers (LineupHostileRequest *request,
              gpointer              data)
{
  return lineup_hostile_reply_json (request, 200,
                                    "{\"request_id\":\"1,a\",\"time_used\":18446744073709551617,\"result\":["
                                    "{\"face_token\":\"big\",\"group_id\":\"g\",\"score\":1e21},"
                                    "{\"face_token\":\"over\",\"group_id\":\"g\",\"score\":150},"
                                    "{\"face_token\":\"under\",\"group_id\":\"g\",\"score\":-5},"
                                    "{\"face_token\":\"text\",\"group_id\":\"g\",\"score\":\"high\"},"
                                    "{\"face_token\":\"fine\",\"group_id\":\"g\",\"score\":97.8}]}");
}

static void
test_numbers (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(LineupTestRun) run = RUN (fixture, "search", "--group", "g", "--limit", "5", probe_path);
  g_autoptr(JsonObject) object = NULL;
  JsonArray *result;

  assert_held (run, 0, NULL);
  object = stdout_object (run);
  /* 2^64 + 1 does not wrap to 1 */
  g_assert_false (json_object_has_member (object, "time_used") &&
                  json_object_get_int_member (object, "time_used") == 1);
  result = json_object_get_array_member (object, "result");
  g_assert_cmpuint (json_array_get_length (result), ==, 5);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *entry = json_array_get_object_element (result, i);

      g_test_message ("%s", json_object_get_string_member (entry, "face_token"));
      g_assert_true (json_object_get_null_member (entry, "score"));
      g_assert_true (json_object_has_member (entry, "score_problem"));
    }
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (result, 4), "score"),
                     ==, 97.8);
  /* and flagged where a person reads it */
  g_assert_nonnull (strstr (run->err, "score"));
}

/* 9. Honest outcomes */

static gboolean
fail_lookups (LineupHostileRequest *request,
              gpointer              data)
{
  if (strcmp (request->endpoint, "face_info") == 0)
    return lineup_hostile_reply_json (request, 400, "{\"request_id\":\"2,b\",\"error\":\"INVALID_FACE_TOKEN\"}");
  return lineup_hostile_reply_json (request, 200, "{\"request_id\":\"1,a\",\"result\":["
                                    "{\"face_token\":\"gone1\",\"group_id\":\"g\",\"score\":90},"
                                    "{\"face_token\":\"gone2\",\"group_id\":\"g\",\"score\":80}]}");
}

static void
test_lookups_failed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LineupTestRun) run = RUN (fixture, "search", "--group", "g", "--limit", "2",
                                      "--with-info", probe_path);

  assert_held (run, 1, "gone1");
  g_assert_nonnull (strstr (run->err, "gone2"));
}

static gboolean
cut_off (LineupHostileRequest *request,
         gpointer              data)
{
  Fixture *fixture = data;
  static const char partial[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                "Content-Length: 200\r\n\r\n{\"request_id\":\"1,a\",\"face_tok";

  /* the request was read (and perhaps carried out); the reply is lost */
  if (strcmp (fixture->variant, "cut") == 0)
    lineup_hostile_write (request->fd, partial, strlen (partial));
  return FALSE;
}

static void
test_unknown_outcome (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char *variants[] = { "cut", "reset" };

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_autoptr(LineupTestRun) run = NULL;
      guint before = lineup_hostile_count (fixture->server, "add");

      fixture->variant = variants[v];
      run = RUN (fixture, "add", "--group", "g", "--user-id", "u1", probe_path);
      g_string_printf (note, " (%s)", variants[v]);
      assert_held (run, 1, "may have been added: check with list before retrying");
      /* and it was not sent twice */
      g_assert_cmpuint (lineup_hostile_count (fixture->server, "add"), ==, before + 1);
    }
}

static void
test_list_all (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(LineupDemoServer) demo = lineup_demo_server_new (HOSTILE_KEY, HOSTILE_SECRET);
  g_autoptr(GdkPixbuf) portrait = lineup_demo_probe_render (0);
  g_autoptr(LineupDemoFeature) feature = lineup_demo_feature_new_from_pixbuf (portrait, NULL);
  LineupDemoStore *store = lineup_demo_server_get_store (demo);
  g_autoptr(LineupTestRun) run = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;

  lineup_demo_server_set_seed (demo, FALSE);
  g_assert_true (lineup_demo_server_start (demo, 0, &error));
  g_assert_true (lineup_demo_store_create_group (store, "big", "Big", NULL, "s21", &error));
  for (guint i = 0; i < 2500; i++)
    {
      g_autofree char *user_id = g_strdup_printf ("user_%u", i);
      g_autofree char *token = lineup_demo_store_add_face (store, "big", user_id, NULL, feature, NULL, &error);

      g_assert_no_error (error);
    }

  run = RUN (fixture, "--base-url", lineup_demo_server_get_base_url (demo), "list", "--group", "big", "--all");
  lineup_demo_server_stop (demo);
  assert_held (run, 0, NULL);
  object = stdout_object (run);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "face_tokens")), ==, 2500);
  g_assert_false (json_object_get_boolean_member (object, "truncated"));
}

static gboolean
send_forbidden (LineupHostileRequest *request,
                gpointer              data)
{
  return lineup_hostile_reply (request->fd, 403, "Content-Type: text/html\r\n",
                               "<html><body><h1>403 Forbidden</h1>Request blocked.</body></html>", -1);
}

static void
test_forbidden_html (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LineupTestRun) run = RUN (fixture, "groups");

  assert_held (run, 1, "403");
  g_assert_null (strstr (run->err, "not a JSON object"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) probe = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  note = g_string_new (NULL);
  probe = lineup_test_write_probe (0);
  probe_path = g_file_get_path (probe);

#define ADD(path, handler, func) \
  g_test_add ("/lineup/hostile/client/" path, Fixture, handler, fixture_set_up, func, fixture_tear_down)

  ADD ("body/gzip-bomb", send_gzip_bomb, test_gzip_bomb);
  ADD ("body/endless-chunked", send_endless, test_endless_chunked);
  ADD ("body/huge", send_huge, test_huge_body);
  ADD ("image/pixel-bomb", answer_search, test_pixel_bomb);
  ADD ("redirect", send_redirect, test_redirect);
  ADD ("proxy", answer_groups, test_proxy);
  ADD ("redaction/sign-echo", echo_sign, test_sign_echo);
  ADD ("output/terminal-injection", inject, test_terminal_injection);
  ADD ("limit/beyond-limit", send_results, test_beyond_limit);
  ADD ("limit/million-results", send_results, test_million_results);
  ADD ("smaller/numbers", send_numbers, test_numbers);
  ADD ("smaller/lookups-failed", fail_lookups, test_lookups_failed);
  ADD ("smaller/unknown-outcome", cut_off, test_unknown_outcome);
  ADD ("smaller/list-all", NULL, test_list_all);
  ADD ("smaller/forbidden-html", send_forbidden, test_forbidden_html);

  status = g_test_run ();
  g_unlink (probe_path);
  g_free (probe_path);
  return status;
}
