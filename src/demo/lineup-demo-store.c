/* lineup-demo-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-demo-store"

#include "config.h"

#include <string.h>
#include <sys/random.h>
#include <glib/gi18n.h>

#include "lineup-demo-store.h"
#include "lineup-error.h"

/* The demo service's libraries and faces. Requests are handled on worker
 * threads, so every entry point takes the lock. Errors carry the codes the
 * real service documents; the server turns them into replies. */

typedef struct
{
  char              *face_token;
  char              *user_id;
  char              *user_data;
  gint64             add_time_ms;
  LineupDemoFeature *feature;
  GBytes            *thumbnail;
} Face;

typedef struct
{
  char       *group_id;
  char       *group_name;
  char       *group_data;
  char       *model_version;
  GDateTime  *add_time;
  GPtrArray  *faces;         /* Face, in order of creation */
  GHashTable *by_token;      /* face_token → Face */
} Group;

struct _LineupDemoStore
{
  GObject     parent_instance;
  GMutex      lock;
  GPtrArray  *groups;        /* Group, in order of creation */
  guint64     n_faces;
};

G_DEFINE_FINAL_TYPE (LineupDemoStore, lineup_demo_store, G_TYPE_OBJECT)

static void
face_free (gpointer data)
{
  Face *face = data;

  g_free (face->face_token);
  g_free (face->user_id);
  g_free (face->user_data);
  lineup_demo_feature_free (face->feature);
  g_clear_pointer (&face->thumbnail, g_bytes_unref);
  g_free (face);
}

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->group_id);
  g_free (group->group_name);
  g_free (group->group_data);
  g_free (group->model_version);
  g_date_time_unref (group->add_time);
  g_hash_table_unref (group->by_token);
  g_ptr_array_unref (group->faces);
  g_free (group);
}

static void
lineup_demo_store_finalize (GObject *object)
{
  LineupDemoStore *self = (LineupDemoStore *)object;

  g_ptr_array_unref (self->groups);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (lineup_demo_store_parent_class)->finalize (object);
}

static void
lineup_demo_store_class_init (LineupDemoStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_demo_store_finalize;
}

static void
lineup_demo_store_init (LineupDemoStore *self)
{
  g_mutex_init (&self->lock);
  self->groups = g_ptr_array_new_with_free_func (group_free);
}

LineupDemoStore *
lineup_demo_store_new (void)
{
  return g_object_new (LINEUP_TYPE_DEMO_STORE, NULL);
}

static GError *
service_error (guint       status,
               const char *code,
               const char *group_id,
               const char *face_token)
{
  return lineup_api_error_new_from_reply (status, code, NULL, -1, group_id, face_token);
}

static Group *
find_group (LineupDemoStore  *self,
            const char       *group_id,
            GError          **error)
{
  for (guint i = 0; i < self->groups->len; i++)
    {
      Group *group = g_ptr_array_index (self->groups, i);

      if (g_strcmp0 (group->group_id, group_id) == 0)
        return group;
    }

  /* The vendor's example says INVALID_GROUP_ID where its table says
   * INVALID_OUTER_ID; the example is what a server really sent. */
  g_propagate_error (error, service_error (400, "INVALID_GROUP_ID", group_id, NULL));
  return NULL;
}

gboolean
lineup_demo_store_create_group (LineupDemoStore  *self,
                                const char       *group_id,
                                const char       *group_name,
                                const char       *group_data,
                                const char       *model_version,
                                GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  Group *group;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), FALSE);

  if (find_group (self, group_id, NULL))
    {
      g_propagate_error (error, service_error (400, "GROUP_ID_EXIST", group_id, NULL));
      return FALSE;
    }
  if (self->groups->len >= LINEUP_DEMO_MAX_GROUPS)
    {
      g_propagate_error (error, service_error (400, "GROUP_LIMIT_EXCEEDED", group_id, NULL));
      return FALSE;
    }

  group = g_new0 (Group, 1);
  group->group_id = g_strdup (group_id);
  group->group_name = g_strdup (group_name ? group_name : "");
  group->group_data = g_strdup (group_data ? group_data : "");
  group->model_version = g_strdup (model_version && *model_version ? model_version : "s21");
  group->add_time = g_date_time_new_now_local ();
  group->faces = g_ptr_array_new_with_free_func (face_free);
  group->by_token = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_add (self->groups, group);

  return TRUE;
}

