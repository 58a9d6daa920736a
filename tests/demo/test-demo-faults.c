/* test-demo-faults.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "demo-http.h"
#include "lineup-demo-faults.h"
#include "lineup-demo-seed.h"
#include "lineup-demo-server.h"
#include "lineup-test-util.h"

/* Faults on demand: each kind over real HTTP, the counters that make them
 * deterministic, and the --fault syntax. No test here measures time; the
 * delays are checked through the plan the server makes for a request. */

typedef struct
{
  LineupDemoServer *server;
  SoupSession      *session;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = lineup_demo_server_new (NULL, NULL);
  lineup_demo_server_set_seed (fixture->server, FALSE);
  g_assert_true (lineup_demo_server_start (fixture->server, 0, &error));
  g_assert_no_error (error);
  fixture->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  lineup_demo_server_stop (fixture->server);
  g_assert_finalize_object (g_steal_pointer (&fixture->server));
}

#define POST(fixture, endpoint, file, ...) \
  demo_post ((fixture)->session, (fixture)->server, (endpoint), (file), __VA_ARGS__)

static DemoReply *
create (Fixture    *fixture,
        const char *group_id)
{
  return POST (fixture, "create", NULL, "group_id", group_id, "group_name", group_id, NULL);
}

static gboolean
group_exists (Fixture    *fixture,
              const char *group_id)
{
  g_autoptr(JsonNode) info = lineup_demo_store_describe_group (lineup_demo_server_get_store (fixture->server),
                                                               group_id, NULL);

  return info != NULL;
}

/* The rules, without HTTP */

static void
test_plan_counters (void)
{
  g_autoptr(LineupDemoFaults) faults = lineup_demo_faults_new ();
  LineupDemoFaultPlan plan;
  guint fired = 0;

  /* after=1, times=2: pass, fail, fail, pass, pass… */
  lineup_demo_faults_set (faults, "search", LINEUP_DEMO_FAULT_SERVER_ERROR, 503, 1, 2, 1.0);
  for (guint i = 0; i < 6; i++)
    {
      lineup_demo_faults_plan (faults, "search", 0, 0, &plan);
      g_assert_cmpint (plan.action == LINEUP_DEMO_FAULT_SERVER_ERROR, ==, i == 1 || i == 2);
      if (plan.action == LINEUP_DEMO_FAULT_SERVER_ERROR)
        g_assert_cmpuint (plan.value, ==, 503);
    }

  /* Other endpoints are not touched. */
  lineup_demo_faults_set (faults, "add", LINEUP_DEMO_FAULT_RESET, 0, 0, 0, 1.0);
  lineup_demo_faults_plan (faults, "search", 0, 0, &plan);
  g_assert_cmpint (plan.action, ==, LINEUP_DEMO_FAULT_NONE);
  lineup_demo_faults_plan (faults, "add", 0, 0, &plan);
  g_assert_cmpint (plan.action, ==, LINEUP_DEMO_FAULT_RESET);

  /* A probability fires some of the time, not never and not always. */
  lineup_demo_faults_clear (faults);
  lineup_demo_faults_set (faults, NULL, LINEUP_DEMO_FAULT_EMPTY, 0, 0, 0, 0.5);
  for (guint i = 0; i < 400; i++)
    {
      lineup_demo_faults_plan (faults, "list", 0, 0, &plan);
      fired += plan.action == LINEUP_DEMO_FAULT_EMPTY;
      if (plan.action == LINEUP_DEMO_FAULT_EMPTY)
        g_assert_cmpuint (plan.value, ==, 200);
    }
  g_assert_cmpuint (fired, >, 0);
  g_assert_cmpuint (fired, <, 400);
}

static void
test_plan_delays (void)
{
  g_autoptr(LineupDemoFaults) faults = lineup_demo_faults_new ();
  LineupDemoFaultPlan plan;
  gboolean varied = FALSE;
  guint first = 0;

  /* Latency and jitter add up, for the endpoint and for all of them. */
  lineup_demo_faults_set (faults, "face_info", LINEUP_DEMO_FAULT_LATENCY, 50, 0, 0, 1.0);
  lineup_demo_faults_set (faults, NULL, LINEUP_DEMO_FAULT_LATENCY, 7, 0, 0, 1.0);
  lineup_demo_faults_set (faults, "face_info", LINEUP_DEMO_FAULT_JITTER, 1000, 0, 0, 1.0);
  for (guint i = 0; i < 50; i++)
    {
      lineup_demo_faults_plan (faults, "face_info", 0, 0, &plan);
      g_assert_cmpint (plan.action, ==, LINEUP_DEMO_FAULT_NONE);
      g_assert_cmpuint (plan.delay_ms, >=, 57);
      g_assert_cmpuint (plan.delay_ms, <=, 1057);
      if (i == 0)
        first = plan.delay_ms;
      varied |= plan.delay_ms != first;
    }
  g_assert_true (varied);

  lineup_demo_faults_plan (faults, "search", 0, 0, &plan);
  g_assert_cmpuint (plan.delay_ms, ==, 7);

  /* Setting a rule again replaces it. */
  lineup_demo_faults_set (faults, NULL, LINEUP_DEMO_FAULT_LATENCY, 3, 0, 0, 1.0);
  lineup_demo_faults_plan (faults, "search", 0, 0, &plan);
  g_assert_cmpuint (plan.delay_ms, ==, 3);
}

