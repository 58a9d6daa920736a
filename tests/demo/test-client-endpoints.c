/* test-client-endpoints.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lineup-client.h"
#include "lineup-demo-seed.h"
#include "lineup-demo-server.h"
#include "lineup-error.h"
#include "lineup-test-util.h"

/* Every endpoint of the client against the demo service on 127.0.0.1:
 * libraries (group_list, group_info, create, free) and faces (add, list,
 * face_info, delete), with the face_info cache kept honest. */

typedef struct
{
  LineupDemoServer *server;
  LineupClient     *client;
  GAsyncResult     *result;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LineupSigner) signer = NULL;
  g_autoptr(GError) error = NULL;

  fixture->server = lineup_demo_server_new (NULL, NULL);
  g_assert_true (lineup_demo_server_start (fixture->server, 0, &error));
  g_assert_no_error (error);
  signer = lineup_signer_new (lineup_demo_server_get_api_key (fixture->server),
                              lineup_demo_server_get_api_secret (fixture->server));
  fixture->client = lineup_client_new (lineup_demo_server_get_base_url (fixture->server), signer);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  lineup_demo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
}

static GAsyncResult *
wait (Fixture *fixture)
{
  return lineup_test_wait_result (&fixture->result);
}

#define CB NULL, lineup_test_keep_result, &fixture->result

static LineupGroup *
group_info (Fixture     *fixture,
            const char  *group_id,
            GError     **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  lineup_client_group_info_async (fixture->client, group_id, CB);
  res = wait (fixture);
  return lineup_client_group_info_finish (fixture->client, res, error);
}

static LineupGroup *
create_group (Fixture     *fixture,
              const char  *group_id,
              const char  *group_name,
              const char  *group_data,
              GError     **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  lineup_client_create_group_async (fixture->client, group_id, group_name, group_data, NULL, CB);
  res = wait (fixture);
  return lineup_client_create_group_finish (fixture->client, res, error);
}

static gboolean
delete_group (Fixture     *fixture,
              const char  *group_id,
              gboolean     check_empty,
              GError     **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  lineup_client_delete_group_async (fixture->client, group_id, check_empty, CB);
  res = wait (fixture);
  return lineup_client_delete_group_finish (fixture->client, res, error);
}

static LineupFace *
add_face (Fixture             *fixture,
          const char          *group_id,
          LineupDemoProbe      probe,
          const char          *user_id,
          const char          *user_data,
          LineupAddFaceFlags   flags,
          GError             **error)
{
  g_autoptr(LineupImage) image = lineup_test_probe_image (probe);
  g_autoptr(GAsyncResult) res = NULL;

  lineup_client_add_face_async (fixture->client, group_id, image, user_id, user_data, flags, CB);
  res = wait (fixture);
  return lineup_client_add_face_finish (fixture->client, res, error);
}

static GListModel *
list_faces (Fixture     *fixture,
            const char  *group_id,
            guint        start,
            guint        limit,
            guint       *next,
            GError     **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  lineup_client_list_faces_async (fixture->client, group_id, start, limit, CB);
  res = wait (fixture);
  return lineup_client_list_faces_finish (fixture->client, res, next, error);
}

static LineupFace *
face_info (Fixture     *fixture,
           const char  *group_id,
           const char  *face_token,
           GError     **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  lineup_client_face_info_async (fixture->client, group_id, face_token, CB);
  res = wait (fixture);
  return lineup_client_face_info_finish (fixture->client, res, error);
}

static LineupDeleteOutcome *
delete_faces (Fixture             *fixture,
              const char          *group_id,
              const char * const  *tokens,
              GError             **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  lineup_client_delete_faces_async (fixture->client, group_id, tokens, CB);
  res = wait (fixture);
  return lineup_client_delete_faces_finish (fixture->client, res, error);
}

static GListModel *
group_list (Fixture *fixture)
{
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *groups;

  lineup_client_group_list_async (fixture->client, CB);
  res = wait (fixture);
  groups = lineup_client_group_list_finish (fixture->client, res, &error);
  g_assert_no_error (error);
  return groups;
}

