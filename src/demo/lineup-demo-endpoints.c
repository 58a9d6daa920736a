/* lineup-demo-endpoints.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-demo-server"

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/random.h>
#include <glib/gi18n.h>

#include "lineup-demo-server-private.h"
#include "lineup-error.h"
#include "lineup-signer.h"
#include "lineup-validate.h"

/* The nine endpoints. Each runs on a worker thread, validates its form
 * fields as the vendor documents them and fills request->status and
 * request->reply. Where the documentation is silent (the add reply, the
 * code for a duplicate library) the choice is noted. */

#define MAX_IMAGE_BYTES    (10 * 1024 * 1024)
#define MATCH_SIDE         1024
#define THUMB_SIDE         128

typedef void (*EndpointFunc) (DemoRequest *request);

void
_lineup_demo_random_bytes (gpointer buffer,
                           gsize    len)
{
  if (getrandom (buffer, len, GRND_NONBLOCK) != (ssize_t)len)
    {
      gint64 now = g_get_monotonic_time ();
      memcpy (buffer, &now, MIN (len, sizeof now));
    }
}

static void
fail (DemoRequest *request,
      guint        status,
      const char  *code)
{
  g_clear_pointer (&request->reply, json_object_unref);
  request->status = status;
  request->reply = json_object_new ();
  json_object_set_string_member (request->reply, "error", code);
}

static void
fail_with_error (DemoRequest  *request,
                 const GError *error)
{
  const char *code = lineup_api_error_get_api_code (error);
  guint status = lineup_api_error_get_http_status (error);

  fail (request, status ? status : 400, code ? code : "INTERNAL_ERROR");
}

static JsonObject *
succeed (DemoRequest *request)
{
  request->status = 200;
  request->reply = json_object_new ();
  return request->reply;
}

static const char *
field (DemoRequest *request,
       const char  *name)
{
  return g_hash_table_lookup (request->fields, name);
}

static gboolean
require (DemoRequest *request,
         const char  *name)
{
  g_autofree char *code = NULL;

  if (field (request, name) != NULL)
    return TRUE;
  code = g_strdup_printf ("MISSING_ARGUMENTS: %s", name);
  fail (request, 400, code);
  return FALSE;
}

static gboolean
bad_argument (DemoRequest *request,
              const char  *name)
{
  g_autofree char *code = g_strdup_printf ("BAD_ARGUMENTS: %s", name);

  fail (request, 400, code);
  return FALSE;
}

static gboolean
get_id (DemoRequest  *request,
        const char   *name,
        const char  **out)
{
  if (!require (request, name))
    return FALSE;
  *out = field (request, name);
  if (!lineup_validate_id (name, *out, NULL))
    return bad_argument (request, name);
  return TRUE;
}

static gboolean
get_text (DemoRequest  *request,
          const char   *name,
          guint         max_chars,
          gboolean      required,
          const char  **out)
{
  if (required && !require (request, name))
    return FALSE;
  *out = field (request, name);
  if (!lineup_validate_text (name, *out, max_chars, required, NULL))
    return bad_argument (request, name);
  return TRUE;
}

static gboolean
get_uint (DemoRequest *request,
          const char  *name,
          guint        min,
          guint        max,
          guint        fallback,
          guint       *out)
{
  const char *text = field (request, name);
  guint64 value;

  *out = fallback;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    return bad_argument (request, name);
  *out = value;
  return TRUE;
}

/* "0" or "1" and nothing else, as the documentation insists. */
static gboolean
get_flag (DemoRequest *request,
          const char  *name,
          gboolean     fallback,
          gboolean    *out)
{
  const char *text = field (request, name);

  *out = fallback;
  if (text == NULL)
    return TRUE;
  if (strcmp (text, "0") != 0 && strcmp (text, "1") != 0)
    return bad_argument (request, name);
  *out = text[0] == '1';
  return TRUE;
}