static void
test_plan_concurrency (void)
{
  g_autoptr(LineupDemoFaults) faults = lineup_demo_faults_new ();
  LineupDemoFaultPlan plan;

  lineup_demo_faults_set (faults, "search", LINEUP_DEMO_FAULT_CONCURRENCY, 2, 0, 0, 1.0);
  lineup_demo_faults_set (faults, "search", LINEUP_DEMO_FAULT_HTML_502, 0, 0, 0, 1.0);
  lineup_demo_faults_plan (faults, "search", 1, 5, &plan);
  g_assert_cmpint (plan.action, ==, LINEUP_DEMO_FAULT_HTML_502);
  /* Over the limit, the limit wins over the other faults. */
  lineup_demo_faults_plan (faults, "search", 2, 2, &plan);
  g_assert_cmpint (plan.action, ==, LINEUP_DEMO_FAULT_CONCURRENCY);

  /* For all endpoints, the total counts. */
  lineup_demo_faults_clear (faults);
  lineup_demo_faults_set (faults, NULL, LINEUP_DEMO_FAULT_CONCURRENCY, 3, 0, 0, 1.0);
  lineup_demo_faults_plan (faults, "list", 0, 2, &plan);
  g_assert_cmpint (plan.action, ==, LINEUP_DEMO_FAULT_NONE);
  lineup_demo_faults_plan (faults, "list", 0, 3, &plan);
  g_assert_cmpint (plan.action, ==, LINEUP_DEMO_FAULT_CONCURRENCY);
}

static void
test_spec_syntax (void)
{
  g_autoptr(LineupDemoFaults) faults = lineup_demo_faults_new ();
  const char *good[] = {
    "search:html502", "face_info:latency=50", "search:5xx=503,times=2", "*:reset,p=0.1",
    "jitter=20", ":truncated,after=3", "list:empty=503", "group_list:trickle",
    "group_list:trickle=5,after=1,times=1,p=1", "search:concurrency=0", "add:5xx",
  };
  const char *bad[] = {
    "", "search:", "search:bogus", "nowhere:reset", "latency", "latency=-5", "latency=x",
    "html502=503", "reset=1", "5xx=404", "5xx=600", "search:reset,p=0", "search:reset,p=1.5",
    "search:reset,times=0", "search:reset,times=x", "search:reset,after=-1", "search:reset,sometimes",
    "concurrency",
  };
  LineupDemoFaultPlan plan;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (lineup_demo_faults_add_spec (faults, good[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("bad spec “%s”", bad[i]);
      g_assert_false (lineup_demo_faults_add_spec (faults, bad[i], &error));
      g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }

  /* What a spec says is what the plan does. */
  lineup_demo_faults_clear (faults);
  g_assert_true (lineup_demo_faults_add_spec (faults, "search:5xx=502,after=1,times=1", NULL));
  lineup_demo_faults_plan (faults, "search", 0, 0, &plan);
  g_assert_cmpint (plan.action, ==, LINEUP_DEMO_FAULT_NONE);
  lineup_demo_faults_plan (faults, "search", 0, 0, &plan);
  g_assert_cmpint (plan.action, ==, LINEUP_DEMO_FAULT_SERVER_ERROR);
  g_assert_cmpuint (plan.value, ==, 502);
  lineup_demo_faults_plan (faults, "search", 0, 0, &plan);
  g_assert_cmpint (plan.action, ==, LINEUP_DEMO_FAULT_NONE);
}

/* Each fault over HTTP */

static void
test_server_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DemoReply) first = NULL;
  g_autoptr(DemoReply) second = NULL;
  g_autoptr(DemoReply) third = NULL;

  /* "The next two creates fail": a retry test needs no luck. */
  lineup_demo_server_set_fault_full (fixture->server, "create", LINEUP_DEMO_FAULT_SERVER_ERROR, 503, 0, 2, 1.0);
  first = create (fixture, "a");
  demo_assert_error (first, 503, "INTERNAL_ERROR");
  g_assert_true (json_object_has_member (first->json, "request_id"));
  /* Not carried out, so the retry is safe. */
  g_assert_false (group_exists (fixture, "a"));
  second = create (fixture, "a");
  demo_assert_error (second, 503, "INTERNAL_ERROR");
  third = create (fixture, "a");
  demo_assert_ok (third);
  g_assert_true (group_exists (fixture, "a"));
}