static void
test_group_info (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(LineupGroup) group = NULL;
  g_autoptr(GError) error = NULL;

  group = group_info (fixture, LINEUP_DEMO_GROUP_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_group_get_group_id (group), ==, LINEUP_DEMO_GROUP_ID);
  g_assert_cmpstr (lineup_group_get_group_name (group), ==, "Demo staff");
  g_assert_cmpstr (lineup_group_get_model_version (group), ==, "s21");
  g_assert_nonnull (lineup_group_get_add_time (group));
  g_clear_object (&group);

  group = group_info (fixture, "no_such_group", &error);
  g_assert_null (group);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_GROUP_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no_such_group"));
  g_assert_nonnull (lineup_api_error_get_api_code (error));
}

static void
test_create_and_delete_group (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(LineupGroup) group = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GError) error = NULL;

  group = create_group (fixture, "lib-1", "Bibliothèque", "Visitors, 2026", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_group_get_group_id (group), ==, "lib-1");
  g_assert_cmpstr (lineup_group_get_group_name (group), ==, "Bibliothèque");
  g_assert_cmpstr (lineup_group_get_group_data (group), ==, "Visitors, 2026");
  g_assert_cmpstr (lineup_group_get_model_version (group), ==, "s21");
  g_clear_object (&group);

  groups = group_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 2);
  g_clear_object (&groups);

  group = group_info (fixture, "lib-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_group_get_group_name (group), ==, "Bibliothèque");
  g_clear_object (&group);

  /* the id is taken */
  group = create_group (fixture, "lib-1", "Again", NULL, &error);
  g_assert_null (group);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_GROUP_EXISTS);
  g_clear_error (&error);

  g_assert_true (delete_group (fixture, "lib-1", TRUE, &error));
  g_assert_no_error (error);
  group = group_info (fixture, "lib-1", &error);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_GROUP_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (delete_group (fixture, "lib-1", TRUE, &error));
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_GROUP_NOT_FOUND);

  groups = group_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 1);
}

static void
test_add_list_delete (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LineupGroup) group = NULL;
  g_autoptr(LineupFace) first = NULL;
  g_autoptr(LineupFace) second = NULL;
  g_autoptr(LineupFace) info = NULL;
  g_autoptr(GListModel) faces = NULL;
  g_autoptr(LineupDeleteOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  const char *tokens[3] = { NULL };
  guint next = 0;

  group = create_group (fixture, "visitors", "Visitors", NULL, &error);
  g_assert_no_error (error);

  /* as a file part */
  first = add_face (fixture, "visitors", LINEUP_DEMO_PROBE_STRONG, "v_001", "Zoë, badge 12",
                    LINEUP_ADD_FACE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (lineup_face_get_face_token (first)), ==, 32);
  g_assert_cmpstr (lineup_face_get_user_id (first), ==, "v_001");
  g_assert_cmpstr (lineup_face_get_user_data (first), ==, "Zoë, badge 12");

  /* as Base64, turned: only rotation detection finds the face */
  second = add_face (fixture, "visitors", LINEUP_DEMO_PROBE_ROTATED, "v_002", NULL,
                     LINEUP_ADD_FACE_FLAGS_BASE64 | LINEUP_ADD_FACE_FLAGS_ROTATE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_face_get_face_token (second), !=, lineup_face_get_face_token (first));

  faces = list_faces (fixture, "visitors", 0, 0, &next, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (faces), ==, 2);
  g_assert_cmpuint (next, ==, 3);
  {
    g_autoptr(LineupFace) listed = g_list_model_get_item (faces, 0);

    g_assert_cmpstr (lineup_face_get_face_token (listed), ==, lineup_face_get_face_token (first));
    g_assert_cmpstr (lineup_face_get_user_data (listed), ==, "Zoë, badge 12");
    g_assert_nonnull (lineup_face_get_add_time (listed));
  }
  g_clear_object (&faces);

  /* the end of the list */
  faces = list_faces (fixture, "visitors", 3, 10, &next, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (faces), ==, 0);
  g_assert_cmpuint (next, ==, 0);
  g_clear_object (&faces);

  info = face_info (fixture, "visitors", lineup_face_get_face_token (second), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_face_get_user_id (info), ==, "v_002");
  g_assert_nonnull (lineup_client_lookup_cached_face (fixture->client, "visitors",
                                                      lineup_face_get_face_token (second)));
  g_clear_object (&info);

  /* one real token, one unknown: partial success, not an error */
  tokens[0] = lineup_face_get_face_token (second);
  tokens[1] = "ffffffffffffffffffffffffffffffff";
  outcome = delete_faces (fixture, "visitors", tokens, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_delete_outcome_get_group_id (outcome), ==, "visitors");
  g_assert_cmpint (lineup_delete_outcome_get_face_removed (outcome), ==, 1);
  g_assert_cmpint (lineup_delete_outcome_get_face_count (outcome), ==, 1);
  g_assert_cmpuint (lineup_delete_outcome_get_n_failures (outcome), ==, 1);
  g_assert_cmpstr (lineup_delete_outcome_get_failure_token (outcome, 0), ==, tokens[1]);
  g_assert_cmpstr (lineup_delete_outcome_get_failure_reason (outcome, 0), ==, "FACE_NOT_IN_GROUP");
  g_assert_nonnull (lineup_delete_outcome_get_request_id (outcome));

  /* the cache forgot it, and the service no longer knows it */
  g_assert_null (lineup_client_lookup_cached_face (fixture->client, "visitors", tokens[0]));
  info = face_info (fixture, "visitors", tokens[0], &error);
  g_assert_null (info);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_FACE_NOT_FOUND);
  g_clear_error (&error);

  faces = list_faces (fixture, "visitors", 1, 100, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (faces), ==, 1);
}