static gboolean
check_signature (DemoRequest *request)
{
  LineupDemoServer *self = request->self;
  g_autoptr(GError) error = NULL;

  if (!require (request, "sign") || !require (request, "sign_version"))
    return FALSE;
  if (g_strcmp0 (field (request, "sign_version"), LINEUP_SIGN_VERSION) != 0)
    return bad_argument (request, "sign_version");

  if (!lineup_signature_verify (field (request, "sign"), lineup_demo_server_get_api_key (self),
                                _lineup_demo_server_get_secret (self),
                                _lineup_demo_server_now (self), LINEUP_DEMO_MAX_SKEW_SECONDS, &error))
    {
      g_debug ("Rejected a request: %s", lineup_api_error_get_api_code (error));
      fail_with_error (request, error);
      return FALSE;
    }

  return TRUE;
}

/* Images */

/* gdk-pixbuf decodes a PNG at full size whatever size it is asked for:
 * 250 KB of PNG can hold 16000 × 16000 pixels, 768 MB decoded. The
 * header's size is known here, before any pixel is: a size of 0 × 0
 * stops the loader there. */
static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  gboolean *too_large = user_data;

  if ((guint64)width * (guint64)height > LINEUP_DEMO_MAX_PIXELS)
    {
      *too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }
  if (width > MATCH_SIDE || height > MATCH_SIDE)
    {
      double f = (double)MATCH_SIDE / MAX (width, height);
      gdk_pixbuf_loader_set_size (loader, MAX (1, (int)(width * f)), MAX (1, (int)(height * f)));
    }
}

static GdkPixbuf *
get_image (DemoRequest *request)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *base64 = field (request, "image");
  gboolean too_large = FALSE;
  const guint8 *data;
  GdkPixbuf *pixbuf;
  gsize len;

  if (request->file != NULL)
    bytes = g_bytes_ref (request->file);
  else if (base64 != NULL)
    {
      guint8 *decoded;

      /* Tolerate a data: URL prefix; the documentation does not say. */
      if (g_str_has_prefix (base64, "data:") && strchr (base64, ','))
        base64 = strchr (base64, ',') + 1;
      decoded = g_base64_decode (base64, &len);
      bytes = g_bytes_new_take (decoded, len);
    }
  else
    {
      fail (request, 400, "MISSING_ARGUMENTS: image_file");
      return NULL;
    }

  data = g_bytes_get_data (bytes, &len);
  if (len > MAX_IMAGE_BYTES)
    {
      fail (request, 413, "REQUEST_ENTITY_TOO_LARGE");
      return NULL;
    }
  if (len >= 4 && memcmp (data, "GIF8", 4) == 0)
    {
      fail (request, 400, "IMAGE_ERROR_UNSUPPORTED_FORMAT: gif");
      return NULL;
    }

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &too_large);
  if (len == 0 ||
      !gdk_pixbuf_loader_write_bytes (loader, bytes, NULL) ||
      !gdk_pixbuf_loader_close (loader, NULL) ||
      !(pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)))
    {
      if (len == 0 || too_large)
        gdk_pixbuf_loader_close (loader, NULL);
      /* The vendor family's code for an image out of size bounds. */
      fail (request, 400, too_large ? "INVALID_IMAGE_SIZE: more than 4096 × 4096 pixels"
                                    : "IMAGE_ERROR_UNSUPPORTED_FORMAT");
      return NULL;
    }

  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

/* The probe as the matcher sees it: upright, and with rotation detection
 * also turned by 90°, 180° and 270°. */
