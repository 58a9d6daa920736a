/* test-demo-endpoints.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "demo-http.h"
#include "lineup-demo-seed.h"
#include "lineup-demo-server.h"
#include "lineup-signer.h"
#include "lineup-test-util.h"

/* Every endpoint of the demo service and its error paths, spoken in raw
 * HTTP against the documented protocol (docs: facesearch-api.md). */

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
  lineup_demo_server_set_seed (fixture->server, GPOINTER_TO_INT (data));
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

#define SEEDED   GINT_TO_POINTER (TRUE)
#define EMPTY    GINT_TO_POINTER (FALSE)

#define POST(fixture, endpoint, file, ...) \
  demo_post ((fixture)->session, (fixture)->server, (endpoint), (file), __VA_ARGS__)

static GBytes *
probe (LineupDemoProbe which)
{
  return lineup_demo_probe_render_jpeg (which);
}

static GBytes *
uniform_jpeg (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 256, 256);
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x808080ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", NULL, NULL));
  return g_bytes_new_take (buffer, size);
}

static char *
add_face (Fixture    *fixture,
          const char *group_id,
          const char *user_id,
          GBytes     *image)
{
  g_autoptr(DemoReply) reply = POST (fixture, "add", image, "group_id", group_id,
                                     "user_id", user_id, "user_data", "someone", NULL);

  demo_assert_ok (reply);
  return g_strdup (json_object_get_string_member (reply->json, "face_token"));
}

static void
create_group (Fixture    *fixture,
              const char *group_id)
{
  g_autoptr(DemoReply) reply = POST (fixture, "create", NULL, "group_id", group_id,
                                     "group_name", group_id, NULL);

  demo_assert_ok (reply);
}

/* Signature */

static void
test_signature_valid (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DemoReply) reply = POST (fixture, "group_list", NULL, NULL);
  const char *request_id;
  g_auto(GStrv) parts = NULL;

  demo_assert_ok (reply);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==, "application/json");

  /* The envelope in the vendor's form: "<unix seconds>,<uuid>", then ms. */
  request_id = json_object_get_string_member (reply->json, "request_id");
  parts = g_strsplit (request_id, ",", 2);
  g_assert_cmpuint (strlen (parts[0]), ==, 10);
  g_assert_true (g_uuid_string_is_valid (parts[1]));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (reply->json, "time_used")), ==, G_TYPE_INT64);
  g_assert_true (json_object_has_member (reply->json, "group_infos"));
}

static char *
raw_sign (const char *key,
          const char *secret,
          gint64      expire,
          gint64      current)
{
  return lineup_sign_raw (key, secret, expire, current, "0123456789");
}

static void
test_signature_rejected (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *wrong_key = raw_sign ("someone-else", LINEUP_DEMO_API_SECRET, now + 100, now);
  g_autofree char *wrong_secret = raw_sign (LINEUP_DEMO_API_KEY, "not-the-secret", now + 100, now);
  g_autofree char *expired = raw_sign (LINEUP_DEMO_API_KEY, LINEUP_DEMO_API_SECRET, now - 10, now - 110);
  g_autofree char *future = raw_sign (LINEUP_DEMO_API_KEY, LINEUP_DEMO_API_SECRET, now + 4000, now + 3600);
  g_autofree char *old_single = raw_sign (LINEUP_DEMO_API_KEY, LINEUP_DEMO_API_SECRET, 0, now - 3600);
  g_autofree char *backwards = raw_sign (LINEUP_DEMO_API_KEY, LINEUP_DEMO_API_SECRET, now - 1, now);
  g_autofree char *garbage = g_base64_encode ((const guchar *)"01234567890123456789a=b&c=d", 27);
  const char *bad[] = {
    wrong_key, wrong_secret, expired, future, old_single, backwards, garbage,
    "not base64 at all!", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(DemoReply) reply = POST (fixture, "group_list", NULL, "sign", bad[i], NULL);

      g_test_message ("bad sign #%u", i);
      demo_assert_error (reply, 401, "AUTHENTICATION_ERROR");
      /* Unlike 403 AUTHORIZATION_ERROR, the envelope is complete. */
      g_assert_true (json_object_has_member (reply->json, "request_id"));
      g_assert_true (json_object_has_member (reply->json, "time_used"));
      /* The reply never echoes the signature or the secret. */
      g_assert_null (g_strstr_len (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body),
                                   LINEUP_DEMO_API_SECRET));
    }
}

static void
test_signature_single_use (Fixture       *fixture,
                           gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *sign = raw_sign (LINEUP_DEMO_API_KEY, LINEUP_DEMO_API_SECRET, 0, now);
  g_autoptr(DemoReply) reply = POST (fixture, "group_list", NULL, "sign", sign, NULL);

  demo_assert_ok (reply);
}