static void
test_html_502 (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(DemoReply) reply = NULL;
  g_autoptr(DemoReply) other = NULL;

  lineup_demo_server_set_fault (fixture->server, "group_list", LINEUP_DEMO_FAULT_HTML_502, 0);
  reply = POST (fixture, "group_list", NULL, NULL);
  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 502);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==, "text/html");
  g_assert_null (reply->json);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body),
                                  "502 Bad Gateway"));

  /* Only that endpoint. */
  other = create (fixture, "b");
  demo_assert_ok (other);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DemoReply) reply = NULL;
  g_autoptr(DemoReply) whole = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;

  lineup_demo_server_set_fault_full (fixture->server, "create", LINEUP_DEMO_FAULT_TRUNCATED, 0, 0, 1, 1.0);
  reply = create (fixture, "t");
  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  size = g_bytes_get_size (reply->body);
  g_assert_cmpuint (size, >, 10);
  g_assert_false (json_parser_load_from_data (parser, g_bytes_get_data (reply->body, NULL), size, NULL));
  g_assert_cmpmem (g_bytes_get_data (reply->body, NULL), 14, "{\"request_id\":", 14);
  /* Carried out: only its reply was spoilt. */
  g_assert_true (group_exists (fixture, "t"));

  whole = create (fixture, "t");
  demo_assert_error (whole, 400, "GROUP_ID_EXIST");
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(DemoReply) ok_empty = NULL;
  g_autoptr(DemoReply) error_empty = NULL;

  lineup_demo_server_set_fault (fixture->server, "group_list", LINEUP_DEMO_FAULT_EMPTY, 0);
  ok_empty = POST (fixture, "group_list", NULL, NULL);
  g_assert_no_error (ok_empty->error);
  g_assert_cmpuint (ok_empty->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (ok_empty->body), ==, 0);

  lineup_demo_server_set_fault (fixture->server, "create", LINEUP_DEMO_FAULT_EMPTY, 503);
  error_empty = create (fixture, "e");
  g_assert_cmpuint (error_empty->status, ==, 503);
  g_assert_cmpuint (g_bytes_get_size (error_empty->body), ==, 0);
  g_assert_false (group_exists (fixture, "e"));
}

static void
test_reset (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(DemoReply) reset = NULL;
  g_autoptr(DemoReply) after = NULL;

  g_assert_true (lineup_demo_server_add_fault_spec (fixture->server, "create:reset,times=1", NULL));
  reset = create (fixture, "r");
  g_assert_nonnull (reset->error);
  g_test_message ("reset gives: %s", reset->error->message);
  g_assert_true (reset->error->domain == G_IO_ERROR);
  g_assert_cmpuint (reset->status, ==, SOUP_STATUS_NONE);
  g_assert_false (group_exists (fixture, "r"));
  g_assert_cmpuint (lineup_demo_server_get_requests_in_flight (fixture->server), ==, 0);

  /* The service itself carries on. */
  after = create (fixture, "r");
  demo_assert_ok (after);
}

static void
test_trickle (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DemoReply) created = create (fixture, "slow");
  guint reads = 0;

  demo_assert_ok (created);
  lineup_demo_server_set_fault (fixture->server, "group_info", LINEUP_DEMO_FAULT_TRICKLE, 2);
  msg = demo_message (fixture->server, "group_info", NULL, "group_id", "slow", NULL);
  stream = soup_session_send (fixture->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpint (soup_message_headers_get_encoding (soup_message_get_response_headers (msg)), ==,
                   SOUP_ENCODING_CHUNKED);

  for (;;)
    {
      guint8 buffer[256];
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error);

      g_assert_no_error (error);
      if (n == 0)
        break;
      /* Chunks of at most 8 bytes, each read on its own. */
      g_assert_cmpint (n, <=, 8);
      g_byte_array_append (body, buffer, n);
      reads++;
    }
  g_assert_cmpuint (reads, >=, (body->len + 7) / 8);
  g_assert_true (json_parser_load_from_data (parser, (const char *)body->data, body->len, &error));
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (json_node_get_object (json_parser_get_root (parser)), "info"));
}

static void
keep_reply (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  DemoReply **slot = user_data;
  DemoReply *reply = g_new0 (DemoReply, 1);

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &reply->error);
  *slot = reply;
}