static void
test_delete_group_not_empty (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(LineupGroup) group = NULL;
  g_autoptr(LineupFace) face = NULL;
  g_autoptr(LineupFace) info = NULL;
  g_autoptr(GError) error = NULL;

  group = create_group (fixture, "temp", "Temporary", NULL, &error);
  face = add_face (fixture, "temp", LINEUP_DEMO_PROBE_WEAK, "t1", NULL, 0, &error);
  g_assert_no_error (error);
  info = face_info (fixture, "temp", lineup_face_get_face_token (face), &error);
  g_assert_no_error (error);
  g_assert_nonnull (lineup_client_lookup_cached_face (fixture->client, "temp", lineup_face_get_face_token (face)));

  g_assert_false (delete_group (fixture, "temp", TRUE, &error));
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_GROUP_NOT_EMPTY);
  g_assert_cmpstr (lineup_api_error_get_api_code (error), ==, "NOT_EMPTY");
  g_assert_nonnull (strstr (error->message, "temp"));
  g_clear_error (&error);
  /* still there, and so is its cached face */
  g_assert_nonnull (lineup_client_lookup_cached_face (fixture->client, "temp", lineup_face_get_face_token (face)));

  g_assert_true (delete_group (fixture, "temp", FALSE, &error));
  g_assert_no_error (error);
  g_assert_null (lineup_client_lookup_cached_face (fixture->client, "temp", lineup_face_get_face_token (face)));
}

static void
test_list_paging (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  guint start = 1, pages = 0;

  /* The demo library holds 20 people; pages of 7 */
  while (start != 0 && pages < 10)
    {
      g_autoptr(GListModel) page = NULL;
      guint next = 0;

      page = list_faces (fixture, LINEUP_DEMO_GROUP_ID, start, 7, &next, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < g_list_model_get_n_items (page); i++)
        {
          g_autoptr(LineupFace) face = g_list_model_get_item (page, i);

          g_assert_true (g_hash_table_add (seen, g_strdup (lineup_face_get_face_token (face))));
          g_assert_true (g_str_has_prefix (lineup_face_get_user_id (face), "emp-"));
        }
      g_assert_true (next == 0 || next == start + g_list_model_get_n_items (page));
      start = next;
      pages++;
    }

  g_assert_cmpuint (pages, ==, 4);   /* 7 + 7 + 6 + an empty page */
  g_assert_cmpuint (g_hash_table_size (seen), ==, 20);
}

static void
test_add_errors (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GdkPixbuf) blank = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 320, 240);
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(LineupFace) face = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;

  face = add_face (fixture, "no_such_group", LINEUP_DEMO_PROBE_STRONG, "u1", NULL, 0, &error);
  g_assert_null (face);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_GROUP_NOT_FOUND);
  g_clear_error (&error);

  gdk_pixbuf_fill (blank, 0xd0d0d0ff);
  image = lineup_image_new_from_pixbuf (blank, "blank.jpg", &error);
  g_assert_no_error (error);
  lineup_client_add_face_async (fixture->client, LINEUP_DEMO_GROUP_ID, image, "u1", NULL, 0, CB);
  res = wait (fixture);
  face = lineup_client_add_face_finish (fixture->client, res, &error);
  g_assert_null (face);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_FACE_FOUND);
}