static void
test_signature_fields (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(DemoReply) no_sign = POST (fixture, "group_list", NULL, "sign", NULL, NULL);
  g_autoptr(DemoReply) no_version = POST (fixture, "group_list", NULL, "sign_version", NULL, NULL);
  g_autoptr(DemoReply) wrong_version = POST (fixture, "group_list", NULL, "sign_version", "hmac_sha256", NULL);

  demo_assert_error (no_sign, 400, "MISSING_ARGUMENTS");
  demo_assert_error (no_version, 400, "MISSING_ARGUMENTS");
  demo_assert_error (wrong_version, 400, "BAD_ARGUMENTS");
}

/* The signature is checked before anything else: a bad one never learns
 * whether a library exists. */
static void
test_signature_first (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DemoReply) reply = POST (fixture, "group_info", NULL, "sign", "AAAA", "group_id", "nope", NULL);

  demo_assert_error (reply, 401, "AUTHENTICATION_ERROR");
}

/* Transport */

static void
test_unknown_path (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *paths[] = { "nope", "search/more", "", "Search" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(DemoReply) reply = POST (fixture, paths[i], NULL, NULL);

      demo_assert_error (reply, 404, "API_NOT_FOUND");
      /* 404 API_NOT_FOUND is the one reply without the envelope. */
      g_assert_false (json_object_has_member (reply->json, "request_id"));
      g_assert_false (json_object_has_member (reply->json, "time_used"));
    }
}

static void
test_method_and_body (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("%s/group_list", lineup_demo_server_get_base_url (fixture->server));
  g_autofree char *sign = demo_sign (fixture->server);
  g_autofree char *form = soup_form_encode ("sign", sign, "sign_version", "hmac_sha1", NULL);
  g_autoptr(SoupMessage) get = soup_message_new ("GET", url);
  g_autoptr(SoupMessage) urlencoded = soup_message_new_from_encoded_form ("POST", url, g_steal_pointer (&form));
  g_autoptr(SoupMessage) text = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new_static ("hello", 5);
  g_autoptr(DemoReply) get_reply = NULL;
  g_autoptr(DemoReply) form_reply = NULL;
  g_autoptr(DemoReply) text_reply = NULL;

  get_reply = demo_send (fixture->session, get);
  g_assert_cmpuint (get_reply->status, ==, 405);

  /* An urlencoded form is accepted too (the vendor does not say). */
  form_reply = demo_send (fixture->session, urlencoded);
  demo_assert_ok (form_reply);

  soup_message_set_request_body_from_bytes (text, "text/plain", body);
  text_reply = demo_send (fixture->session, text);
  demo_assert_error (text_reply, 400, "BAD_ARGUMENTS");
}

/* create, group_list, group_info, free */

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *name_60 = g_strnfill (60, 'n');
  g_autofree char *name_61 = g_strnfill (61, 'n');
  g_autofree char *data_128 = g_strnfill (128, 'd');
  g_autofree char *data_129 = g_strnfill (129, 'd');
  g_autofree char *id_48 = g_strnfill (48, 'i');
  g_autofree char *id_49 = g_strnfill (49, 'i');
  g_autoptr(DemoReply) ok = NULL;
  g_autoptr(DemoReply) defaults = NULL;
  g_autoptr(DemoReply) twice = NULL;

  ok = POST (fixture, "create", NULL, "group_id", "Team-1%@#&_x", "group_name", "Team one",
             "group_data", "first floor", "model_version", "s21", NULL);
  demo_assert_ok (ok);
  g_assert_cmpstr (json_object_get_string_member (ok->json, "group_id"), ==, "Team-1%@#&_x");
  g_assert_cmpstr (json_object_get_string_member (ok->json, "group_name"), ==, "Team one");
  g_assert_cmpstr (json_object_get_string_member (ok->json, "group_data"), ==, "first floor");
  g_assert_cmpstr (json_object_get_string_member (ok->json, "model_version"), ==, "s21");

  defaults = POST (fixture, "create", NULL, "group_id", id_48, "group_name", name_60,
                   "group_data", data_128, NULL);
  demo_assert_ok (defaults);
  g_assert_cmpstr (json_object_get_string_member (defaults->json, "group_data"), ==, data_128);
  g_assert_cmpstr (json_object_get_string_member (defaults->json, "model_version"), ==, "s21");

  twice = POST (fixture, "create", NULL, "group_id", "Team-1%@#&_x", "group_name", "Again", NULL);
  demo_assert_error (twice, 400, "GROUP_ID_EXIST");

  {
    const char *bad[][3] = {
      { "group_id", id_49, "group_name" },
      { "group_id", "has space", "group_name" },
      { "group_id", "dot.ted", "group_name" },
      { "group_id", "", "group_name" },
      { "group_id", "ok1", "group_data" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(DemoReply) reply = NULL;

        if (strcmp (bad[i][2], "group_data") == 0)
          reply = POST (fixture, "create", NULL, "group_id", bad[i][1], "group_name", "x",
                        "group_data", data_129, NULL);
        else
          reply = POST (fixture, "create", NULL, bad[i][0], bad[i][1], "group_name", "x", NULL);
        demo_assert_error (reply, 400, "BAD_ARGUMENTS");
      }
  }

  {
    g_autoptr(DemoReply) long_name = POST (fixture, "create", NULL, "group_id", "g2", "group_name", name_61, NULL);
    g_autoptr(DemoReply) empty_name = POST (fixture, "create", NULL, "group_id", "g2", "group_name", "", NULL);
    g_autoptr(DemoReply) no_name = POST (fixture, "create", NULL, "group_id", "g2", NULL);
    g_autoptr(DemoReply) no_id = POST (fixture, "create", NULL, "group_name", "x", NULL);

    demo_assert_error (long_name, 400, "BAD_ARGUMENTS");
    demo_assert_error (empty_name, 400, "BAD_ARGUMENTS");
    demo_assert_error (no_name, 400, "MISSING_ARGUMENTS");
    demo_assert_error (no_id, 400, "MISSING_ARGUMENTS");
  }
}