static guint
get_probe_features (DemoRequest        *request,
                    GdkPixbuf          *pixbuf,
                    gboolean            rotate,
                    LineupDemoFeature **features)
{
  static const GdkPixbufRotation turns[] = {
    GDK_PIXBUF_ROTATE_NONE, GDK_PIXBUF_ROTATE_CLOCKWISE,
    GDK_PIXBUF_ROTATE_UPSIDEDOWN, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE,
  };
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (guint i = 0; i < (rotate ? G_N_ELEMENTS (turns) : 1); i++)
    {
      g_autoptr(GdkPixbuf) turned = gdk_pixbuf_rotate_simple (pixbuf, turns[i]);

      g_clear_error (&error);
      if ((features[n] = lineup_demo_feature_new_from_pixbuf (turned, &error)))
        n++;
    }

  if (n == 0)
    fail (request, 400, "NO_FACE_FOUND");
  return n;
}

/* Endpoints */

static void
endpoint_create (DemoRequest *request)
{
  const char *group_id, *group_name, *group_data, *model_version;
  g_autoptr(GError) error = NULL;
  JsonObject *reply;

  if (!get_id (request, "group_id", &group_id) ||
      !get_text (request, "group_name", LINEUP_GROUP_NAME_MAX_CHARS, TRUE, &group_name) ||
      !get_text (request, "group_data", LINEUP_DATA_MAX_CHARS, FALSE, &group_data) ||
      !get_text (request, "model_version", 16, FALSE, &model_version))
    return;

  if (model_version == NULL || *model_version == '\0')
    model_version = "s21";
  if (!lineup_demo_store_create_group (lineup_demo_server_get_store (request->self), group_id,
                                       group_name, group_data, model_version, &error))
    {
      fail_with_error (request, error);
      return;
    }

  reply = succeed (request);
  json_object_set_string_member (reply, "group_id", group_id);
  json_object_set_string_member (reply, "group_name", group_name);
  json_object_set_string_member (reply, "group_data", group_data ? group_data : "");
  json_object_set_string_member (reply, "model_version", model_version);
}

static void
endpoint_free (DemoRequest *request)
{
  g_autoptr(GError) error = NULL;
  const char *group_id;
  gboolean check_empty;

  if (!get_id (request, "group_id", &group_id) ||
      !get_flag (request, "check_empty", TRUE, &check_empty))
    return;

  if (!lineup_demo_store_free_group (lineup_demo_server_get_store (request->self), group_id,
                                     check_empty, &error))
    {
      fail_with_error (request, error);
      return;
    }

  json_object_set_string_member (succeed (request), "group_id", group_id);
}

static void
endpoint_group_list (DemoRequest *request)
{
  JsonNode *groups = lineup_demo_store_describe_groups (lineup_demo_server_get_store (request->self));

  json_object_set_member (succeed (request), "group_infos", groups);
}

static void
endpoint_group_info (DemoRequest *request)
{
  g_autoptr(GError) error = NULL;
  const char *group_id;
  JsonNode *info;

  if (!get_id (request, "group_id", &group_id))
    return;

  if (!(info = lineup_demo_store_describe_group (lineup_demo_server_get_store (request->self),
                                                 group_id, &error)))
    {
      fail_with_error (request, error);
      return;
    }

  json_object_set_member (succeed (request), "info", info);
}

static GBytes *
make_thumbnail (GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf);
  int h = gdk_pixbuf_get_height (pixbuf);
  double f = MIN (1.0, (double)THUMB_SIDE / MAX (w, h));
  g_autoptr(GdkPixbuf) small = gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int)(w * f)), MAX (1, (int)(h * f)),
                                                        GDK_INTERP_BILINEAR);
  char *buffer = NULL;
  gsize size = 0;

  if (!gdk_pixbuf_save_to_buffer (small, &buffer, &size, "jpeg", NULL, "quality", "85", NULL))
    return NULL;
  return g_bytes_new_take (buffer, size);
}