/* A face added to a new library is what a search then finds. */
static void
test_add_then_search (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LineupImage) probe = lineup_test_probe_image (LINEUP_DEMO_PROBE_STRONG);
  g_autoptr(LineupGroup) group = NULL;
  g_autoptr(LineupFace) face = NULL;
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(LineupMatch) best = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  LineupSearchOptions options = LINEUP_SEARCH_OPTIONS_INIT;

  group = create_group (fixture, "one", "One person", NULL, &error);
  face = add_face (fixture, "one", LINEUP_DEMO_PROBE_STRONG, "p1", NULL, LINEUP_ADD_FACE_FLAGS_BASE64, &error);
  g_assert_no_error (error);

  options.limit = 5;
  options.send_base64 = TRUE;
  lineup_client_search_async (fixture->client, "one", probe, &options, CB);
  res = wait (fixture);
  result = lineup_client_search_finish (fixture->client, res, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_search_result_get_matches (result)), ==, 1);
  best = g_list_model_get_item (lineup_search_result_get_matches (result), 0);
  g_assert_cmpstr (lineup_match_get_face_token (best), ==, lineup_face_get_face_token (face));
  g_assert_cmpfloat (lineup_match_get_score (best), >, 90);
}

/* Each request leaves one exchange behind, and the sign is not in it. */
static void
test_exchanges (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LineupGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *exchanges = lineup_client_get_exchanges (fixture->client);
  g_autoptr(LineupExchange) exchange = NULL;

  group = group_info (fixture, LINEUP_DEMO_GROUP_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (exchanges), ==, 1);
  exchange = g_list_model_get_item (exchanges, 0);
  g_assert_cmpstr (lineup_exchange_get_endpoint (exchange), ==, "group_info");
  g_assert_cmpuint (lineup_exchange_get_status (exchange), ==, 200);
  g_assert_nonnull (strstr (lineup_exchange_get_response_body (exchange), "\"Demo staff\""));
  g_assert_nonnull (strstr (lineup_exchange_get_request_description (exchange), "sign: <redacted>"));
  g_assert_null (strstr (lineup_exchange_get_request_description (exchange), LINEUP_DEMO_API_SECRET));
  g_assert_null (strstr (lineup_exchange_get_curl_command (exchange), LINEUP_DEMO_API_SECRET));
}

/* The transport policy against the demo service's injected faults. */

static guint
n_exchanges (Fixture *fixture)
{
  return g_list_model_get_n_items (lineup_client_get_exchanges (fixture->client));
}

static guint
exchange_status (Fixture *fixture,
                 guint    n)
{
  g_autoptr(LineupExchange) exchange = g_list_model_get_item (lineup_client_get_exchanges (fixture->client), n);

  return lineup_exchange_get_status (exchange);
}

static void
test_faults_retried (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct
  {
    LineupDemoFault fault;
    guint           value;
    guint           first_status;
  } cases[] = {
    { LINEUP_DEMO_FAULT_SERVER_ERROR, 503, 503 },
    { LINEUP_DEMO_FAULT_HTML_502, 0, 502 },
    { LINEUP_DEMO_FAULT_CONCURRENCY, 0, 403 },
    { LINEUP_DEMO_FAULT_RESET, 0, 0 },
  };

  lineup_client_set_retries (fixture->client, 2, 5);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LineupGroup) group = NULL;
      g_autoptr(GError) error = NULL;
      guint before = n_exchanges (fixture);

      g_test_message ("fault %s", lineup_demo_fault_get_name (cases[i].fault));
      /* the next two requests fail, the third passes */
      lineup_demo_server_set_fault_full (fixture->server, "group_info", cases[i].fault, cases[i].value,
                                         0, 2, 1.0);
      group = group_info (fixture, LINEUP_DEMO_GROUP_ID, &error);
      g_assert_no_error (error);
      g_assert_nonnull (group);
      g_assert_cmpuint (n_exchanges (fixture) - before, ==, 3);
      g_assert_cmpuint (exchange_status (fixture, before), ==, cases[i].first_status);
      g_assert_cmpuint (exchange_status (fixture, before + 2), ==, 200);
      lineup_demo_server_clear_faults (fixture->server);
    }
}