static void
test_create_limit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DemoReply) eleventh = NULL;

  /* The seeded `demo` library is the first of ten. */
  for (guint i = 1; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("lib%u", i);

      create_group (fixture, id);
    }
  eleventh = POST (fixture, "create", NULL, "group_id", "lib10", "group_name", "x", NULL);
  demo_assert_error (eleventh, 400, "GROUP_LIMIT_EXCEEDED");
}

static void
test_group_list_and_info (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(DemoReply) list = NULL;
  g_autoptr(DemoReply) info = NULL;
  g_autoptr(DemoReply) unknown = NULL;
  g_autoptr(DemoReply) missing = NULL;
  g_autoptr(GDateTime) add_time = NULL;
  JsonArray *groups;
  JsonObject *first;

  create_group (fixture, "second");
  list = POST (fixture, "group_list", NULL, NULL);
  demo_assert_ok (list);
  groups = json_object_get_array_member (list->json, "group_infos");
  g_assert_cmpuint (json_array_get_length (groups), ==, 2);
  first = json_array_get_object_element (groups, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "group_id"), ==, LINEUP_DEMO_GROUP_ID);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 1), "group_id"), ==, "second");
  g_assert_cmpstr (json_object_get_string_member (first, "model_version"), ==, "s21");
  g_assert_true (json_object_has_member (first, "group_name"));
  g_assert_true (json_object_has_member (first, "group_data"));
  /* Libraries carry an ISO-8601 add_time with an offset, as a string. */
  add_time = g_date_time_new_from_iso8601 (json_object_get_string_member (first, "add_time"), NULL);
  g_assert_nonnull (add_time);

  info = POST (fixture, "group_info", NULL, "group_id", LINEUP_DEMO_GROUP_ID, NULL);
  demo_assert_ok (info);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (info->json, "info"), "group_name"),
                   ==, json_object_get_string_member (first, "group_name"));

  unknown = POST (fixture, "group_info", NULL, "group_id", "nope", NULL);
  demo_assert_error (unknown, 400, "INVALID_GROUP_ID");
  missing = POST (fixture, "group_info", NULL, NULL);
  demo_assert_error (missing, 400, "MISSING_ARGUMENTS");
}

static void
test_free (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(DemoReply) not_empty = NULL;
  g_autoptr(DemoReply) bad_flag = NULL;
  g_autoptr(DemoReply) forced = NULL;
  g_autoptr(DemoReply) gone = NULL;
  g_autoptr(DemoReply) empty = NULL;

  not_empty = POST (fixture, "free", NULL, "group_id", LINEUP_DEMO_GROUP_ID, NULL);
  demo_assert_error (not_empty, 400, "NOT_EMPTY");
  bad_flag = POST (fixture, "free", NULL, "group_id", LINEUP_DEMO_GROUP_ID, "check_empty", "2", NULL);
  demo_assert_error (bad_flag, 400, "BAD_ARGUMENTS");

  forced = POST (fixture, "free", NULL, "group_id", LINEUP_DEMO_GROUP_ID, "check_empty", "0", NULL);
  demo_assert_ok (forced);
  g_assert_cmpstr (json_object_get_string_member (forced->json, "group_id"), ==, LINEUP_DEMO_GROUP_ID);

  gone = POST (fixture, "free", NULL, "group_id", LINEUP_DEMO_GROUP_ID, NULL);
  demo_assert_error (gone, 400, "INVALID_GROUP_ID");

  create_group (fixture, "empty");
  empty = POST (fixture, "free", NULL, "group_id", "empty", "check_empty", "1", NULL);
  demo_assert_ok (empty);
  g_assert_cmpuint (lineup_demo_store_count_groups (lineup_demo_server_get_store (fixture->server)), ==, 0);
}

/* add, face_info, list, delete */

