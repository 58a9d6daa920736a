/* test-demo-persist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "demo-http.h"
#include "lineup-demo-seed.h"
#include "lineup-demo-server.h"
#include "lineup-test-util.h"

/* The demo service with a data directory (--data): what it acknowledged
 * is there after a restart, damaged files are reported and skipped, and
 * the directory is guarded against misuse. */

typedef struct
{
  char             *dir;
  LineupDemoServer *server;
  SoupSession      *session;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
start (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (fixture->server);
  fixture->server = lineup_demo_server_new (NULL, NULL);
  lineup_demo_server_set_data_dir (fixture->server, fixture->dir);
  g_assert_true (lineup_demo_server_start (fixture->server, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_demo_store_get_dir (lineup_demo_server_get_store (fixture->server)), ==,
                   fixture->dir);
}

static void
stop (Fixture *fixture)
{
  lineup_demo_server_stop (fixture->server);
  g_assert_finalize_object (g_steal_pointer (&fixture->server));
}

static void
restart (Fixture *fixture)
{
  stop (fixture);
  start (fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("lineup-demo-data-XXXXXX", &error);

  g_assert_no_error (error);
  /* A directory that does not exist yet is created. */
  fixture->dir = g_build_filename (tmp, "data", NULL);
  fixture->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *parent = g_path_get_dirname (fixture->dir);

  if (fixture->server)
    stop (fixture);
  g_clear_object (&fixture->session);
  remove_tree (parent);
  g_free (fixture->dir);
}

#define POST(fixture, endpoint, file, ...) \
  demo_post ((fixture)->session, (fixture)->server, (endpoint), (file), __VA_ARGS__)

static char *
list_signature (Fixture    *fixture,
                const char *group_id)
{
  g_autoptr(DemoReply) reply = POST (fixture, "list", NULL, "group_id", group_id, "limit", "1000", NULL);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = NULL;

  demo_assert_ok (reply);
  node = json_node_init_array (json_node_alloc (), json_object_get_array_member (reply->json, "face_tokens"));
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static char *
groups_signature (Fixture *fixture)
{
  g_autoptr(DemoReply) reply = POST (fixture, "group_list", NULL, NULL);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = NULL;

  demo_assert_ok (reply);
  node = json_node_init_array (json_node_alloc (), json_object_get_array_member (reply->json, "group_infos"));
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static void
test_restart_keeps_everything (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GBytes) strong = lineup_demo_probe_render_jpeg (LINEUP_DEMO_PROBE_STRONG);
  g_autoptr(GBytes) weak = lineup_demo_probe_render_jpeg (LINEUP_DEMO_PROBE_WEAK);
  g_autofree char *groups_before = NULL;
  g_autofree char *demo_before = NULL;
  g_autofree char *team_before = NULL;
  g_autofree char *token = NULL;
  g_autofree char *gone = NULL;
  g_autoptr(GBytes) thumb_before = NULL;
  g_autoptr(GBytes) thumb_after = NULL;
  double score_before;

  start (fixture);
  {
    g_autoptr(DemoReply) create = POST (fixture, "create", NULL, "group_id", "team", "group_name", "Team",
                                        "group_data", "ünïcödé", NULL);
    g_autoptr(DemoReply) add1 = POST (fixture, "add", strong, "group_id", "team", "user_id", "u1",
                                      "user_data", "first", NULL);
    g_autoptr(DemoReply) add2 = POST (fixture, "add", weak, "group_id", "team", "user_id", "u2", NULL);
    g_autoptr(DemoReply) add3 = POST (fixture, "add", strong, "group_id", "team", "user_id", "u3", NULL);
    g_autoptr(DemoReply) del = NULL;
    g_autoptr(DemoReply) search = NULL;

    demo_assert_ok (create);
    demo_assert_ok (add1);
    demo_assert_ok (add2);
    demo_assert_ok (add3);
    token = g_strdup (json_object_get_string_member (add1->json, "face_token"));
    gone = g_strdup (json_object_get_string_member (add2->json, "face_token"));
    del = POST (fixture, "delete", NULL, "group_id", "team", "face_tokens", gone, NULL);
    demo_assert_ok (del);

    search = POST (fixture, "search", strong, "group_id", "team", NULL);
    demo_assert_ok (search);
    score_before = json_object_get_double_member (
      json_array_get_object_element (json_object_get_array_member (search->json, "result"), 0), "score");
  }
  groups_before = groups_signature (fixture);
  demo_before = list_signature (fixture, LINEUP_DEMO_GROUP_ID);
  team_before = list_signature (fixture, "team");
  thumb_before = lineup_demo_store_get_thumbnail (lineup_demo_server_get_store (fixture->server), "team", token);
  g_assert_nonnull (thumb_before);

  restart (fixture);

  {
    g_autofree char *groups_after = groups_signature (fixture);
    g_autofree char *demo_after = list_signature (fixture, LINEUP_DEMO_GROUP_ID);
    g_autofree char *team_after = list_signature (fixture, "team");
    g_autoptr(DemoReply) info = POST (fixture, "face_info", NULL, "group_id", "team", "face_token", token, NULL);
    g_autoptr(DemoReply) deleted = POST (fixture, "face_info", NULL, "group_id", "team", "face_token", gone, NULL);
    g_autoptr(DemoReply) search = POST (fixture, "search", strong, "group_id", "team", NULL);
    JsonObject *best;

    /* Libraries and faces, in their order, with every field; the seed
     * was not added a second time. */
    g_assert_cmpstr (groups_after, ==, groups_before);
    g_assert_cmpstr (demo_after, ==, demo_before);
    g_assert_cmpstr (team_after, ==, team_before);
    g_assert_cmpuint (lineup_demo_store_count_faces (lineup_demo_server_get_store (fixture->server),
                                                     LINEUP_DEMO_GROUP_ID), ==, lineup_demo_seed_n_people ());

    demo_assert_ok (info);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (info->json, "info"), "user_data"),
                     ==, "first");
    demo_assert_error (deleted, 400, "INVALID_FACE_TOKEN");

    /* The matcher's features came back intact: the same search scores
     * the same. */
    demo_assert_ok (search);
    best = json_array_get_object_element (json_object_get_array_member (search->json, "result"), 0);
    g_assert_cmpfloat (json_object_get_double_member (best, "score"), ==, score_before);

    thumb_after = lineup_demo_store_get_thumbnail (lineup_demo_server_get_store (fixture->server), "team", token);
    g_assert_true (g_bytes_equal (thumb_before, thumb_after));
  }

  /* New tokens keep to the order of creation after a restart. */
  {
    g_autoptr(DemoReply) add = POST (fixture, "add", weak, "group_id", "team", "user_id", "u4", NULL);
    g_autoptr(DemoReply) list = POST (fixture, "list", NULL, "group_id", "team", NULL);
    JsonArray *faces;

    demo_assert_ok (add);
    demo_assert_ok (list);
    faces = json_object_get_array_member (list->json, "face_tokens");
    g_assert_cmpuint (json_array_get_length (faces), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (faces, 2), "user_id"), ==, "u4");
  }
}

static void
test_free_is_kept (Fixture       *fixture,
                   gconstpointer  data)
{
  start (fixture);
  {
    g_autoptr(DemoReply) create = POST (fixture, "create", NULL, "group_id", "other", "group_name", "Other", NULL);
    g_autoptr(DemoReply) free_demo = POST (fixture, "free", NULL, "group_id", LINEUP_DEMO_GROUP_ID,
                                           "check_empty", "0", NULL);

    demo_assert_ok (create);
    demo_assert_ok (free_demo);
  }
  restart (fixture);
  {
    g_autoptr(DemoReply) info = POST (fixture, "group_info", NULL, "group_id", LINEUP_DEMO_GROUP_ID, NULL);
    g_autoptr(DemoReply) other = POST (fixture, "group_info", NULL, "group_id", "other", NULL);

    /* Freed, and not seeded again: there is a library. */
    demo_assert_error (info, 400, "INVALID_GROUP_ID");
    demo_assert_ok (other);
    g_assert_cmpuint (lineup_demo_store_count_groups (lineup_demo_server_get_store (fixture->server)), ==, 1);
  }
  {
    g_autoptr(DemoReply) free_other = POST (fixture, "free", NULL, "group_id", "other", NULL);

    demo_assert_ok (free_other);
  }
  /* With no library at all, the next start seeds the demo again. */
  restart (fixture);
  g_assert_cmpuint (lineup_demo_store_count_faces (lineup_demo_server_get_store (fixture->server),
                                                   LINEUP_DEMO_GROUP_ID), ==, lineup_demo_seed_n_people ());
}

static char *
first_face_file (const char *dir,
                 const char *group_id,
                 guint       skip)
{
  g_autofree char *hex = NULL;
  g_autofree char *group_dir = NULL;
  g_autoptr(GDir) listing = NULL;
  GString *name = g_string_new ("g-");
  const char *entry;

  for (const char *p = group_id; *p; p++)
    g_string_append_printf (name, "%02x", (guchar)*p);
  hex = g_string_free (name, FALSE);
  group_dir = g_build_filename (dir, "groups", hex, NULL);
  listing = g_dir_open (group_dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((entry = g_dir_read_name (listing)))
    if (g_str_has_suffix (entry, ".face") && skip-- == 0)
      return g_build_filename (group_dir, entry, NULL);
  g_assert_not_reached ();
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir && g_dir_read_name (dir))
    n++;
  return n;
}

static void
test_damaged_files (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *truncated = NULL;
  g_autofree char *garbage = NULL;
  g_autofree char *leftover = NULL;
  g_autofree char *corrupt_dir = NULL;
  g_autofree char *broken_group = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(LineupDemoStore) store = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gsize len;

  start (fixture);
  {
    g_autoptr(DemoReply) create = POST (fixture, "create", NULL, "group_id", "broken", "group_name", "B", NULL);

    demo_assert_ok (create);
  }
  stop (fixture);

  /* A face file cut short, one overwritten with rubbish, a temporary file
   * of a write that never finished, and a library whose record is cut. */
  truncated = first_face_file (fixture->dir, LINEUP_DEMO_GROUP_ID, 0);
  g_assert_true (g_file_get_contents (truncated, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, len / 2, NULL));
  garbage = first_face_file (fixture->dir, LINEUP_DEMO_GROUP_ID, 1);
  g_assert_true (g_file_set_contents (garbage, "not a face at all", -1, NULL));
  leftover = g_strconcat (garbage, ".Q1W2E3", NULL);
  g_assert_true (g_file_set_contents (leftover, contents, len / 3, NULL));
  broken_group = g_build_filename (fixture->dir, "groups", "g-62726f6b656e", "group", NULL);
  g_assert_true (g_file_set_contents (broken_group, "LUGROUP1", 8, NULL));

  /* Through the store: each problem is reported, none is fatal. */
  store = lineup_demo_store_new ();
  g_assert_true (lineup_demo_store_open (store, fixture->dir, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 3);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *)g_ptr_array_index (problems, i));
  g_assert_cmpuint (lineup_demo_store_count_groups (store), ==, 1);
  g_assert_cmpuint (lineup_demo_store_count_faces (store, LINEUP_DEMO_GROUP_ID), ==,
                    lineup_demo_seed_n_people () - 2);

  /* Moved aside, so they are reported once and never shadow new data. */
  corrupt_dir = g_build_filename (fixture->dir, "corrupt", NULL);
  g_assert_cmpuint (count_entries (corrupt_dir), ==, 3);
  g_assert_false (g_file_test (truncated, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (leftover, G_FILE_TEST_EXISTS));
  g_clear_object (&store);

  /* A second open finds nothing left to complain about (a warning would
   * abort this test); the server starts. */
  start (fixture);
  g_assert_cmpuint (lineup_demo_store_count_faces (lineup_demo_server_get_store (fixture->server),
                                                   LINEUP_DEMO_GROUP_ID), ==, lineup_demo_seed_n_people () - 2);
  {
    /* A library of the same id can be created afresh. */
    g_autoptr(DemoReply) create = POST (fixture, "create", NULL, "group_id", "broken", "group_name", "B", NULL);

    demo_assert_ok (create);
  }
}

static void
test_damage_reported_by_server (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *garbage = NULL;

  start (fixture);
  stop (fixture);
  garbage = first_face_file (fixture->dir, LINEUP_DEMO_GROUP_ID, 0);
  g_assert_true (g_file_set_contents (garbage, "LUFACE01 and then nothing useful", -1, NULL));

  g_test_expect_message ("lineup-demo-server", G_LOG_LEVEL_WARNING, "*Skipped*");
  start (fixture);
  g_test_assert_expected_messages ();
}

static void
test_directory_guards (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(LineupDemoStore) second = lineup_demo_store_new ();
  g_autoptr(LineupDemoStore) foreign = lineup_demo_store_new ();
  g_autoptr(LineupDemoStore) future = lineup_demo_store_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_path_get_dirname (fixture->dir);
  g_autofree char *other = g_build_filename (parent, "other", NULL);
  g_autofree char *stray = g_build_filename (other, "notes.txt", NULL);
  g_autofree char *format = NULL;

  /* One service per directory. */
  start (fixture);
  g_assert_false (lineup_demo_store_open (second, fixture->dir, problems, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);
  stop (fixture);

  /* A directory with other things in it is not taken over. */
  g_assert_cmpint (g_mkdir_with_parents (other, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stray, "mine", -1, NULL));
  g_assert_false (lineup_demo_store_open (foreign, other, problems, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (other), ==, 1);

  /* Nor is data of an unknown format. */
  format = g_build_filename (fixture->dir, "lineup-demo-data", NULL);
  g_assert_true (g_file_set_contents (format, "lineup-demo-data 99\n", -1, NULL));
  g_assert_false (lineup_demo_store_open (future, fixture->dir, problems, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_memory_only (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(LineupDemoServer) server = lineup_demo_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (lineup_demo_server_get_data_dir (server));
  g_assert_true (lineup_demo_server_start (server, 0, &error));
  g_assert_no_error (error);
  g_assert_null (lineup_demo_store_get_dir (lineup_demo_server_get_store (server)));
  g_assert_false (g_file_test (fixture->dir, G_FILE_TEST_EXISTS));
  lineup_demo_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/lineup/demo/persist/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("restart-keeps-everything", test_restart_keeps_everything);
  ADD ("free-is-kept", test_free_is_kept);
  ADD ("damaged-files", test_damaged_files);
  ADD ("damage-reported-by-server", test_damage_reported_by_server);
  ADD ("directory-guards", test_directory_guards);
  ADD ("memory-only", test_memory_only);

#undef ADD

  return g_test_run ();
}
