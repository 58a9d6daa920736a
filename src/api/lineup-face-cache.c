/* lineup-face-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-client"

#include "config.h"

#include "lineup-face-cache.h"

/* Least recently used first out: a hash table finds an entry, a queue
 * keeps them in order of use, newest at the head. A service that sends
 * endless distinct tokens costs at most @capacity faces of memory. */

typedef struct
{
  char       *key;
  char       *group_id;
  LineupFace *face;
} Entry;

struct _LineupFaceCache
{
  GHashTable *by_key;   /* key → GList link in order */
  GQueue      order;    /* Entry, most recently used first */
  guint       capacity;
};

static void
entry_free (Entry *entry)
{
  g_free (entry->key);
  g_free (entry->group_id);
  g_object_unref (entry->face);
  g_free (entry);
}

/* The unit separator cannot be in an id or a token. */
static char *
make_key (const char *group_id,
          const char *face_token)
{
  return g_strconcat (group_id, "\x1f", face_token, NULL);
}

LineupFaceCache *
_lineup_face_cache_new (guint capacity)
{
  LineupFaceCache *self = g_new0 (LineupFaceCache, 1);

  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->order);
  self->capacity = capacity;
  return self;
}

void
_lineup_face_cache_free (LineupFaceCache *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->by_key);
  g_queue_clear_full (&self->order, (GDestroyNotify)entry_free);
  g_free (self);
}

static void
remove_link (LineupFaceCache *self,
             GList           *link)
{
  Entry *entry = link->data;

  g_hash_table_remove (self->by_key, entry->key);
  g_queue_delete_link (&self->order, link);
  entry_free (entry);
}

static void
trim (LineupFaceCache *self)
{
  while (self->order.length > self->capacity)
    remove_link (self, self->order.tail);
}

guint
_lineup_face_cache_get_capacity (LineupFaceCache *self)
{
  return self->capacity;
}

/* A capacity of 0 turns the cache off. */
void
_lineup_face_cache_set_capacity (LineupFaceCache *self,
                                 guint            capacity)
{
  self->capacity = capacity;
  trim (self);
}

guint
_lineup_face_cache_get_size (LineupFaceCache *self)
{
  return self->order.length;
}

/* Returns: (transfer none) (nullable): the face, now the most recently used */
LineupFace *
_lineup_face_cache_lookup (LineupFaceCache *self,
                           const char      *group_id,
                           const char      *face_token)
{
  g_autofree char *key = make_key (group_id, face_token);
  GList *link = g_hash_table_lookup (self->by_key, key);

  if (link == NULL)
    return NULL;
  g_queue_unlink (&self->order, link);
  g_queue_push_head_link (&self->order, link);
  return ((Entry *)link->data)->face;
}

void
_lineup_face_cache_insert (LineupFaceCache *self,
                           const char      *group_id,
                           const char      *face_token,
                           LineupFace      *face)
{
  Entry *entry;

  _lineup_face_cache_remove (self, group_id, face_token);
  if (self->capacity == 0)
    return;

  entry = g_new0 (Entry, 1);
  entry->key = make_key (group_id, face_token);
  entry->group_id = g_strdup (group_id);
  entry->face = g_object_ref (face);
  g_queue_push_head (&self->order, entry);
  g_hash_table_insert (self->by_key, entry->key, self->order.head);
  trim (self);
}

/**
 * _lineup_face_cache_remove:
 * @face_token: (nullable): the face, or %NULL for every face of @group_id
 */
void
_lineup_face_cache_remove (LineupFaceCache *self,
                           const char      *group_id,
                           const char      *face_token)
{
  if (face_token != NULL)
    {
      g_autofree char *key = make_key (group_id, face_token);
      GList *link = g_hash_table_lookup (self->by_key, key);

      if (link != NULL)
        remove_link (self, link);
      return;
    }

  for (GList *link = self->order.head, *next; link != NULL; link = next)
    {
      next = link->next;
      if (g_strcmp0 (((Entry *)link->data)->group_id, group_id) == 0)
        remove_link (self, link);
    }
}