static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GBytes) image = probe (LINEUP_DEMO_PROBE_STRONG);
  g_autofree char *base64 = g_base64_encode (g_bytes_get_data (image, NULL), g_bytes_get_size (image));
  g_autoptr(DemoReply) by_file = NULL;
  g_autoptr(DemoReply) by_base64 = NULL;
  g_autoptr(DemoReply) info = NULL;
  g_autoptr(GBytes) thumbnail = NULL;
  const char *token;
  JsonObject *face;

  create_group (fixture, "staff");
  by_file = POST (fixture, "add", image, "group_id", "staff", "user_id", "user_01",
                  "user_data", "Test user", "multi_oriented_detection", "0", NULL);
  demo_assert_ok (by_file);
  token = json_object_get_string_member (by_file->json, "face_token");
  g_assert_cmpuint (strlen (token), ==, 32);
  g_assert_cmpstr (json_object_get_string_member (by_file->json, "group_id"), ==, "staff");

  by_base64 = POST (fixture, "add", NULL, "group_id", "staff", "user_id", "user_02", "image", base64, NULL);
  demo_assert_ok (by_base64);
  g_assert_cmpstr (json_object_get_string_member (by_base64->json, "face_token"), !=, token);

  info = POST (fixture, "face_info", NULL, "group_id", "staff", "face_token", token, NULL);
  demo_assert_ok (info);
  face = json_object_get_object_member (info->json, "info");
  g_assert_cmpstr (json_object_get_string_member (face, "face_token"), ==, token);
  g_assert_cmpstr (json_object_get_string_member (face, "user_id"), ==, "user_01");
  g_assert_cmpstr (json_object_get_string_member (face, "user_data"), ==, "Test user");
  /* Faces carry add_time as milliseconds, a JSON number, as in the
   * vendor's face_info example. */
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (face, "add_time")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (face, "add_time"), >, 1600000000000);

  /* The app shows each enrolled face's thumbnail. */
  thumbnail = lineup_demo_store_get_thumbnail (lineup_demo_server_get_store (fixture->server), "staff", token);
  g_assert_nonnull (thumbnail);
  g_assert_cmpmem (g_bytes_get_data (thumbnail, NULL), 2, "\xff\xd8", 2);
}

static void
test_add_errors (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GBytes) image = probe (LINEUP_DEMO_PROBE_STRONG);
  g_autoptr(GBytes) uniform = uniform_jpeg ();
  g_autoptr(GBytes) gif = g_bytes_new_static ("GIF89a\x01\x00\x01\x00\x00\x00\x00;", 14);
  g_autoptr(GBytes) junk = g_bytes_new_static ("this is no image", 16);
  g_autofree char *data_129 = g_strnfill (129, 'd');
  g_autofree char *id_49 = g_strnfill (49, 'u');
  struct
  {
    const char *code;
    guint       status;
    GBytes     *file;
    const char *field;
    const char *value;
  } cases[] = {
    { "BAD_ARGUMENTS", 400, image, "multi_oriented_detection", "2" },
    { "BAD_ARGUMENTS", 400, image, "multi_oriented_detection", "yes" },
    { "BAD_ARGUMENTS", 400, image, "user_data", data_129 },
    { "BAD_ARGUMENTS", 400, image, "user_id", id_49 },
    { "BAD_ARGUMENTS", 400, image, "user_id", "bad id" },
    { "MISSING_ARGUMENTS", 400, NULL, NULL, NULL },
    { "IMAGE_ERROR_UNSUPPORTED_FORMAT", 400, gif, NULL, NULL },
    { "IMAGE_ERROR_UNSUPPORTED_FORMAT", 400, junk, NULL, NULL },
    { "NO_FACE_FOUND", 400, uniform, NULL, NULL },
    { "INVALID_GROUP_ID", 400, image, "group_id", "nope" },
    { "MISSING_ARGUMENTS", 400, image, "user_id", NULL },
  };

  create_group (fixture, "staff");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DemoReply) reply = NULL;
      const char *group_id = "staff", *user_id = "u1", *user_data = "x", *mod = NULL;

      if (g_strcmp0 (cases[i].field, "group_id") == 0)
        group_id = cases[i].value;
      else if (g_strcmp0 (cases[i].field, "user_id") == 0)
        user_id = cases[i].value;
      else if (g_strcmp0 (cases[i].field, "user_data") == 0)
        user_data = cases[i].value;
      else if (g_strcmp0 (cases[i].field, "multi_oriented_detection") == 0)
        mod = cases[i].value;

      g_test_message ("case %u: %s", i, cases[i].code);
      reply = POST (fixture, "add", cases[i].file, "group_id", group_id, "user_id", user_id,
                    "user_data", user_data, "multi_oriented_detection", mod, NULL);
      demo_assert_error (reply, cases[i].status, cases[i].code);
    }
  g_assert_cmpuint (lineup_demo_store_count_faces (lineup_demo_server_get_store (fixture->server), "staff"), ==, 0);
}

