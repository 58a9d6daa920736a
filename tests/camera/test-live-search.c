/* test-live-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lineup-demo-seed.h"
#include "lineup-demo-server.h"
#include "lineup-error.h"
#include "lineup-live-search.h"
#include "lineup-match.h"
#include "lineup-test-camera.h"
#include "lineup-test-util.h"

/* Live mode against the demo service, with a still photo of a sample
 * portrait as the camera. */

typedef struct
{
  LineupDemoServer *server;
  LineupClient     *client;
  LineupCamera     *camera;
  LineupLiveSearch *live;
  GFile            *photo;
  GPtrArray        *results;
  GPtrArray        *failures;
  gboolean          stopped;
  guint             max_in_flight;
} Fixture;

static void
on_result (LineupLiveSearch   *live,
           LineupSearchResult *result,
           LineupImage        *probe,
           Fixture            *fixture)
{
  g_assert_nonnull (probe);
  g_ptr_array_add (fixture->results, g_object_ref (result));
}

static void
on_failed (LineupLiveSearch *live,
           const GError     *error,
           gboolean          stopped,
           Fixture          *fixture)
{
  g_ptr_array_add (fixture->failures, g_error_copy (error));
  fixture->stopped |= stopped;
}

static LineupClient *
make_client (LineupDemoServer *server,
             const char       *secret)
{
  g_autoptr(LineupSigner) signer = lineup_signer_new (LINEUP_DEMO_API_KEY, secret);
  LineupClient *client = lineup_client_new (lineup_demo_server_get_base_url (server), signer);

  /* The back-off under test is live search's, not the client's. */
  lineup_client_set_retries (client, 0, 0);
  return client;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupCameraDevice) device = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pipeline = NULL;

  fixture->server = lineup_demo_server_new (NULL, NULL);
  g_assert_true (lineup_demo_server_start (fixture->server, 0, &error));
  fixture->client = make_client (fixture->server, data ? data : LINEUP_DEMO_API_SECRET);

  fixture->photo = lineup_test_write_probe (LINEUP_DEMO_PROBE_STRONG);
  path = g_file_get_path (fixture->photo);
  pipeline = lineup_test_still_pipeline (path);
  device = lineup_camera_device_new_for_pipeline (pipeline);
  fixture->camera = lineup_camera_new (device);
  g_assert_true (lineup_test_camera_start (fixture->camera, &error));
  g_assert_no_error (error);

  fixture->live = lineup_live_search_new (fixture->client, LINEUP_DEMO_GROUP_ID);
  fixture->results = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->failures = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);
  g_signal_connect (fixture->live, "result", G_CALLBACK (on_result), fixture);
  g_signal_connect (fixture->live, "failed", G_CALLBACK (on_failed), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_get_parent (fixture->photo);

  lineup_live_search_stop (fixture->live);
  /* A cancelled request still answers, and lets go of it then. */
  g_object_add_weak_pointer (G_OBJECT (fixture->live), (gpointer *)&fixture->live);
  g_object_unref (fixture->live);
  LINEUP_TEST_WAIT_FOR (fixture->live == NULL, 10);
  lineup_camera_stop (fixture->camera);
  g_assert_finalize_object (fixture->camera);
  g_clear_object (&fixture->client);
  lineup_demo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  g_ptr_array_unref (fixture->results);
  g_ptr_array_unref (fixture->failures);
  g_file_delete (fixture->photo, NULL, NULL);
  g_file_delete (dir, NULL, NULL);
  g_clear_object (&fixture->photo);
}

/* Iterates for @ms, noting the most requests the service saw at once. */
static void
run_for (Fixture *fixture,
         guint    ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      fixture->max_in_flight = MAX (fixture->max_in_flight,
                                    lineup_demo_server_get_requests_in_flight (fixture->server));
      g_usleep (1000);
    }
}

static void
test_top_match (Fixture       *fixture,
                gconstpointer  data)
{
  const char *expected = lineup_demo_probe_get_expected_user_id (LINEUP_DEMO_PROBE_STRONG);

  lineup_live_search_set_interval (fixture->live, 200);
  lineup_live_search_start (fixture->live, fixture->camera);
  g_assert_true (lineup_live_search_get_running (fixture->live));
  LINEUP_TEST_WAIT_FOR (fixture->results->len >= 3 || fixture->failures->len > 0, 30);
  g_assert_cmpuint (fixture->failures->len, ==, 0);

  for (guint i = 0; i < fixture->results->len; i++)
    {
      GListModel *matches = lineup_search_result_get_matches (g_ptr_array_index (fixture->results, i));
      g_autoptr(LineupMatch) best = g_list_model_get_item (matches, 0);
      LineupFace *face;

      g_assert_nonnull (best);
      face = lineup_match_get_face (best);
      g_assert_nonnull (face);
      g_assert_cmpstr (lineup_face_get_user_id (face), ==, expected);
      g_assert_cmpfloat (lineup_match_get_score (best), >, 75);
      g_test_message ("search %u: %s, %.1f", i + 1, lineup_face_get_user_id (face), lineup_match_get_score (best));
    }
}