static void
endpoint_add (DemoRequest *request)
{
  LineupDemoFeature *features[4] = { NULL };
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GBytes) thumbnail = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  const char *group_id, *user_id, *user_data;
  JsonObject *reply;
  gboolean rotate;
  guint n;

  if (!get_id (request, "group_id", &group_id) ||
      !get_id (request, "user_id", &user_id) ||
      !get_text (request, "user_data", LINEUP_DATA_MAX_CHARS, FALSE, &user_data) ||
      !get_flag (request, "multi_oriented_detection", FALSE, &rotate) ||
      !(pixbuf = get_image (request)) ||
      !(n = get_probe_features (request, pixbuf, rotate, features)))
    return;

  thumbnail = make_thumbnail (pixbuf);
  token = lineup_demo_store_add_face (lineup_demo_server_get_store (request->self), group_id,
                                      user_id, user_data, features[0], thumbnail, &error);
  for (guint i = 0; i < n; i++)
    lineup_demo_feature_free (features[i]);

  if (token == NULL)
    {
      fail_with_error (request, error);
      return;
    }

  /* The vendor documents no reply for add; this shape (the new token at
   * the top level) is our choice, and the client also accepts others. */
  reply = succeed (request);
  json_object_set_string_member (reply, "group_id", group_id);
  json_object_set_string_member (reply, "face_token", token);
  json_object_set_string_member (reply, "user_id", user_id);
}

static void
endpoint_delete (DemoRequest *request)
{
  LineupDemoStore *store = lineup_demo_server_get_store (request->self);
  g_autoptr(JsonArray) failure_detail = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tokens = NULL;
  const char *group_id;
  guint removed, face_count = 0, n = 0;
  JsonObject *reply;

  if (!get_id (request, "group_id", &group_id) || !require (request, "face_tokens"))
    return;

  tokens = g_strsplit (field (request, "face_tokens"), ",", -1);
  for (guint i = 0; tokens[i]; i++)
    {
      g_strstrip (tokens[i]);
      if (*tokens[i] == '\0')
        {
          bad_argument (request, "face_tokens");
          return;
        }
      n++;
    }
  if (n == 0 || n > LINEUP_DELETE_TOKENS_MAX)
    {
      bad_argument (request, "face_tokens");
      return;
    }

  removed = lineup_demo_store_delete_faces (store, group_id, (const char * const *)tokens,
                                            failure_detail, &face_count, &error);
  if (error != NULL)
    {
      fail_with_error (request, error);
      return;
    }

  reply = succeed (request);
  json_object_set_string_member (reply, "group_id", group_id);
  json_object_set_int_member (reply, "face_removed", removed);
  json_object_set_int_member (reply, "face_count", face_count);
  json_object_set_array_member (reply, "failure_detail", g_steal_pointer (&failure_detail));
}

/* `start` is documented as 1–1000, and the previous page's `next` as
 * something to pass on: `next` is the start of the following page, and
 * a start past 1000 is taken when it is one that `next` could have been
 * (within the library). Without that no client could list more than
 * 1999 faces. */
static void
endpoint_list (DemoRequest *request)
{
  LineupDemoStore *store = lineup_demo_server_get_store (request->self);
  g_autoptr(GError) error = NULL;
  const char *group_id;
  guint start, limit, count, returned;
  JsonNode *faces;
  JsonObject *reply;

  if (!get_id (request, "group_id", &group_id) ||
      !get_uint (request, "start", 1, G_MAXINT32, 1, &start) ||
      !get_uint (request, "limit", 1, LINEUP_LIST_LIMIT_MAX, 100, &limit))
    return;
  count = lineup_demo_store_count_faces (store, group_id);
  if (start > LINEUP_LIST_START_MAX && start > count)
    {
      bad_argument (request, "start");
      return;
    }

  if (!(faces = lineup_demo_store_list_faces (store, group_id, start, limit, &error)))
    {
      fail_with_error (request, error);
      return;
    }

  returned = json_array_get_length (json_node_get_array (faces));
  reply = succeed (request);
  json_object_set_member (reply, "face_tokens", faces);
  if (returned > 0 && (guint64)start - 1 + returned < count)
    json_object_set_int_member (reply, "next", (gint64)start + returned);
}