static void
test_add_limit (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) image = probe (LINEUP_DEMO_PROBE_STRONG);
  g_autofree char *token = NULL;
  g_autoptr(DemoReply) over = NULL;

  /* 5,000,000 faces are out of a test's reach; lower the quota. */
  lineup_demo_store_set_limits (lineup_demo_server_get_store (fixture->server), 10, 21);
  token = add_face (fixture, LINEUP_DEMO_GROUP_ID, "one-more", image);
  over = POST (fixture, "add", image, "group_id", LINEUP_DEMO_GROUP_ID, "user_id", "too-many", NULL);
  demo_assert_error (over, 400, "FACE_LIMIT_EXCEEDED");
}

static void
test_face_info_errors (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(DemoReply) unknown = POST (fixture, "face_info", NULL, "group_id", LINEUP_DEMO_GROUP_ID,
                                       "face_token", "0123456789abcdef0123456789abcdef", NULL);
  g_autoptr(DemoReply) missing = POST (fixture, "face_info", NULL, "group_id", LINEUP_DEMO_GROUP_ID, NULL);
  g_autoptr(DemoReply) no_group = POST (fixture, "face_info", NULL, "group_id", "nope", "face_token", "x", NULL);

  demo_assert_error (unknown, 400, "INVALID_FACE_TOKEN");
  demo_assert_error (missing, 400, "MISSING_ARGUMENTS");
  demo_assert_error (no_group, 400, "INVALID_GROUP_ID");
}

static JsonArray *
list_tokens (DemoReply *reply)
{
  demo_assert_ok (reply);
  return json_object_get_array_member (reply->json, "face_tokens");
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(DemoReply) all = POST (fixture, "list", NULL, "group_id", LINEUP_DEMO_GROUP_ID, NULL);
  g_autoptr(DemoReply) page = POST (fixture, "list", NULL, "group_id", LINEUP_DEMO_GROUP_ID,
                                    "start", "5", "limit", "3", NULL);
  g_autoptr(DemoReply) past = POST (fixture, "list", NULL, "group_id", LINEUP_DEMO_GROUP_ID,
                                    "start", "1000", "limit", "1000", NULL);
  JsonArray *faces = list_tokens (all);
  JsonObject *face;

  g_assert_cmpuint (json_array_get_length (faces), ==, lineup_demo_seed_n_people ());
  face = json_array_get_object_element (faces, 0);
  g_assert_cmpstr (json_object_get_string_member (face, "user_id"), ==, lineup_demo_seed_get_user_id (0));
  g_assert_true (json_object_has_member (face, "face_token"));
  g_assert_true (json_object_has_member (face, "user_data"));
  g_assert_true (json_object_has_member (face, "add_time"));

  /* In order of creation, 1-based. */
  g_assert_cmpuint (json_array_get_length (list_tokens (page)), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list_tokens (page), 0), "user_id"),
                   ==, lineup_demo_seed_get_user_id (4));
  g_assert_cmpuint (json_array_get_length (list_tokens (past)), ==, 0);

  {
    const char *bad[][2] = {
      { "start", "0" }, { "start", "1001" }, { "start", "x" },
      { "limit", "0" }, { "limit", "1001" }, { "limit", "-1" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(DemoReply) reply = POST (fixture, "list", NULL, "group_id", LINEUP_DEMO_GROUP_ID,
                                           bad[i][0], bad[i][1], NULL);

        demo_assert_error (reply, 400, "BAD_ARGUMENTS");
      }
  }

  {
    g_autoptr(DemoReply) empty = NULL;
    g_autoptr(DemoReply) unknown = POST (fixture, "list", NULL, "group_id", "nope", NULL);

    create_group (fixture, "empty");
    empty = POST (fixture, "list", NULL, "group_id", "empty", NULL);
    g_assert_cmpuint (json_array_get_length (list_tokens (empty)), ==, 0);
    demo_assert_error (unknown, 400, "INVALID_GROUP_ID");
  }
}