gboolean
lineup_demo_store_free_group (LineupDemoStore  *self,
                              const char       *group_id,
                              gboolean          check_empty,
                              GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  Group *group;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), FALSE);

  if (!(group = find_group (self, group_id, error)))
    return FALSE;
  if (check_empty && group->faces->len > 0)
    {
      g_propagate_error (error, service_error (400, "NOT_EMPTY", group_id, NULL));
      return FALSE;
    }

  self->n_faces -= group->faces->len;
  g_ptr_array_remove (self->groups, group);
  return TRUE;
}

static JsonNode *
group_to_json (Group *group)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *add_time = g_date_time_format (group->add_time, "%Y-%m-%dT%H:%M:%S%:z");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "group_id");
  json_builder_add_string_value (builder, group->group_id);
  json_builder_set_member_name (builder, "group_name");
  json_builder_add_string_value (builder, group->group_name);
  json_builder_set_member_name (builder, "group_data");
  json_builder_add_string_value (builder, group->group_data);
  json_builder_set_member_name (builder, "model_version");
  json_builder_add_string_value (builder, group->model_version);
  json_builder_set_member_name (builder, "add_time");
  json_builder_add_string_value (builder, add_time);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
lineup_demo_store_describe_group (LineupDemoStore  *self,
                                  const char       *group_id,
                                  GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  Group *group;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), NULL);

  if (!(group = find_group (self, group_id, error)))
    return NULL;
  return group_to_json (group);
}

JsonNode *
lineup_demo_store_describe_groups (LineupDemoStore *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < self->groups->len; i++)
    json_array_add_element (array, group_to_json (g_ptr_array_index (self->groups, i)));
  json_node_take_array (node, array);

  return node;
}

static char *
new_face_token (void)
{
  guint8 bytes[16];
  GString *token = g_string_sized_new (33);

  if (getrandom (bytes, sizeof bytes, 0) != sizeof bytes)
    {
      /* Uniqueness is all a token needs; fall back to time and address. */
      gint64 now = g_get_real_time ();
      memcpy (bytes, &now, sizeof now);
      memcpy (bytes + 8, &token, sizeof (gpointer));
    }
  for (guint i = 0; i < sizeof bytes; i++)
    g_string_append_printf (token, "%02x", bytes[i]);

  return g_string_free (token, FALSE);
}

/**
 * lineup_demo_store_add_face:
 *
 * Returns: (transfer full) (nullable): the new face's token
 */
char *
lineup_demo_store_add_face (LineupDemoStore          *self,
                            const char               *group_id,
                            const char               *user_id,
                            const char               *user_data,
                            const LineupDemoFeature  *feature,
                            GBytes                   *thumbnail,
                            GError                  **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  Group *group;
  Face *face;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), NULL);
  g_return_val_if_fail (feature != NULL, NULL);

  if (!(group = find_group (self, group_id, error)))
    return NULL;
  if (self->n_faces >= LINEUP_DEMO_MAX_FACES)
    {
      g_propagate_error (error, service_error (400, "FACE_LIMIT_EXCEEDED", group_id, NULL));
      return NULL;
    }

  face = g_new0 (Face, 1);
  do
    {
      g_free (face->face_token);
      face->face_token = new_face_token ();
    }
  while (g_hash_table_contains (group->by_token, face->face_token));
  face->user_id = g_strdup (user_id);
  face->user_data = g_strdup (user_data ? user_data : "");
  face->add_time_ms = g_get_real_time () / 1000;
  face->feature = lineup_demo_feature_copy (feature);
  face->thumbnail = thumbnail ? g_bytes_ref (thumbnail) : NULL;
  g_ptr_array_add (group->faces, face);
  g_hash_table_insert (group->by_token, face->face_token, face);
  self->n_faces++;

  return g_strdup (face->face_token);
}

static JsonNode *
face_to_json (Face *face)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "face_token");
  json_builder_add_string_value (builder, face->face_token);
  json_builder_set_member_name (builder, "user_id");
  json_builder_add_string_value (builder, face->user_id);
  json_builder_set_member_name (builder, "user_data");
  json_builder_add_string_value (builder, face->user_data);
  /* The vendor's face_info example sends milliseconds as a number. */
  json_builder_set_member_name (builder, "add_time");
  json_builder_add_int_value (builder, face->add_time_ms);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
lineup_demo_store_describe_face (LineupDemoStore  *self,
                                 const char       *group_id,
                                 const char       *face_token,
                                 GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  Group *group;
  Face *face;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), NULL);

  if (!(group = find_group (self, group_id, error)))
    return NULL;
  if (!(face = g_hash_table_lookup (group->by_token, face_token)))
    {
      g_propagate_error (error, service_error (400, "INVALID_FACE_TOKEN", group_id, face_token));
      return NULL;
    }
  return face_to_json (face);
}