static void
endpoint_face_info (DemoRequest *request)
{
  g_autoptr(GError) error = NULL;
  const char *group_id;
  JsonNode *info;

  if (!get_id (request, "group_id", &group_id) || !require (request, "face_token"))
    return;

  if (!(info = lineup_demo_store_describe_face (lineup_demo_server_get_store (request->self),
                                                group_id, field (request, "face_token"), &error)))
    {
      fail_with_error (request, error);
      return;
    }

  json_object_set_member (succeed (request), "info", info);
}

static void
endpoint_search (DemoRequest *request)
{
  LineupDemoFeature *features[4] = { NULL };
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  const char *group_id, *threshold_text;
  JsonNode *info;
  double threshold = -1;
  gboolean rotate;
  JsonArray *result;
  guint limit, n;

  if (!get_id (request, "group_id", &group_id) ||
      !get_uint (request, "limit", 1, LINEUP_SEARCH_LIMIT_MAX, 1, &limit) ||
      !get_flag (request, "multi_oriented_detection", FALSE, &rotate))
    return;

  if ((threshold_text = field (request, "threshold")) != NULL)
    {
      char *end = NULL;

      threshold = g_ascii_strtod (threshold_text, &end);
      if (end == threshold_text || *end != '\0' || !isfinite (threshold) ||
          threshold < 0 || threshold > 100)
        {
          bad_argument (request, "threshold");
          return;
        }
    }

  /* An unknown library is reported before the image is even decoded. */
  if (!(info = lineup_demo_store_describe_group (lineup_demo_server_get_store (request->self),
                                                 group_id, &error)))
    {
      fail_with_error (request, error);
      return;
    }
  json_node_unref (info);

  if (!(pixbuf = get_image (request)) ||
      !(n = get_probe_features (request, pixbuf, rotate, features)))
    return;

  hits = lineup_demo_store_search (lineup_demo_server_get_store (request->self), group_id,
                                   features, n, limit, threshold, &error);
  for (guint i = 0; i < n; i++)
    lineup_demo_feature_free (features[i]);
  if (hits == NULL)
    {
      fail_with_error (request, error);
      return;
    }

  result = json_array_new ();
  for (guint i = 0; i < hits->len; i++)
    {
      LineupDemoHit *hit = &g_array_index (hits, LineupDemoHit, i);
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "face_token", hit->face_token);
      json_object_set_string_member (entry, "group_id", group_id);
      json_object_set_double_member (entry, "score", hit->score);
      json_array_add_object_element (result, entry);
    }
  json_object_set_array_member (succeed (request), "result", result);
}

static const struct
{
  const char   *name;
  EndpointFunc  func;
} endpoints[] = {
  { "create", endpoint_create },
  { "free", endpoint_free },
  { "group_list", endpoint_group_list },
  { "group_info", endpoint_group_info },
  { "add", endpoint_add },
  { "delete", endpoint_delete },
  { "list", endpoint_list },
  { "face_info", endpoint_face_info },
  { "search", endpoint_search },
};

G_STATIC_ASSERT (G_N_ELEMENTS (endpoints) == LINEUP_DEMO_N_ENDPOINTS);

/* Returns: the endpoint's index, or -1 if there is no such endpoint */
int
_lineup_demo_server_find_endpoint (const char *endpoint)
{
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    if (g_strcmp0 (endpoints[i].name, endpoint) == 0)
      return i;
  return -1;
}

gboolean
_lineup_demo_server_knows_endpoint (const char *endpoint)
{
  return _lineup_demo_server_find_endpoint (endpoint) >= 0;
}

void
_lineup_demo_server_dispatch (DemoRequest *request)
{
  if (!check_signature (request))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    if (g_strcmp0 (endpoints[i].name, request->endpoint) == 0)
      {
        endpoints[i].func (request);
        g_debug ("%s -> HTTP %u", request->endpoint, request->status);
        return;
      }

  fail (request, 404, "API_NOT_FOUND");
}