static void
test_list_default_limit (Fixture       *fixture,
                         gconstpointer  data)
{
  LineupDemoStore *store = lineup_demo_server_get_store (fixture->server);
  g_autoptr(GdkPixbuf) photo = lineup_demo_seed_render_person (0, 128, 160);
  g_autoptr(LineupDemoFeature) feature = lineup_demo_feature_new_from_pixbuf (photo, NULL);
  g_autoptr(DemoReply) first = NULL;
  g_autoptr(DemoReply) big = NULL;

  g_assert_nonnull (feature);
  g_assert_true (lineup_demo_store_create_group (store, "big", "Big", NULL, NULL, NULL));
  for (guint i = 0; i < 150; i++)
    g_free (lineup_demo_store_add_face (store, "big", "u", NULL, feature, NULL, NULL));

  first = POST (fixture, "list", NULL, "group_id", "big", NULL);
  g_assert_cmpuint (json_array_get_length (list_tokens (first)), ==, 100);
  big = POST (fixture, "list", NULL, "group_id", "big", "limit", "1000", NULL);
  g_assert_cmpuint (json_array_get_length (list_tokens (big)), ==, 150);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(DemoReply) all = POST (fixture, "list", NULL, "group_id", LINEUP_DEMO_GROUP_ID, NULL);
  JsonArray *faces = list_tokens (all);
  const char *t0 = json_object_get_string_member (json_array_get_object_element (faces, 0), "face_token");
  const char *t1 = json_object_get_string_member (json_array_get_object_element (faces, 1), "face_token");
  g_autofree char *tokens = g_strdup_printf ("%s, %s,unknown,%s", t0, t1, t0);
  g_autoptr(DemoReply) reply = POST (fixture, "delete", NULL, "group_id", LINEUP_DEMO_GROUP_ID,
                                     "face_tokens", tokens, NULL);
  g_autoptr(DemoReply) info = NULL;
  JsonArray *failures;

  demo_assert_ok (reply);
  g_assert_cmpstr (json_object_get_string_member (reply->json, "group_id"), ==, LINEUP_DEMO_GROUP_ID);
  g_assert_cmpint (json_object_get_int_member (reply->json, "face_removed"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (reply->json, "face_count"), ==, lineup_demo_seed_n_people () - 2);
  failures = json_object_get_array_member (reply->json, "failure_detail");
  g_assert_cmpuint (json_array_get_length (failures), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (failures, 0), "face_token"), ==, "unknown");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (failures, 0), "reason"), ==,
                   "FACE_NOT_IN_GROUP");

  info = POST (fixture, "face_info", NULL, "group_id", LINEUP_DEMO_GROUP_ID, "face_token", t1, NULL);
  demo_assert_error (info, 400, "INVALID_FACE_TOKEN");
}

static void
test_delete_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  GString *many = g_string_new ("t0");
  g_autofree char *thousand = NULL;
  g_autofree char *too_many = NULL;
  g_autoptr(DemoReply) at_limit = NULL;

  for (guint i = 1; i < 1000; i++)
    g_string_append_printf (many, ",t%u", i);
  thousand = g_strdup (many->str);
  g_string_append (many, ",t1000");
  too_many = g_string_free (many, FALSE);

  /* 1000 tokens are allowed (none of these exists), 1001 are not. */
  at_limit = POST (fixture, "delete", NULL, "group_id", LINEUP_DEMO_GROUP_ID, "face_tokens", thousand, NULL);
  demo_assert_ok (at_limit);
  g_assert_cmpint (json_object_get_int_member (at_limit->json, "face_removed"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (at_limit->json, "failure_detail")), ==, 1000);

  {
    const char *bad[] = { too_many, "", "a,,b", " , " };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(DemoReply) reply = POST (fixture, "delete", NULL, "group_id", LINEUP_DEMO_GROUP_ID,
                                           "face_tokens", bad[i], NULL);

        demo_assert_error (reply, 400, "BAD_ARGUMENTS");
      }
  }

  {
    g_autoptr(DemoReply) missing = POST (fixture, "delete", NULL, "group_id", LINEUP_DEMO_GROUP_ID, NULL);
    g_autoptr(DemoReply) unknown = POST (fixture, "delete", NULL, "group_id", "nope", "face_tokens", "x", NULL);

    demo_assert_error (missing, 400, "MISSING_ARGUMENTS");
    demo_assert_error (unknown, 400, "INVALID_GROUP_ID");
  }
}

/* search */

static const char *
user_of (Fixture    *fixture,
         const char *token)
{
  g_autoptr(DemoReply) info = POST (fixture, "face_info", NULL, "group_id", LINEUP_DEMO_GROUP_ID,
                                    "face_token", token, NULL);
  static char user_id[64];

  demo_assert_ok (info);
  g_strlcpy (user_id, json_object_get_string_member (json_object_get_object_member (info->json, "info"),
                                                     "user_id"), sizeof user_id);
  return user_id;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GBytes) strong = probe (LINEUP_DEMO_PROBE_STRONG);
  g_autoptr(GBytes) rotated = probe (LINEUP_DEMO_PROBE_ROTATED);
  g_autoptr(DemoReply) one = POST (fixture, "search", strong, "group_id", LINEUP_DEMO_GROUP_ID, NULL);
  g_autoptr(DemoReply) five = POST (fixture, "search", strong, "group_id", LINEUP_DEMO_GROUP_ID, "limit", "5", NULL);
  g_autoptr(DemoReply) turned = POST (fixture, "search", rotated, "group_id", LINEUP_DEMO_GROUP_ID,
                                      "multi_oriented_detection", "1", NULL);
  g_autoptr(DemoReply) filtered = NULL;
  g_autofree char *threshold = NULL;
  JsonArray *result;
  JsonObject *best;
  double previous = 101, best_score;

  /* The default limit is 1. */
  demo_assert_ok (one);
  result = json_object_get_array_member (one->json, "result");
  g_assert_cmpuint (json_array_get_length (result), ==, 1);
  best = json_array_get_object_element (result, 0);
  g_assert_cmpstr (json_object_get_string_member (best, "group_id"), ==, LINEUP_DEMO_GROUP_ID);
  g_assert_cmpstr (user_of (fixture, json_object_get_string_member (best, "face_token")), ==,
                   lineup_demo_probe_get_expected_user_id (LINEUP_DEMO_PROBE_STRONG));
  best_score = json_object_get_double_member (best, "score");
  g_assert_cmpfloat (best_score, >, 0);
  g_assert_cmpfloat (best_score, <=, 100);

  demo_assert_ok (five);
  result = json_object_get_array_member (five->json, "result");
  g_assert_cmpuint (json_array_get_length (result), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      double score = json_object_get_double_member (json_array_get_object_element (result, i), "score");

      g_assert_cmpfloat (score, <=, previous);
      previous = score;
    }

  /* Only scores strictly above the threshold come back. */
  threshold = g_strdup_printf ("%.17g", best_score);
  filtered = POST (fixture, "search", strong, "group_id", LINEUP_DEMO_GROUP_ID, "limit", "100",
                   "threshold", threshold, NULL);
  demo_assert_ok (filtered);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (filtered->json, "result")), ==, 0);

  demo_assert_ok (turned);
  best = json_array_get_object_element (json_object_get_array_member (turned->json, "result"), 0);
  g_assert_cmpstr (user_of (fixture, json_object_get_string_member (best, "face_token")), ==,
                   lineup_demo_probe_get_expected_user_id (LINEUP_DEMO_PROBE_ROTATED));
}

