/* test-connection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lineup-connection-test.h"
#include "lineup-demo-server.h"
#include "lineup-error.h"
#include "lineup-test-util.h"

/* Each outcome of "Test Connection", against real servers on loopback:
 * the demo service (right and wrong secret, a skewed clock), a closed
 * port, a self-signed HTTPS server and servers that are not FaceSearch. */

static LineupConnectionOutcome *
run_test (LineupClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  LineupConnectionOutcome *outcome;

  lineup_connection_test_async (client, NULL, lineup_test_keep_result, &slot);
  result = lineup_test_wait_result (&slot);
  outcome = lineup_connection_test_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (outcome);
  g_assert_nonnull (lineup_connection_outcome_get_title (outcome));
  g_assert_nonnull (lineup_connection_outcome_get_detail (outcome));
  g_test_message ("%s: %s — %s", lineup_connection_outcome_get_status_nick (outcome),
                  lineup_connection_outcome_get_title (outcome), lineup_connection_outcome_get_detail (outcome));
  return outcome;
}

static LineupClient *
client_new (const char *base_url,
            const char *key,
            const char *secret)
{
  g_autoptr(LineupSigner) signer = lineup_signer_new (key, secret);
  LineupClient *client = lineup_client_new (base_url, signer);

  lineup_client_set_retries (client, 0, 0);
  lineup_client_set_timeouts (client, 5, 10);
  return client;
}

static LineupDemoServer *
demo_start (void)
{
  g_autoptr(GError) error = NULL;
  LineupDemoServer *server = lineup_demo_server_new (NULL, NULL);

  g_assert_true (lineup_demo_server_start (server, 0, &error));
  g_assert_no_error (error);
  return server;
}

static void
test_connected (void)
{
  g_autoptr(LineupDemoServer) server = demo_start ();
  g_autoptr(LineupClient) client = client_new (lineup_demo_server_get_base_url (server),
                                               LINEUP_DEMO_API_KEY, LINEUP_DEMO_API_SECRET);
  g_autoptr(LineupConnectionOutcome) outcome = run_test (client);

  g_assert_cmpint (lineup_connection_outcome_get_status (outcome), ==, LINEUP_CONNECTION_CONNECTED);
  g_assert_cmpuint (lineup_connection_outcome_get_n_groups (outcome), ==, 1);
  g_assert_null (lineup_connection_outcome_get_error (outcome));
  g_assert_cmpstr (lineup_connection_outcome_get_title (outcome), ==, "Connected");
  g_assert_nonnull (strstr (lineup_connection_outcome_get_detail (outcome), "1 library"));
  g_assert_nonnull (lineup_connection_outcome_get_server_time (outcome));
  g_assert_cmpint (ABS (lineup_connection_outcome_get_skew (outcome)), <=, 5);
  lineup_demo_server_stop (server);
}

static void
test_wrong_secret (void)
{
  g_autoptr(LineupDemoServer) server = demo_start ();
  g_autoptr(LineupClient) client = client_new (lineup_demo_server_get_base_url (server),
                                               LINEUP_DEMO_API_KEY, "not-the-secret");
  g_autoptr(LineupConnectionOutcome) outcome = run_test (client);
  g_autoptr(LineupClient) wrong_key = client_new (lineup_demo_server_get_base_url (server),
                                                  "not-the-key", LINEUP_DEMO_API_SECRET);
  g_autoptr(LineupConnectionOutcome) outcome2 = run_test (wrong_key);

  g_assert_cmpint (lineup_connection_outcome_get_status (outcome), ==, LINEUP_CONNECTION_WRONG_CREDENTIALS);
  g_assert_error (lineup_connection_outcome_get_error (outcome), LINEUP_API_ERROR, LINEUP_API_ERROR_AUTHENTICATION);
  g_assert_cmpstr (lineup_connection_outcome_get_status_nick (outcome), ==, "wrong-credentials");
  g_assert_cmpint (lineup_connection_outcome_get_status (outcome2), ==, LINEUP_CONNECTION_WRONG_CREDENTIALS);
  /* the detail never quotes what was sent */
  g_assert_null (strstr (lineup_connection_outcome_get_detail (outcome), "not-the-secret"));
  lineup_demo_server_stop (server);
}

