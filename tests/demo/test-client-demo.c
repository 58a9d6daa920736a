/* test-client-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lineup-client.h"
#include "lineup-demo-seed.h"
#include "lineup-demo-server.h"
#include "lineup-error.h"
#include "lineup-group.h"
#include "lineup-test-util.h"

/* The real client against the demo service on 127.0.0.1, random port. */

typedef struct
{
  LineupDemoServer *server;
  LineupClient     *client;
  GAsyncResult     *result;
} Fixture;

static LineupClient *
client_for (Fixture    *fixture,
            const char *secret)
{
  g_autoptr(LineupSigner) signer = lineup_signer_new (LINEUP_DEMO_API_KEY, secret);

  return lineup_client_new (lineup_demo_server_get_base_url (fixture->server), signer);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = lineup_demo_server_new (NULL, NULL);
  g_assert_true (lineup_demo_server_start (fixture->server, 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (lineup_demo_server_get_base_url (fixture->server), "http://127.0.0.1:"));
  fixture->client = client_for (fixture, LINEUP_DEMO_API_SECRET);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  lineup_demo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
}

static LineupSearchResult *
search (Fixture          *fixture,
        LineupClient     *client,
        const char       *group_id,
        LineupImage      *image,
        guint             limit,
        double            threshold,
        gboolean          rotate,
        GError          **error)
{
  LineupSearchOptions options = LINEUP_SEARCH_OPTIONS_INIT;
  g_autoptr(GAsyncResult) result = NULL;

  options.limit = limit;
  options.threshold = threshold;
  options.rotate = rotate;
  lineup_client_search_async (client, group_id, image, &options, NULL,
                              lineup_test_keep_result, &fixture->result);
  result = lineup_test_wait_result (&fixture->result);
  return lineup_client_search_finish (client, result, error);
}

static LineupMatch *
nth_match (LineupSearchResult *result,
           guint               n)
{
  return g_list_model_get_item (lineup_search_result_get_matches (result), n);
}

static void
fetch_faces (Fixture            *fixture,
             LineupSearchResult *result)
{
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;

  lineup_client_fetch_faces_async (fixture->client, lineup_search_result_get_matches (result), NULL,
                                   lineup_test_keep_result, &fixture->result);
  res = lineup_test_wait_result (&fixture->result);
  g_assert_true (lineup_client_fetch_faces_finish (fixture->client, res, &error));
  g_assert_no_error (error);
}

static void
test_search_strong (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LineupImage) image = lineup_test_probe_image (LINEUP_DEMO_PROBE_STRONG);
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double previous = 101;

  result = search (fixture, fixture->client, LINEUP_DEMO_GROUP_ID, image, 5, -1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_search_result_get_matches (result)), ==, 5);
  g_assert_nonnull (strchr (lineup_search_result_get_request_id (result), ','));
  g_assert_cmpint (lineup_search_result_get_time_used (result), >=, 0);

  fetch_faces (fixture, result);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(LineupMatch) match = nth_match (result, i);

      g_assert_cmpuint (lineup_match_get_rank (match), ==, i + 1);
      g_assert_cmpfloat (lineup_match_get_score (match), <=, previous);
      g_assert_cmpstr (lineup_match_get_group_id (match), ==, LINEUP_DEMO_GROUP_ID);
      g_assert_nonnull (lineup_match_get_face (match));
      previous = lineup_match_get_score (match);
    }

  {
    g_autoptr(LineupMatch) best = nth_match (result, 0);
    g_autoptr(LineupMatch) second = nth_match (result, 1);

    g_assert_cmpstr (lineup_face_get_user_id (lineup_match_get_face (best)), ==,
                     lineup_demo_probe_get_expected_user_id (LINEUP_DEMO_PROBE_STRONG));
    g_assert_cmpfloat (lineup_match_get_score (best), >, 90);
    g_assert_cmpfloat (lineup_match_get_score (second), <, 75);
  }
}