static void
test_search_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GBytes) strong = probe (LINEUP_DEMO_PROBE_STRONG);
  g_autoptr(GBytes) uniform = uniform_jpeg ();
  const char *bad[][2] = {
    { "limit", "0" }, { "limit", "101" }, { "limit", "many" },
    { "threshold", "abc" }, { "threshold", "101" }, { "threshold", "-1" }, { "threshold", "nan" },
    { "multi_oriented_detection", "true" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(DemoReply) reply = POST (fixture, "search", strong, "group_id", LINEUP_DEMO_GROUP_ID,
                                         bad[i][0], bad[i][1], NULL);

      g_test_message ("%s=%s", bad[i][0], bad[i][1]);
      demo_assert_error (reply, 400, "BAD_ARGUMENTS");
    }

  {
    g_autoptr(DemoReply) hundred = POST (fixture, "search", strong, "group_id", LINEUP_DEMO_GROUP_ID,
                                         "limit", "100", NULL);
    g_autoptr(DemoReply) unknown = POST (fixture, "search", strong, "group_id", "nope", NULL);
    g_autoptr(DemoReply) no_face = POST (fixture, "search", uniform, "group_id", LINEUP_DEMO_GROUP_ID,
                                         "multi_oriented_detection", "1", NULL);
    g_autoptr(DemoReply) no_image = POST (fixture, "search", NULL, "group_id", LINEUP_DEMO_GROUP_ID, NULL);

    demo_assert_ok (hundred);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (hundred->json, "result")), ==,
                      lineup_demo_seed_n_people ());
    demo_assert_error (unknown, 400, "INVALID_GROUP_ID");
    demo_assert_error (no_face, 400, "NO_FACE_FOUND");
    demo_assert_error (no_image, 400, "MISSING_ARGUMENTS");
  }
}

/* Concurrency: adds and searches at once, on many connections. */

typedef struct
{
  guint      pending;
  GPtrArray *replies;
} Batch;

static void
batch_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Batch *batch = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  DemoReply *reply = g_new0 (DemoReply, 1);

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &reply->error);
  reply->status = soup_message_get_status (msg);
  demo_reply_parse (reply);
  g_ptr_array_add (batch->replies, reply);
  batch->pending--;
}

static void
test_concurrent (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GBytes) strong = probe (LINEUP_DEMO_PROBE_STRONG);
  g_autoptr(GHashTable) tokens = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns", 64,
                                                                  "max-conns-per-host", 64, NULL);
  Batch batch = { 0, g_ptr_array_new_with_free_func ((GDestroyNotify)demo_reply_free) };
  guint n_adds = 0;

  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(SoupMessage) msg = NULL;

      if (i % 2 == 0)
        msg = demo_message (fixture->server, "add", strong, "group_id", LINEUP_DEMO_GROUP_ID,
                            "user_id", "twin", NULL);
      else
        msg = demo_message (fixture->server, "search", strong, "group_id", LINEUP_DEMO_GROUP_ID,
                            "limit", "3", NULL);
      batch.pending++;
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, batch_done, &batch);
    }
  LINEUP_TEST_WAIT_FOR (batch.pending == 0, 60);

  for (guint i = 0; i < batch.replies->len; i++)
    {
      DemoReply *reply = g_ptr_array_index (batch.replies, i);

      demo_assert_ok (reply);
      if (json_object_has_member (reply->json, "face_token"))
        {
          g_hash_table_add (tokens, (gpointer)json_object_get_string_member (reply->json, "face_token"));
          n_adds++;
        }
      else
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (reply->json, "result")), ==, 3);
    }
  g_assert_cmpuint (n_adds, ==, 30);
  g_assert_cmpuint (g_hash_table_size (tokens), ==, 30);
  g_assert_cmpuint (lineup_demo_store_count_faces (lineup_demo_server_get_store (fixture->server),
                                                   LINEUP_DEMO_GROUP_ID), ==, lineup_demo_seed_n_people () + 30);
  g_assert_cmpuint (lineup_demo_server_get_requests_in_flight (fixture->server), ==, 0);
  g_ptr_array_unref (batch.replies);
}