static void
check_skew (int offset)
{
  g_autoptr(LineupDemoServer) server = demo_start ();
  g_autoptr(LineupClient) client = client_new (lineup_demo_server_get_base_url (server),
                                               LINEUP_DEMO_API_KEY, LINEUP_DEMO_API_SECRET);
  g_autoptr(LineupConnectionOutcome) outcome = NULL;
  g_autofree char *server_year = NULL;
  gint64 skew;

  lineup_demo_server_set_clock_offset (server, offset);
  outcome = run_test (client);

  g_assert_cmpint (lineup_connection_outcome_get_status (outcome), ==, LINEUP_CONNECTION_CLOCK_SKEW);
  g_assert_error (lineup_connection_outcome_get_error (outcome), LINEUP_API_ERROR, LINEUP_API_ERROR_AUTHENTICATION);
  skew = lineup_connection_outcome_get_skew (outcome);
  g_assert_cmpint (skew, >=, offset - 5);
  g_assert_cmpint (skew, <=, offset + 5);
  /* both clocks are kept, and shown */
  g_assert_nonnull (lineup_connection_outcome_get_server_time (outcome));
  g_assert_nonnull (lineup_connection_outcome_get_local_time (outcome));
  g_assert_cmpstr (lineup_connection_outcome_get_title (outcome), ==, "Clock skew suspected");
  server_year = g_date_time_format (lineup_connection_outcome_get_server_time (outcome), "%Y-");
  g_assert_nonnull (strstr (lineup_connection_outcome_get_detail (outcome), server_year));

  /* With the clock put right the same client connects. */
  lineup_demo_server_set_clock_offset (server, 0);
  g_clear_object (&outcome);
  outcome = run_test (client);
  g_assert_cmpint (lineup_connection_outcome_get_status (outcome), ==, LINEUP_CONNECTION_CONNECTED);
  lineup_demo_server_stop (server);
}

static void
test_clock_ahead (void)
{
  check_skew (2 * 3600);
}

static void
test_clock_behind (void)
{
  check_skew (-3600);
}

static void
test_small_skew_is_wrong_secret (void)
{
  g_autoptr(LineupDemoServer) server = demo_start ();
  g_autoptr(LineupClient) client = client_new (lineup_demo_server_get_base_url (server),
                                               LINEUP_DEMO_API_KEY, "not-the-secret");
  g_autoptr(LineupConnectionOutcome) outcome = NULL;

  /* Within the validity, a refusal is not the clock's fault. */
  lineup_demo_server_set_clock_offset (server, 30);
  outcome = run_test (client);
  g_assert_cmpint (lineup_connection_outcome_get_status (outcome), ==, LINEUP_CONNECTION_WRONG_CREDENTIALS);
  lineup_demo_server_stop (server);
}