static void
test_search_weak_and_stranger (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(LineupImage) weak = lineup_test_probe_image (LINEUP_DEMO_PROBE_WEAK);
  g_autoptr(LineupImage) stranger = lineup_test_probe_image (LINEUP_DEMO_PROBE_STRANGER);
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(LineupMatch) best = NULL;
  g_autoptr(GError) error = NULL;

  result = search (fixture, fixture->client, LINEUP_DEMO_GROUP_ID, weak, 1, -1, FALSE, &error);
  g_assert_no_error (error);
  fetch_faces (fixture, result);
  best = nth_match (result, 0);
  g_assert_cmpstr (lineup_face_get_user_id (lineup_match_get_face (best)), ==,
                   lineup_demo_probe_get_expected_user_id (LINEUP_DEMO_PROBE_WEAK));
  g_clear_object (&result);

  /* Nobody above a sensible threshold: an empty result, not an error. */
  result = search (fixture, fixture->client, LINEUP_DEMO_GROUP_ID, stranger, 5, 75, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_search_result_get_matches (result)), ==, 0);
}

static void
test_search_rotated (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LineupImage) image = lineup_test_probe_image (LINEUP_DEMO_PROBE_ROTATED);
  g_autoptr(LineupSearchResult) upright = NULL;
  g_autoptr(LineupSearchResult) rotated = NULL;
  g_autoptr(LineupMatch) best = NULL;
  g_autoptr(GError) error = NULL;

  upright = search (fixture, fixture->client, LINEUP_DEMO_GROUP_ID, image, 1, 75, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_search_result_get_matches (upright)), ==, 0);

  rotated = search (fixture, fixture->client, LINEUP_DEMO_GROUP_ID, image, 1, 75, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_search_result_get_matches (rotated)), ==, 1);
  fetch_faces (fixture, rotated);
  best = nth_match (rotated, 0);
  g_assert_cmpstr (lineup_face_get_user_id (lineup_match_get_face (best)), ==,
                   lineup_demo_probe_get_expected_user_id (LINEUP_DEMO_PROBE_ROTATED));
}

static void
test_face_info (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LineupImage) image = lineup_test_probe_image (LINEUP_DEMO_PROBE_STRONG);
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(LineupMatch) best = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(LineupFace) face = NULL;
  g_autoptr(GError) error = NULL;

  result = search (fixture, fixture->client, LINEUP_DEMO_GROUP_ID, image, 1, -1, FALSE, &error);
  best = nth_match (result, 0);

  lineup_client_face_info_async (fixture->client, LINEUP_DEMO_GROUP_ID, lineup_match_get_face_token (best),
                                 NULL, lineup_test_keep_result, &fixture->result);
  res = lineup_test_wait_result (&fixture->result);
  face = lineup_client_face_info_finish (fixture->client, res, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_face_get_face_token (face), ==, lineup_match_get_face_token (best));
  g_assert_cmpstr (lineup_face_get_user_id (face), ==, "emp-0004");
  g_assert_true (g_str_has_prefix (lineup_face_get_user_data (face), "Dmitri Volkov"));
  /* Sent as a number of milliseconds, as in the vendor's example. */
  g_assert_nonnull (lineup_face_get_add_time (face));
  g_assert_cmpuint (strlen (lineup_face_get_add_time_raw (face)), ==, 13);
  g_clear_object (&res);
  g_clear_object (&face);

  lineup_client_face_info_async (fixture->client, LINEUP_DEMO_GROUP_ID, "ffffffffffffffffffffffffffffffff",
                                 NULL, lineup_test_keep_result, &fixture->result);
  res = lineup_test_wait_result (&fixture->result);
  face = lineup_client_face_info_finish (fixture->client, res, &error);
  g_assert_null (face);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_FACE_NOT_FOUND);
  g_assert_cmpstr (lineup_api_error_get_api_code (error), ==, "INVALID_FACE_TOKEN");
}