/* The store under searches on several threads while faces come and go:
 * searches see a consistent library and nothing is freed under them. */

typedef struct
{
  LineupDemoStore   *store;
  LineupDemoFeature *probe;
  gint               stop;
  gint               searches;
} Searcher;

static gpointer
search_loop (gpointer data)
{
  Searcher *searcher = data;

  while (!g_atomic_int_get (&searcher->stop))
    {
      g_autoptr(GArray) hits = lineup_demo_store_search (searcher->store, "churn", &searcher->probe, 1,
                                                         10, -1, NULL);

      g_assert_nonnull (hits);
      g_assert_cmpuint (hits->len, <=, 10);
      for (guint i = 1; i < hits->len; i++)
        g_assert_cmpfloat (g_array_index (hits, LineupDemoHit, i).score, <=,
                           g_array_index (hits, LineupDemoHit, i - 1).score);
      g_atomic_int_inc (&searcher->searches);
    }
  return NULL;
}

static void
test_store_churn (void)
{
  g_autoptr(LineupDemoStore) store = lineup_demo_store_new ();
  g_autoptr(GdkPixbuf) photo = lineup_demo_seed_render_person (1, 128, 160);
  g_autoptr(LineupDemoFeature) feature = lineup_demo_feature_new_from_pixbuf (photo, NULL);
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  Searcher searcher = { store, feature, 0, 0 };
  GThread *threads[4];

  g_assert_true (lineup_demo_store_create_group (store, "churn", "Churn", NULL, NULL, NULL));
  for (guint i = 0; i < 200; i++)
    g_ptr_array_add (tokens, lineup_demo_store_add_face (store, "churn", "u", NULL, feature, NULL, NULL));

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("searcher", search_loop, &searcher);

  for (guint round = 0; round < 50; round++)
    {
      g_autoptr(JsonArray) failures = json_array_new ();
      const char *doomed[11] = { NULL };
      gint seen = g_atomic_int_get (&searcher.searches);
      guint count = 0;

      /* Let at least one search finish between two changes. */
      LINEUP_TEST_WAIT_FOR (g_atomic_int_get (&searcher.searches) > seen, 30);

      for (guint i = 0; i < 10; i++)
        doomed[i] = g_ptr_array_index (tokens, i);
      g_assert_cmpuint (lineup_demo_store_delete_faces (store, "churn", doomed, failures, &count, NULL), ==, 10);
      g_ptr_array_remove_range (tokens, 0, 10);
      for (guint i = 0; i < 10; i++)
        g_ptr_array_add (tokens, lineup_demo_store_add_face (store, "churn", "u", NULL, feature, NULL, NULL));
      g_assert_cmpuint (lineup_demo_store_count_faces (store, "churn"), ==, 200);
    }

  g_atomic_int_set (&searcher.stop, 1);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_thread_join (threads[t]);
  g_test_message ("%d searches ran during the changes", searcher.searches);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, seeded) \
  g_test_add ("/lineup/demo/endpoints/" path, Fixture, seeded, fixture_set_up, func, fixture_tear_down)

  ADD ("signature/valid", test_signature_valid, EMPTY);
  ADD ("signature/rejected", test_signature_rejected, EMPTY);
  ADD ("signature/single-use", test_signature_single_use, EMPTY);
  ADD ("signature/fields", test_signature_fields, EMPTY);
  ADD ("signature/checked-first", test_signature_first, EMPTY);
  ADD ("unknown-path", test_unknown_path, EMPTY);
  ADD ("method-and-body", test_method_and_body, EMPTY);
  ADD ("create", test_create, EMPTY);
  ADD ("create-limit", test_create_limit, SEEDED);
  ADD ("group-list-and-info", test_group_list_and_info, SEEDED);
  ADD ("free", test_free, SEEDED);
  ADD ("add", test_add, EMPTY);
  ADD ("add-errors", test_add_errors, EMPTY);
  ADD ("add-limit", test_add_limit, SEEDED);
  ADD ("face-info-errors", test_face_info_errors, SEEDED);
  ADD ("list", test_list, SEEDED);
  ADD ("list-default-limit", test_list_default_limit, EMPTY);
  ADD ("delete", test_delete, SEEDED);
  ADD ("delete-errors", test_delete_errors, SEEDED);
  ADD ("search", test_search, SEEDED);
  ADD ("search-errors", test_search_errors, SEEDED);
  ADD ("concurrent", test_concurrent, SEEDED);

#undef ADD

  g_test_add_func ("/lineup/demo/endpoints/store-churn", test_store_churn);

  return g_test_run ();
}
