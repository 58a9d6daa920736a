/* lineup-demo-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-demo-store"

#include "config.h"

#include <string.h>
#include <sys/random.h>
#include <glib/gi18n.h>

#include "lineup-demo-persist.h"
#include "lineup-demo-store.h"
#include "lineup-demo-store-private.h"
#include "lineup-error.h"

/* The demo service's libraries and faces, in memory and, once opened on a
 * directory, on disk too. Errors carry the codes the real service
 * documents; the server turns them into replies.
 *
 * Requests run on worker threads. Two locks keep them apart:
 *  - change_lock serialises the changes (create, free, add, delete): a
 *    change checks the state, writes to disk and only then, under
 *    the write side of @lock, updates memory. A change that fails on disk
 *    changes nothing, and one that is acknowledged is on disk.
 *  - @lock (a GRWLock) guards the data in memory. Readers (list, info)
 *    share it and never wait for a disk write, only for the brief update
 *    that follows it. A search holds it only to take a reference on each
 *    face, then scores them unlocked, so concurrent searches run in
 *    parallel and a change never queues behind a scan. */

G_DEFINE_FINAL_TYPE (LineupDemoStore, lineup_demo_store, G_TYPE_OBJECT)

static void
group_free (gpointer data)
{
  Group *group = data;

  lineup_demo_group_record_free (group->record);
  g_date_time_unref (group->add_time);
  g_hash_table_unref (group->by_token);
  g_free (group);
}

static Group *
group_new (LineupDemoGroupRecord *record)
{
  Group *group = g_new0 (Group, 1);

  group->record = record;
  if (record->faces == NULL)
    record->faces = g_ptr_array_new_with_free_func ((GDestroyNotify)lineup_demo_face_record_unref);
  group->add_time = g_date_time_new_from_unix_local (record->add_time);
  group->by_token = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < record->faces->len; i++)
    {
      Face *face = g_ptr_array_index (record->faces, i);

      g_hash_table_insert (group->by_token, face->face_token, face);
    }

  return group;
}

static void
lineup_demo_store_finalize (GObject *object)
{
  LineupDemoStore *self = (LineupDemoStore *)object;

  g_ptr_array_unref (self->groups);
  g_clear_pointer (&self->persist, lineup_demo_persist_close);
  g_rw_lock_clear (&self->lock);
  g_mutex_clear (&self->change_lock);

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
  g_rw_lock_init (&self->lock);
  g_mutex_init (&self->change_lock);
  self->groups = g_ptr_array_new_with_free_func (group_free);
  self->next_seq = 1;
  self->max_groups = LINEUP_DEMO_MAX_GROUPS;
  self->max_faces = LINEUP_DEMO_MAX_FACES;
}

LineupDemoStore *
lineup_demo_store_new (void)
{
  return g_object_new (LINEUP_TYPE_DEMO_STORE, NULL);
}

GError *
_lineup_demo_store_error (guint       status,
                          const char *code,
                          const char *group_id,
                          const char *face_token)
{
  return lineup_api_error_new_from_reply (status, code, NULL, -1, group_id, face_token);
}

/* A change could not be made durable: say why in the log, and tell the
 * client only that the service failed (it may retry). */
static void
storage_error (GError  **error,
               GError   *cause)
{
  g_warning ("Could not save a change: %s", cause->message);
  g_error_free (cause);
  g_propagate_error (error, _lineup_demo_store_error (500, "INTERNAL_ERROR", NULL, NULL));
}

/**
 * lineup_demo_store_open:
 * @dir: the data directory
 * @problems: (element-type utf8): receives a message for each damaged
 *   file, which is skipped (and moved aside) rather than loaded
 *
 * Loads the libraries kept in @dir, and keeps every later change there.
 * Call it once, on an empty store.
 */
gboolean
lineup_demo_store_open (LineupDemoStore  *self,
                        const char       *dir,
                        GPtrArray        *problems,
                        GError          **error)
{
  g_autoptr(LineupDemoPersist) persist = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GMutexLocker) change = NULL;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  change = g_mutex_locker_new (&self->change_lock);
  g_return_val_if_fail (self->persist == NULL, FALSE);
  g_return_val_if_fail (self->groups->len == 0, FALSE);

  if (!(persist = lineup_demo_persist_open (dir, error)) ||
      !(records = lineup_demo_persist_load (persist, problems, error)))
    return FALSE;

  g_rw_lock_writer_lock (&self->lock);
  for (guint i = 0; i < records->len; i++)
    {
      LineupDemoGroupRecord *record = g_ptr_array_index (records, i);

      self->next_seq = MAX (self->next_seq, record->seq + 1);
      for (guint j = 0; j < record->faces->len; j++)
        {
          Face *face = g_ptr_array_index (record->faces, j);

          self->next_seq = MAX (self->next_seq, face->seq + 1);
        }
      self->n_faces += record->faces->len;
      g_ptr_array_add (self->groups, group_new (g_steal_pointer (&records->pdata[i])));
    }
  self->persist = g_steal_pointer (&persist);
  g_rw_lock_writer_unlock (&self->lock);

  g_debug ("Loaded %u libraries with %" G_GUINT64_FORMAT " faces from %s",
           self->groups->len, self->n_faces, dir);
  return TRUE;
}