static void
test_faults_not_retried (Fixture       *fixture,
                         gconstpointer  data)
{
  static const struct
  {
    LineupDemoFault fault;
    guint           value;
  } cases[] = {
    /* a 200 whose body is cut or empty will not mend on a second try */
    { LINEUP_DEMO_FAULT_TRUNCATED, 0 },
    { LINEUP_DEMO_FAULT_EMPTY, 200 },
  };

  lineup_client_set_retries (fixture->client, 2, 5);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LineupGroup) group = NULL;
      g_autoptr(GError) error = NULL;
      guint before = n_exchanges (fixture);

      g_test_message ("fault %s", lineup_demo_fault_get_name (cases[i].fault));
      lineup_demo_server_set_fault_full (fixture->server, "group_info", cases[i].fault, cases[i].value,
                                         0, 1, 1.0);
      group = group_info (fixture, LINEUP_DEMO_GROUP_ID, &error);
      g_assert_null (group);
      g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_BAD_RESPONSE);
      g_assert_cmpuint (n_exchanges (fixture) - before, ==, 1);
      lineup_demo_server_clear_faults (fixture->server);
    }

  /* an error that persists: retried, then reported with its status */
  {
    g_autoptr(LineupGroup) group = NULL;
    g_autoptr(GError) error = NULL;
    guint before = n_exchanges (fixture);

    lineup_demo_server_set_fault (fixture->server, "group_info", LINEUP_DEMO_FAULT_SERVER_ERROR, 500);
    group = group_info (fixture, LINEUP_DEMO_GROUP_ID, &error);
    g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INTERNAL);
    g_assert_cmpuint (lineup_api_error_get_http_status (error), ==, 500);
    g_assert_cmpuint (n_exchanges (fixture) - before, ==, 3);
    lineup_demo_server_clear_faults (fixture->server);
  }
}

static void
test_faults_latency_timeout_cancel (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LineupGroup) group = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;

  /* slower than the total time-out: the attempt is given up */
  lineup_client_set_retries (fixture->client, 0, 5);
  lineup_client_set_timeouts (fixture->client, 15, 1);
  lineup_demo_server_set_fault (fixture->server, "group_info", LINEUP_DEMO_FAULT_LATENCY, 10000);
  lineup_client_group_info_async (fixture->client, LINEUP_DEMO_GROUP_ID, CB);
  LINEUP_TEST_WAIT_FOR (fixture->result != NULL, 10);
  res = g_steal_pointer (&fixture->result);
  group = lineup_client_group_info_finish (fixture->client, res, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_clear_error (&error);
  g_clear_object (&res);

  /* and a cancel while the service dawdles comes back at once */
  lineup_client_set_timeouts (fixture->client, 60, 60);
  lineup_client_group_info_async (fixture->client, LINEUP_DEMO_GROUP_ID, cancellable,
                                  lineup_test_keep_result, &fixture->result);
  LINEUP_TEST_WAIT_FOR (lineup_demo_server_get_requests_in_flight (fixture->server) > 0, 10);
  g_cancellable_cancel (cancellable);
  LINEUP_TEST_WAIT_FOR (fixture->result != NULL, 5);
  res = g_steal_pointer (&fixture->result);
  group = lineup_client_group_info_finish (fixture->client, res, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  lineup_demo_server_clear_faults (fixture->server);
}

#undef CB

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/lineup/demo/endpoints/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("group-info", test_group_info);
  ADD ("create-and-delete-group", test_create_and_delete_group);
  ADD ("add-list-delete", test_add_list_delete);
  ADD ("delete-group-not-empty", test_delete_group_not_empty);
  ADD ("list-paging", test_list_paging);
  ADD ("add-errors", test_add_errors);
  ADD ("add-then-search", test_add_then_search);
  ADD ("exchanges", test_exchanges);
  ADD ("faults-retried", test_faults_retried);
  ADD ("faults-not-retried", test_faults_not_retried);
  ADD ("faults-latency-timeout-cancel", test_faults_latency_timeout_cancel);
#undef ADD

  return g_test_run ();
}