/**
 * lineup_demo_store_list_faces:
 * @start: 1-based index of the first face, in order of creation
 *
 * Returns: (transfer full) (nullable): a JSON array of faces
 */
JsonNode *
lineup_demo_store_list_faces (LineupDemoStore  *self,
                              const char       *group_id,
                              guint             start,
                              guint             limit,
                              GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  JsonArray *array;
  JsonNode *node;
  Group *group;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), NULL);

  if (!(group = find_group (self, group_id, error)))
    return NULL;

  array = json_array_new ();
  for (guint i = start - 1; i < group->faces->len && i < (guint64)start - 1 + limit; i++)
    json_array_add_element (array, face_to_json (g_ptr_array_index (group->faces, i)));
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);

  return node;
}

/**
 * lineup_demo_store_delete_faces:
 * @failure_detail: receives one object per token not removed
 * @face_count: (out): faces left in the library
 *
 * Returns: how many faces were removed
 */
guint
lineup_demo_store_delete_faces (LineupDemoStore     *self,
                                const char          *group_id,
                                const char * const  *face_tokens,
                                JsonArray           *failure_detail,
                                guint               *face_count,
                                GError             **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  guint removed = 0;
  Group *group;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), 0);

  *face_count = 0;
  if (!(group = find_group (self, group_id, error)))
    return 0;

  for (guint i = 0; face_tokens[i]; i++)
    {
      Face *face = g_hash_table_lookup (group->by_token, face_tokens[i]);

      if (face == NULL)
        {
          JsonObject *failure = json_object_new ();

          json_object_set_string_member (failure, "face_token", face_tokens[i]);
          json_object_set_string_member (failure, "reason", "FACE_NOT_IN_GROUP");
          json_array_add_object_element (failure_detail, failure);
          continue;
        }

      g_hash_table_remove (group->by_token, face->face_token);
      g_ptr_array_remove (group->faces, face);
      self->n_faces--;
      removed++;
    }

  *face_count = group->faces->len;
  return removed;
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const LineupDemoHit *ha = a;
  const LineupDemoHit *hb = b;

  return (ha->score < hb->score) - (ha->score > hb->score);
}

static void
clear_hit (gpointer data)
{
  LineupDemoHit *hit = data;

  g_free (hit->face_token);
}

/**
 * lineup_demo_store_search:
 * @probes: one feature per orientation tried
 * @threshold: only scores strictly above it; negative for all
 *
 * Returns: (transfer full) (element-type LineupDemoHit): the best @limit
 *   faces, best first
 */
GArray *
lineup_demo_store_search (LineupDemoStore    *self,
                          const char         *group_id,
                          LineupDemoFeature **probes,
                          guint               n_probes,
                          guint               limit,
                          double              threshold,
                          GError            **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GArray) hits = NULL;
  Group *group;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), NULL);

  if (!(group = find_group (self, group_id, error)))
    return NULL;

  hits = g_array_new (FALSE, FALSE, sizeof (LineupDemoHit));
  g_array_set_clear_func (hits, clear_hit);

  for (guint i = 0; i < group->faces->len; i++)
    {
      Face *face = g_ptr_array_index (group->faces, i);
      LineupDemoHit hit = { NULL, 0 };

      for (guint p = 0; p < n_probes; p++)
        hit.score = MAX (hit.score, lineup_demo_feature_score (probes[p], face->feature));
      if (hit.score > threshold)
        {
          hit.face_token = g_strdup (face->face_token);
          g_array_append_val (hits, hit);
        }
    }

  g_array_sort (hits, compare_hits);
  if (hits->len > limit)
    g_array_set_size (hits, limit);

  return g_steal_pointer (&hits);
}

/**
 * lineup_demo_store_get_thumbnail:
 *
 * Returns: (transfer full) (nullable): the JPEG thumbnail kept at enrolment
 */
GBytes *
lineup_demo_store_get_thumbnail (LineupDemoStore *self,
                                 const char      *group_id,
                                 const char      *face_token)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  Group *group;
  Face *face;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), NULL);

  if (!(group = find_group (self, group_id, NULL)) ||
      !(face = g_hash_table_lookup (group->by_token, face_token)) ||
      face->thumbnail == NULL)
    return NULL;
  return g_bytes_ref (face->thumbnail);
}

guint
lineup_demo_store_count_faces (LineupDemoStore *self,
                               const char      *group_id)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  Group *group;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), 0);

  group = find_group (self, group_id, NULL);
  return group ? group->faces->len : 0;
}