/**
 * lineup_demo_store_get_dir:
 *
 * Returns: (nullable): the data directory, or %NULL when in memory only
 */
const char *
lineup_demo_store_get_dir (LineupDemoStore *self)
{
  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), NULL);
  return self->persist ? lineup_demo_persist_get_dir (self->persist) : NULL;
}

/**
 * lineup_demo_store_set_limits:
 *
 * Lowers (or raises) the documented quotas of 10 libraries and
 * 5,000,000 faces, so tests can reach them.
 */
void
lineup_demo_store_set_limits (LineupDemoStore *self,
                              guint            max_groups,
                              guint64          max_faces)
{
  g_autoptr(GMutexLocker) change = NULL;

  g_return_if_fail (LINEUP_IS_DEMO_STORE (self));

  change = g_mutex_locker_new (&self->change_lock);
  self->max_groups = max_groups;
  self->max_faces = max_faces;
}

Group *
_lineup_demo_store_find_group (LineupDemoStore  *self,
                               const char       *group_id,
                               GError          **error)
{
  for (guint i = 0; i < self->groups->len; i++)
    {
      Group *group = g_ptr_array_index (self->groups, i);

      if (g_strcmp0 (group->record->group_id, group_id) == 0)
        return group;
    }

  /* The vendor's example says INVALID_GROUP_ID where its table says
   * INVALID_OUTER_ID; the example is what a server really sent. */
  g_propagate_error (error, _lineup_demo_store_error (400, "INVALID_GROUP_ID", group_id, NULL));
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
  g_autoptr(GMutexLocker) change = NULL;
  g_autoptr(LineupDemoGroupRecord) record = NULL;
  GError *cause = NULL;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), FALSE);
  g_return_val_if_fail (group_id != NULL, FALSE);

  change = g_mutex_locker_new (&self->change_lock);
  if (_lineup_demo_store_find_group (self, group_id, NULL))
    {
      g_propagate_error (error, _lineup_demo_store_error (400, "GROUP_ID_EXIST", group_id, NULL));
      return FALSE;
    }
  if (self->groups->len >= self->max_groups)
    {
      g_propagate_error (error, _lineup_demo_store_error (400, "GROUP_LIMIT_EXCEEDED", group_id, NULL));
      return FALSE;
    }

  record = g_new0 (LineupDemoGroupRecord, 1);
  record->seq = self->next_seq;
  record->group_id = g_strdup (group_id);
  record->group_name = g_strdup (group_name ? group_name : "");
  record->group_data = g_strdup (group_data ? group_data : "");
  record->model_version = g_strdup (model_version && *model_version ? model_version : "s21");
  record->add_time = g_get_real_time () / G_USEC_PER_SEC;

  if (self->persist && !lineup_demo_persist_write_group (self->persist, record, &cause))
    {
      storage_error (error, cause);
      return FALSE;
    }

  g_rw_lock_writer_lock (&self->lock);
  g_ptr_array_add (self->groups, group_new (g_steal_pointer (&record)));
  self->next_seq++;
  g_rw_lock_writer_unlock (&self->lock);

  return TRUE;
}

gboolean
lineup_demo_store_free_group (LineupDemoStore  *self,
                              const char       *group_id,
                              gboolean          check_empty,
                              GError          **error)
{
  g_autoptr(GMutexLocker) change = NULL;
  GError *cause = NULL;
  Group *group;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), FALSE);

  change = g_mutex_locker_new (&self->change_lock);
  if (!(group = _lineup_demo_store_find_group (self, group_id, error)))
    return FALSE;
  if (check_empty && group->record->faces->len > 0)
    {
      g_propagate_error (error, _lineup_demo_store_error (400, "NOT_EMPTY", group_id, NULL));
      return FALSE;
    }

  if (self->persist && !lineup_demo_persist_remove_group (self->persist, group_id, &cause))
    {
      storage_error (error, cause);
      return FALSE;
    }

  g_rw_lock_writer_lock (&self->lock);
  self->n_faces -= group->record->faces->len;
  g_ptr_array_remove (self->groups, group);
  g_rw_lock_writer_unlock (&self->lock);

  return TRUE;
}