static void
test_group_list (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(LineupGroup) group = NULL;
  g_autoptr(GError) error = NULL;

  lineup_client_group_list_async (fixture->client, NULL, lineup_test_keep_result, &fixture->result);
  res = lineup_test_wait_result (&fixture->result);
  groups = lineup_client_group_list_finish (fixture->client, res, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 1);
  group = g_list_model_get_item (groups, 0);
  g_assert_cmpstr (lineup_group_get_group_id (group), ==, LINEUP_DEMO_GROUP_ID);
  g_assert_cmpstr (lineup_group_get_model_version (group), ==, "s21");
  g_assert_nonnull (lineup_group_get_add_time (group));
}

static void
test_wrong_signature (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LineupClient) wrong = client_for (fixture, "not-the-secret");
  g_autoptr(LineupImage) image = lineup_test_probe_image (LINEUP_DEMO_PROBE_STRONG);
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = search (fixture, wrong, LINEUP_DEMO_GROUP_ID, image, 1, -1, FALSE, &error);
  g_assert_null (result);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_AUTHENTICATION);
  g_assert_cmpuint (lineup_api_error_get_http_status (error), ==, 401);
  g_assert_nonnull (lineup_api_error_get_request_id (error));
  /* The secret never shows up in what the user sees. */
  g_assert_null (strstr (error->message, "not-the-secret"));
}

static void
test_unknown_group (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LineupImage) image = lineup_test_probe_image (LINEUP_DEMO_PROBE_STRONG);
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = search (fixture, fixture->client, "no_such_group", image, 1, -1, FALSE, &error);
  g_assert_null (result);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_GROUP_NOT_FOUND);
  g_assert_cmpstr (lineup_api_error_get_api_code (error), ==, "INVALID_GROUP_ID");
  g_assert_cmpuint (lineup_api_error_get_http_status (error), ==, 400);
  g_assert_nonnull (strstr (error->message, "no_such_group"));
}

static void
test_no_face (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GdkPixbuf) blank = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 320, 240);
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (blank, 0xd0d0d0ff);
  image = lineup_image_new_from_pixbuf (blank, "blank.jpg", &error);
  g_assert_no_error (error);

  result = search (fixture, fixture->client, LINEUP_DEMO_GROUP_ID, image, 1, -1, FALSE, &error);
  g_assert_null (result);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_FACE_FOUND);
  g_assert_cmpstr (lineup_api_error_get_api_code (error), ==, "NO_FACE_FOUND");
  g_assert_cmpuint (lineup_api_error_get_http_status (error), ==, 400);
}

static void
test_validation_sends_nothing (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(LineupImage) image = lineup_test_probe_image (LINEUP_DEMO_PROBE_STRONG);
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = search (fixture, fixture->client, "bad id!", image, 1, -1, FALSE, &error);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  result = search (fixture, fixture->client, LINEUP_DEMO_GROUP_ID, image, 101, -1, FALSE, &error);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  result = search (fixture, fixture->client, LINEUP_DEMO_GROUP_ID, image, 1, 100.5, FALSE, &error);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT);
}

static void
test_insecure_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(LineupSigner) signer = lineup_signer_new ("k", "s");
  /* Never contacted: the address is refused before anything is sent. */
  g_autoptr(LineupClient) client = lineup_client_new ("http://lineup.invalid/finauth/search/group", signer);
  g_autoptr(LineupImage) image = lineup_test_probe_image (LINEUP_DEMO_PROBE_STRONG);
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = search (fixture, client, LINEUP_DEMO_GROUP_ID, image, 1, -1, FALSE, &error);
  g_assert_null (result);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INSECURE_TRANSPORT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/lineup/demo/client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("search-strong", test_search_strong);
  ADD ("search-weak-and-stranger", test_search_weak_and_stranger);
  ADD ("search-rotated", test_search_rotated);
  ADD ("face-info", test_face_info);
  ADD ("group-list", test_group_list);
  ADD ("wrong-signature", test_wrong_signature);
  ADD ("unknown-group", test_unknown_group);
  ADD ("no-face", test_no_face);
  ADD ("validation-sends-nothing", test_validation_sends_nothing);
  ADD ("insecure-refused", test_insecure_refused);
#undef ADD

  return g_test_run ();
}