static void
test_closed_port (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/finauth/search/group", lineup_test_closed_port ());
  g_autoptr(LineupClient) client = client_new (url, "key", "secret");
  g_autoptr(LineupConnectionOutcome) outcome = run_test (client);

  g_assert_cmpint (lineup_connection_outcome_get_status (outcome), ==, LINEUP_CONNECTION_UNREACHABLE);
  g_assert_error (lineup_connection_outcome_get_error (outcome), G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_cmpstr (lineup_connection_outcome_get_title (outcome), ==, "Host unreachable");
  g_assert_null (lineup_connection_outcome_get_server_time (outcome));
}

static void
test_self_signed_tls (void)
{
  static const LineupTestCanned reply = { 200, "application/json", "{\"request_id\":\"1,x\",\"group_infos\":[]}" };
  g_autofree char *url = NULL;
  g_autoptr(SoupServer) server = lineup_test_canned_server_new (&reply, TRUE, &url);
  g_autoptr(LineupClient) client = client_new (url, "key", "secret");
  g_autoptr(LineupConnectionOutcome) outcome = run_test (client);

  g_assert_cmpint (lineup_connection_outcome_get_status (outcome), ==, LINEUP_CONNECTION_TLS_FAILURE);
  g_assert_cmpstr (lineup_connection_outcome_get_title (outcome), ==, "Secure connection failed");
  g_assert_nonnull (strstr (lineup_connection_outcome_get_detail (outcome), "self-signed"));
}

static void
check_not_facesearch (const LineupTestCanned *reply)
{
  g_autofree char *url = NULL;
  g_autoptr(SoupServer) server = lineup_test_canned_server_new (reply, FALSE, &url);
  g_autoptr(LineupClient) client = client_new (url, "key", "secret");
  g_autoptr(LineupConnectionOutcome) outcome = run_test (client);

  g_assert_cmpint (lineup_connection_outcome_get_status (outcome), ==, LINEUP_CONNECTION_NOT_FACESEARCH);
  g_assert_cmpstr (lineup_connection_outcome_get_title (outcome), ==, "Not a FaceSearch service");
}

static void
test_not_facesearch (void)
{
  static const LineupTestCanned html = { 200, "text/html", "<!doctype html><title>Welcome</title><p>It works!" };
  static const LineupTestCanned not_found = { 404, "text/html", "<html><body>Not Found</body></html>" };
  static const LineupTestCanned forbidden = { 401, "text/html", "<html><body>Log in first</body></html>" };
  static const LineupTestCanned other_json = { 200, "application/json", "{\"status\":\"ok\",\"items\":[]}" };

  check_not_facesearch (&html);
  check_not_facesearch (&not_found);
  check_not_facesearch (&forbidden);
  check_not_facesearch (&other_json);
}

static void
test_insecure_refused (void)
{
  g_autoptr(LineupClient) client = client_new ("http://192.0.2.1/finauth/search/group", "key", "secret");
  g_autoptr(LineupConnectionOutcome) outcome = run_test (client);

  /* refused before anything is sent to a host that is not loopback */
  g_assert_cmpint (lineup_connection_outcome_get_status (outcome), ==, LINEUP_CONNECTION_BAD_ADDRESS);
  g_assert_error (lineup_connection_outcome_get_error (outcome), LINEUP_API_ERROR, LINEUP_API_ERROR_INSECURE_TRANSPORT);
}

static void
test_cancelled (void)
{
  g_autoptr(LineupDemoServer) server = demo_start ();
  g_autoptr(LineupClient) client = client_new (lineup_demo_server_get_base_url (server),
                                               LINEUP_DEMO_API_KEY, LINEUP_DEMO_API_SECRET);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LineupConnectionOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  lineup_demo_server_set_latency (server, 2000, 0);
  lineup_connection_test_async (client, cancellable, lineup_test_keep_result, &slot);
  g_cancellable_cancel (cancellable);
  result = lineup_test_wait_result (&slot);
  outcome = lineup_connection_test_finish (client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (outcome);
  lineup_demo_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lineup/api/connection-test/connected", test_connected);
  g_test_add_func ("/lineup/api/connection-test/wrong-secret", test_wrong_secret);
  g_test_add_func ("/lineup/api/connection-test/clock-ahead", test_clock_ahead);
  g_test_add_func ("/lineup/api/connection-test/clock-behind", test_clock_behind);
  g_test_add_func ("/lineup/api/connection-test/small-skew-is-wrong-secret", test_small_skew_is_wrong_secret);
  g_test_add_func ("/lineup/api/connection-test/closed-port", test_closed_port);
  g_test_add_func ("/lineup/api/connection-test/self-signed-tls", test_self_signed_tls);
  g_test_add_func ("/lineup/api/connection-test/not-facesearch", test_not_facesearch);
  g_test_add_func ("/lineup/api/connection-test/insecure-refused", test_insecure_refused);
  g_test_add_func ("/lineup/api/connection-test/cancelled", test_cancelled);

  return g_test_run ();
}