static JsonNode *
group_to_json (Group *group)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *add_time = g_date_time_format (group->add_time, "%Y-%m-%dT%H:%M:%S%:z");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "group_id");
  json_builder_add_string_value (builder, group->record->group_id);
  json_builder_set_member_name (builder, "group_name");
  json_builder_add_string_value (builder, group->record->group_name);
  json_builder_set_member_name (builder, "group_data");
  json_builder_add_string_value (builder, group->record->group_data);
  json_builder_set_member_name (builder, "model_version");
  json_builder_add_string_value (builder, group->record->model_version);
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
  JsonNode *node = NULL;
  Group *group;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), NULL);

  g_rw_lock_reader_lock (&self->lock);
  if ((group = _lineup_demo_store_find_group (self, group_id, error)))
    node = group_to_json (group);
  g_rw_lock_reader_unlock (&self->lock);

  return node;
}

JsonNode *
lineup_demo_store_describe_groups (LineupDemoStore *self)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), NULL);

  g_rw_lock_reader_lock (&self->lock);
  for (guint i = 0; i < self->groups->len; i++)
    json_array_add_element (array, group_to_json (g_ptr_array_index (self->groups, i)));
  g_rw_lock_reader_unlock (&self->lock);
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
  g_autoptr(GMutexLocker) change = NULL;
  g_autoptr(LineupDemoFaceRecord) face = NULL;
  GError *cause = NULL;
  Group *group;
  char *token;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), NULL);
  g_return_val_if_fail (feature != NULL, NULL);

  change = g_mutex_locker_new (&self->change_lock);
  if (!(group = _lineup_demo_store_find_group (self, group_id, error)))
    return NULL;
  if (self->n_faces >= self->max_faces)
    {
      g_propagate_error (error, _lineup_demo_store_error (400, "FACE_LIMIT_EXCEEDED", group_id, NULL));
      return NULL;
    }

  face = lineup_demo_face_record_new ();
  do
    {
      g_free (face->face_token);
      face->face_token = new_face_token ();
    }
  while (g_hash_table_contains (group->by_token, face->face_token));
  face->seq = self->next_seq;
  face->user_id = g_strdup (user_id);
  face->user_data = g_strdup (user_data ? user_data : "");
  face->add_time_ms = g_get_real_time () / 1000;
  face->feature = lineup_demo_feature_copy (feature);
  face->thumbnail = thumbnail ? g_bytes_ref (thumbnail) : NULL;

  if (self->persist && !lineup_demo_persist_write_face (self->persist, group_id, face, &cause))
    {
      storage_error (error, cause);
      return NULL;
    }

  token = g_strdup (face->face_token);
  g_rw_lock_writer_lock (&self->lock);
  g_hash_table_insert (group->by_token, face->face_token, face);
  g_ptr_array_add (group->record->faces, g_steal_pointer (&face));
  self->n_faces++;
  self->next_seq++;
  g_rw_lock_writer_unlock (&self->lock);

  return token;
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
  JsonNode *node = NULL;
  Group *group;
  Face *face;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), NULL);

  g_rw_lock_reader_lock (&self->lock);
  if ((group = _lineup_demo_store_find_group (self, group_id, error)))
    {
      if ((face = g_hash_table_lookup (group->by_token, face_token)))
        node = face_to_json (face);
      else
        g_propagate_error (error, _lineup_demo_store_error (400, "INVALID_FACE_TOKEN", group_id, face_token));
    }
  g_rw_lock_reader_unlock (&self->lock);

  return node;
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
  JsonArray *array;
  JsonNode *node;
  GPtrArray *faces;
  Group *group;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), NULL);
  g_return_val_if_fail (start >= 1, NULL);

  g_rw_lock_reader_lock (&self->lock);
  if (!(group = _lineup_demo_store_find_group (self, group_id, error)))
    {
      g_rw_lock_reader_unlock (&self->lock);
      return NULL;
    }

  array = json_array_new ();
  faces = group->record->faces;
  for (guint i = start - 1; i < faces->len && i < (guint64)start - 1 + limit; i++)
    json_array_add_element (array, face_to_json (g_ptr_array_index (faces, i)));
  g_rw_lock_reader_unlock (&self->lock);

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
  g_autoptr(GMutexLocker) change = NULL;
  g_autoptr(GPtrArray) doomed = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree const char **tokens = NULL;
  GError *cause = NULL;
  guint removed = 0;
  Group *group;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), 0);
  g_return_val_if_fail (face_count != NULL, 0);

  *face_count = 0;
  change = g_mutex_locker_new (&self->change_lock);
  if (!(group = _lineup_demo_store_find_group (self, group_id, error)))
    return 0;

  /* A token named twice is removed once; the second time it is, like
   * any unknown token, not in the library. */
  doomed = g_ptr_array_new ();
  seen = g_hash_table_new (NULL, NULL);
  for (guint i = 0; face_tokens[i]; i++)
    {
      Face *face = g_hash_table_lookup (group->by_token, face_tokens[i]);

      if (face == NULL || g_hash_table_contains (seen, face))
        {
          JsonObject *failure = json_object_new ();

          json_object_set_string_member (failure, "face_token", face_tokens[i]);
          json_object_set_string_member (failure, "reason", "FACE_NOT_IN_GROUP");
          json_array_add_object_element (failure_detail, failure);
          continue;
        }
      g_hash_table_add (seen, face);
      g_ptr_array_add (doomed, face);
    }

  tokens = g_new0 (const char *, doomed->len + 1);
  for (guint i = 0; i < doomed->len; i++)
    tokens[i] = ((Face *)g_ptr_array_index (doomed, i))->face_token;

  removed = doomed->len;
  if (self->persist && doomed->len > 0 &&
      !lineup_demo_persist_remove_faces (self->persist, group_id, tokens, doomed->len,
                                         &removed, &cause))
    {
      /* Forget the ones already gone from disk, so memory stays true to
       * it, and fail the request. */
      g_rw_lock_writer_lock (&self->lock);
      for (guint i = 0; i < removed; i++)
        {
          g_hash_table_remove (group->by_token, tokens[i]);
          g_ptr_array_remove (group->record->faces, g_ptr_array_index (doomed, i));
        }
      self->n_faces -= removed;
      g_rw_lock_writer_unlock (&self->lock);
      storage_error (error, cause);
      return 0;
    }

  g_rw_lock_writer_lock (&self->lock);
  if (doomed->len > 0)
    {
      g_autoptr(GPtrArray) kept = g_ptr_array_new_full (group->record->faces->len,
                                                        (GDestroyNotify)lineup_demo_face_record_unref);
      GPtrArray *old = group->record->faces;

      /* One pass rather than a removal per token: deleting 1000 faces
       * from a large library stays linear. */
      for (guint i = 0; i < doomed->len; i++)
        g_hash_table_remove (group->by_token, ((Face *)g_ptr_array_index (doomed, i))->face_token);
      for (guint i = 0; i < old->len; i++)
        {
          Face *face = g_ptr_array_index (old, i);

          if (g_hash_table_contains (seen, face))
            lineup_demo_face_record_unref (face);
          else
            g_ptr_array_add (kept, face);
        }
      g_ptr_array_set_free_func (old, NULL);
      g_ptr_array_unref (old);
      group->record->faces = g_steal_pointer (&kept);
      self->n_faces -= doomed->len;
    }
  *face_count = group->record->faces->len;
  g_rw_lock_writer_unlock (&self->lock);

  return removed;
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
  GBytes *thumbnail = NULL;
  Group *group;
  Face *face;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), NULL);

  g_rw_lock_reader_lock (&self->lock);
  if ((group = _lineup_demo_store_find_group (self, group_id, NULL)) &&
      (face = g_hash_table_lookup (group->by_token, face_token)) &&
      face->thumbnail != NULL)
    thumbnail = g_bytes_ref (face->thumbnail);
  g_rw_lock_reader_unlock (&self->lock);

  return thumbnail;
}

guint
lineup_demo_store_count_faces (LineupDemoStore *self,
                               const char      *group_id)
{
  Group *group;
  guint n;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), 0);

  g_rw_lock_reader_lock (&self->lock);
  group = _lineup_demo_store_find_group (self, group_id, NULL);
  n = group ? group->record->faces->len : 0;
  g_rw_lock_reader_unlock (&self->lock);

  return n;
}

guint
lineup_demo_store_count_groups (LineupDemoStore *self)
{
  guint n;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), 0);

  g_rw_lock_reader_lock (&self->lock);
  n = self->groups->len;
  g_rw_lock_reader_unlock (&self->lock);

  return n;
}