static void
test_concurrency_limit (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SoupSession) held_session = soup_session_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SoupMessage) held = NULL;
  g_autoptr(DemoReply) held_reply = NULL;
  g_autoptr(DemoReply) rejected = NULL;
  g_autoptr(DemoReply) other = NULL;
  g_autoptr(DemoReply) later = NULL;
  g_autoptr(DemoReply) all = NULL;

  /* One group_list at a time; the first is held (a long latency) so the
   * second certainly finds it in flight. */
  lineup_demo_server_set_fault (fixture->server, "group_list", LINEUP_DEMO_FAULT_CONCURRENCY, 1);
  lineup_demo_server_set_fault_full (fixture->server, "group_list", LINEUP_DEMO_FAULT_LATENCY, 60000, 0, 1, 1.0);
  held = demo_message (fixture->server, "group_list", NULL, NULL);
  soup_session_send_and_read_async (held_session, held, G_PRIORITY_DEFAULT, cancellable, keep_reply, &held_reply);
  LINEUP_TEST_WAIT_FOR (lineup_demo_server_get_requests_in_flight (fixture->server) == 1, 30);

  rejected = POST (fixture, "group_list", NULL, NULL);
  demo_assert_error (rejected, 403, "CONCURRENCY_LIMIT_EXCEEDED");
  /* Unlike 403 AUTHORIZATION_ERROR, this one has the whole envelope. */
  g_assert_true (json_object_has_member (rejected->json, "request_id"));
  g_assert_true (json_object_has_member (rejected->json, "time_used"));

  /* The limit is per endpoint. */
  other = create (fixture, "c");
  demo_assert_ok (other);

  /* When the held client gives up, its slot is free again. */
  g_cancellable_cancel (cancellable);
  LINEUP_TEST_WAIT_FOR (held_reply != NULL, 30);
  g_assert_error (held_reply->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  LINEUP_TEST_WAIT_FOR (lineup_demo_server_get_requests_in_flight (fixture->server) == 0, 30);
  later = POST (fixture, "group_list", NULL, NULL);
  demo_assert_ok (later);

  /* A limit for all endpoints counts every request: 0 rejects them all. */
  lineup_demo_server_clear_faults (fixture->server);
  g_assert_true (lineup_demo_server_add_fault_spec (fixture->server, "concurrency=0", NULL));
  all = create (fixture, "d");
  demo_assert_error (all, 403, "CONCURRENCY_LIMIT_EXCEEDED");
  g_assert_false (group_exists (fixture, "d"));
}

static void
test_latency_still_answers (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(DemoReply) reply = NULL;

  lineup_demo_server_set_fault (fixture->server, NULL, LINEUP_DEMO_FAULT_LATENCY, 20);
  lineup_demo_server_set_fault (fixture->server, NULL, LINEUP_DEMO_FAULT_JITTER, 20);
  reply = create (fixture, "l");
  demo_assert_ok (reply);
  g_assert_cmpstr (json_object_get_string_member (reply->json, "group_id"), ==, "l");
}

static void
test_stop_while_delayed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(DemoReply) reply = NULL;

  /* A reply an hour away and a trickle must not keep stop() waiting. */
  lineup_demo_server_set_fault (fixture->server, "group_list", LINEUP_DEMO_FAULT_LATENCY, 3600000);
  msg = demo_message (fixture->server, "group_list", NULL, NULL);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, keep_reply, &reply);
  LINEUP_TEST_WAIT_FOR (lineup_demo_server_get_requests_in_flight (fixture->server) == 1, 30);

  lineup_demo_server_stop (fixture->server);
  LINEUP_TEST_WAIT_FOR (reply != NULL, 30);
  g_assert_nonnull (reply->error);
}

static void
test_clear (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(DemoReply) reply = NULL;

  lineup_demo_server_set_fault (fixture->server, NULL, LINEUP_DEMO_FAULT_HTML_502, 0);
  lineup_demo_server_clear_faults (fixture->server);
  reply = POST (fixture, "group_list", NULL, NULL);
  demo_assert_ok (reply);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lineup/demo/faults/plan/counters", test_plan_counters);
  g_test_add_func ("/lineup/demo/faults/plan/delays", test_plan_delays);
  g_test_add_func ("/lineup/demo/faults/plan/concurrency", test_plan_concurrency);
  g_test_add_func ("/lineup/demo/faults/spec-syntax", test_spec_syntax);

#define ADD(path, func) \
  g_test_add ("/lineup/demo/faults/http/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("server-error", test_server_error);
  ADD ("html-502", test_html_502);
  ADD ("truncated", test_truncated);
  ADD ("empty", test_empty);
  ADD ("reset", test_reset);
  ADD ("trickle", test_trickle);
  ADD ("concurrency-limit", test_concurrency_limit);
  ADD ("latency-still-answers", test_latency_still_answers);
  ADD ("stop-while-delayed", test_stop_while_delayed);
  ADD ("clear", test_clear);

#undef ADD

  return g_test_run ();
}