/* A slow service: the next search waits for the last, never overlaps. */
static void
test_one_at_a_time (Fixture       *fixture,
                    gconstpointer  data)
{
  guint n;

  lineup_demo_server_set_latency (fixture->server, 500, 0);
  lineup_live_search_set_interval (fixture->live, 100);
  lineup_live_search_start (fixture->live, fixture->camera);
  run_for (fixture, 2500);
  n = lineup_live_search_get_n_searches (fixture->live);

  g_assert_cmpuint (fixture->max_in_flight, ==, 1);
  g_assert_cmpuint (fixture->failures->len, ==, 0);
  /* Each search waits 500 ms, then its face lookup another 500 (the
   * first time) or none (cached): about 4 in 2.5 s, not 25. */
  g_test_message ("%u searches in 2.5 s", n);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (n, <=, 5);
}

static void
on_delay (LineupLiveSearch *live,
          GParamSpec       *pspec,
          GArray           *delays)
{
  guint delay = lineup_live_search_get_delay (live);

  g_array_append_val (delays, delay);
}

static void
test_backoff (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GArray) delays = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Busy whenever anything at all is being served, that is always */
  lineup_demo_server_set_fault (fixture->server, "search", LINEUP_DEMO_FAULT_CONCURRENCY, 0);
  lineup_live_search_set_interval (fixture->live, 100);
  g_signal_connect (fixture->live, "notify::delay", G_CALLBACK (on_delay), delays);
  lineup_live_search_start (fixture->live, fixture->camera);

  LINEUP_TEST_WAIT_FOR (fixture->failures->len >= 4, 20);
  g_assert_error ((GError *)g_ptr_array_index (fixture->failures, 0), LINEUP_API_ERROR, LINEUP_API_ERROR_CONCURRENCY_LIMIT);
  g_assert_false (fixture->stopped);
  g_assert_true (lineup_live_search_get_running (fixture->live));
  g_assert_cmpuint (delays->len, >=, 4);
  g_assert_cmpuint (g_array_index (delays, guint, 0), ==, 200);
  g_assert_cmpuint (g_array_index (delays, guint, 1), ==, 400);
  g_assert_cmpuint (g_array_index (delays, guint, 2), ==, 800);
  g_assert_cmpuint (g_array_index (delays, guint, 3), ==, 1600);
  g_assert_cmpuint (lineup_live_search_get_n_searches (fixture->live), ==, fixture->failures->len);

  /* The service recovers: the next success brings the interval back. */
  lineup_demo_server_clear_faults (fixture->server);
  LINEUP_TEST_WAIT_FOR (fixture->results->len >= 1, 20);
  g_assert_cmpuint (lineup_live_search_get_delay (fixture->live), ==, 100);
}

static void
test_stops_on_bad_credentials (Fixture       *fixture,
                               gconstpointer  data)
{
  lineup_live_search_set_interval (fixture->live, 100);
  lineup_live_search_start (fixture->live, fixture->camera);
  LINEUP_TEST_WAIT_FOR (fixture->failures->len >= 1, 20);
  g_assert_error ((GError *)g_ptr_array_index (fixture->failures, 0), LINEUP_API_ERROR, LINEUP_API_ERROR_AUTHENTICATION);
  g_assert_true (fixture->stopped);
  g_assert_false (lineup_live_search_get_running (fixture->live));
  run_for (fixture, 300);
  g_assert_cmpuint (fixture->failures->len, ==, 1);
}

static void
test_stop (Fixture       *fixture,
           gconstpointer  data)
{
  lineup_demo_server_set_latency (fixture->server, 300, 0);
  lineup_live_search_set_interval (fixture->live, 100);
  lineup_live_search_start (fixture->live, fixture->camera);
  run_for (fixture, 100);
  g_assert_true (lineup_live_search_get_busy (fixture->live));
  lineup_live_search_stop (fixture->live);
  g_assert_false (lineup_live_search_get_busy (fixture->live));
  run_for (fixture, 800);
  g_assert_cmpuint (fixture->results->len, ==, 0);
  g_assert_cmpuint (fixture->failures->len, ==, 0);
  g_assert_cmpuint (lineup_live_search_get_n_searches (fixture->live), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  lineup_test_camera_init ();

  g_test_add ("/lineup/camera/live/top-match", Fixture, NULL, fixture_set_up, test_top_match, fixture_tear_down);
  g_test_add ("/lineup/camera/live/one-at-a-time", Fixture, NULL, fixture_set_up, test_one_at_a_time,
              fixture_tear_down);
  g_test_add ("/lineup/camera/live/backoff", Fixture, NULL, fixture_set_up, test_backoff, fixture_tear_down);
  g_test_add ("/lineup/camera/live/stops-on-bad-credentials", Fixture, "wrong-secret", fixture_set_up,
              test_stops_on_bad_credentials, fixture_tear_down);
  g_test_add ("/lineup/camera/live/stop", Fixture, NULL, fixture_set_up, test_stop, fixture_tear_down);

  return g_test_run ();
}
