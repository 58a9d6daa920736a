/* lineup-client-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-client"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-client-private.h"
#include "lineup-error.h"
#include "lineup-reply.h"
#include "lineup-validate.h"

/* search, face_info and the bounded face_info fan-out that fills a
 * search result's rows. */

/* The service's default when a search sends no limit. */
#define SEARCH_LIMIT_DEFAULT 1

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  guint limit = GPOINTER_TO_UINT (g_task_get_task_data (task));
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) error = NULL;
  LineupSearchResult *search_result;

  /* Only what was asked for: a reply of a million results must not
   * become a million rows, nor a million face_info requests. */
  if (!(root = _lineup_client_call_finish (LINEUP_CLIENT (object), result, &error)) ||
      !(search_result = lineup_reply_parse_search_limited (root, limit, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("search: %u matches, request_id %s, time_used %" G_GINT64_FORMAT " ms",
           g_list_model_get_n_items (lineup_search_result_get_matches (search_result)),
           lineup_search_result_get_request_id (search_result),
           lineup_search_result_get_time_used (search_result));
  g_task_return_pointer (task, search_result, g_object_unref);
}

static gboolean
validate_search (const char                 *group_id,
                 const LineupSearchOptions  *options,
                 GError                    **error)
{
  return lineup_validate_id (_("The library ID"), group_id, error) &&
         (options->limit == 0 ||
          lineup_validate_range (_("The number of matches"), options->limit, 1,
                                 LINEUP_SEARCH_LIMIT_MAX, error)) &&
         (options->threshold < 0 ||
          lineup_validate_range (_("The threshold"), options->threshold, 0, 100, error));
}

/**
 * lineup_client_search_async:
 * @group_id: the library to search
 * @image: the probe image
 * @options: (nullable): limit, threshold and rotation; %NULL for the
 *   service's defaults
 *
 * Searches @image against one library. A reply with more matches than
 * @options asked for (or than the service's default of 1) has the rest
 * dropped, with a warning in its exchange (lineup_exchange_get_warnings()).
 */
void
lineup_client_search_async (LineupClient              *self,
                            const char                *group_id,
                            LineupImage               *image,
                            const LineupSearchOptions *options,
                            GCancellable              *cancellable,
                            GAsyncReadyCallback        callback,
                            gpointer                   user_data)
{
  static const LineupSearchOptions defaults = LINEUP_SEARCH_OPTIONS_INIT;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  LineupCall *call;

  g_return_if_fail (LINEUP_IS_CLIENT (self));
  g_return_if_fail (LINEUP_IS_IMAGE (image));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (options == NULL)
    options = &defaults;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_client_search_async);

  if (!validate_search (group_id, options, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, GUINT_TO_POINTER (options->limit ? options->limit : SEARCH_LIMIT_DEFAULT), NULL);
  call = _lineup_call_new_for_group ("search", group_id);
  call->max_results = options->limit ? options->limit : SEARCH_LIMIT_DEFAULT;
  /* says what search_cb() drops or flags */
  call->inspect = lineup_reply_inspect_search;
  if (options->limit > 0)
    {
      g_autofree char *limit = g_strdup_printf ("%u", options->limit);
      _lineup_call_add (call, "limit", limit);
    }
  if (options->threshold >= 0)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      _lineup_call_add (call, "threshold", g_ascii_formatd (buf, sizeof buf, "%.4g", options->threshold));
    }
  _lineup_call_add (call, "multi_oriented_detection", options->rotate ? "1" : "0");
  _lineup_call_add_image (call, image, options->send_base64);

  _lineup_client_call_async (self, call, cancellable, search_cb, g_steal_pointer (&task));
}

/**
 * lineup_client_search_finish:
 *
 * Returns: (transfer full): the matches, best first
 */
LineupSearchResult *
lineup_client_search_finish (LineupClient  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lineup_client_lookup_cached_face:
 *
 * Returns: (transfer none) (nullable): the face if face_info fetched it
 *   before and it was not forgotten since
 */
LineupFace *
lineup_client_lookup_cached_face (LineupClient *self,
                                  const char   *group_id,
                                  const char   *face_token)
{
  g_return_val_if_fail (LINEUP_IS_CLIENT (self), NULL);

  return _lineup_face_cache_lookup (self->face_cache, group_id, face_token);
}

/**
 * lineup_client_forget_face:
 * @face_token: (nullable): the face, or %NULL for every face of @group_id
 */
void
lineup_client_forget_face (LineupClient *self,
                           const char   *group_id,
                           const char   *face_token)
{
  g_return_if_fail (LINEUP_IS_CLIENT (self));

  _lineup_face_cache_remove (self->face_cache, group_id, face_token);
}

static void
face_info_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineupClient *self = LINEUP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) error = NULL;
  LineupFace *face;

  if (!(root = _lineup_client_call_finish (self, result, &error)) ||
      !(face = lineup_reply_parse_face_info (root, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  {
    /* Filed under what was asked for, whatever token the reply names. */
    const char * const *asked = g_task_get_task_data (task);

    _lineup_face_cache_insert (self->face_cache, asked[0], asked[1], face);
  }
  g_task_return_pointer (task, face, g_object_unref);
}

/**
 * lineup_client_face_info_async:
 *
 * Fetches the stored details of one face. Answers from the cache when the
 * face was fetched before.
 */
void
lineup_client_face_info_async (LineupClient        *self,
                               const char          *group_id,
                               const char          *face_token,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  LineupFace *cached;
  LineupCall *call;

  g_return_if_fail (LINEUP_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_client_face_info_async);

  if (!lineup_validate_id (_("The library ID"), group_id, &error) ||
      !lineup_validate_token (face_token, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if ((cached = lineup_client_lookup_cached_face (self, group_id, face_token)))
    {
      g_task_return_pointer (task, g_object_ref (cached), g_object_unref);
      return;
    }

  g_task_set_task_data (task, g_strdupv ((char *[]) { (char *)group_id, (char *)face_token, NULL }),
                        (GDestroyNotify)g_strfreev);
  call = _lineup_call_new_for_group ("face_info", group_id);
  call->face_token = g_strdup (face_token);
  _lineup_call_add (call, "face_token", face_token);

  _lineup_client_call_async (self, call, cancellable, face_info_cb, g_steal_pointer (&task));
}

/**
 * lineup_client_face_info_finish:
 *
 * Returns: (transfer full): the face
 */
LineupFace *
lineup_client_face_info_finish (LineupClient  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
group_list_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) error = NULL;
  GListStore *groups;

  if (!(root = _lineup_client_call_finish (LINEUP_CLIENT (object), result, &error)) ||
      !(groups = lineup_reply_parse_group_list (root, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, groups, g_object_unref);
}

/**
 * lineup_client_group_list_async:
 *
 * Lists the account's face libraries.
 */
void
lineup_client_group_list_async (LineupClient        *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LINEUP_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_client_group_list_async);
  _lineup_client_call_async (self, _lineup_call_new ("group_list"), cancellable, group_list_cb, task);
}

/**
 * lineup_client_group_list_finish:
 *
 * Returns: (transfer full): a list model of #LineupGroup
 */
GListModel *
lineup_client_group_list_finish (LineupClient  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Fan-out: one face_info per distinct (group, token), at most
 * max_concurrency at a time; each match is updated as its answer comes
 * in, so rows fill progressively. */

typedef struct
{
  GPtrArray  *matches;     /* LineupMatch, in order */
  GHashTable *waiting;     /* key → GPtrArray of LineupMatch sharing it */
  GQueue      queue;       /* keys not started yet */
  guint       in_flight;
} FetchState;

static void
fetch_state_free (gpointer data)
{
  FetchState *state = data;

  g_ptr_array_unref (state->matches);
  g_hash_table_unref (state->waiting);
  g_queue_clear_full (&state->queue, g_free);
  g_free (state);
}

static void fetch_pump (GTask *task);

typedef struct
{
  GTask *task;
  char  *key;
} FetchOne;

static void
fetch_one_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FetchOne *one = user_data;
  g_autoptr(GTask) task = one->task;
  g_autofree char *key = one->key;
  FetchState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupFace) face = NULL;
  GPtrArray *sharing;

  g_free (one);
  face = lineup_client_face_info_finish (LINEUP_CLIENT (object), result, &error);
  state->in_flight--;

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      sharing = g_hash_table_lookup (state->waiting, key);
      for (guint i = 0; sharing && i < sharing->len; i++)
        {
          if (face != NULL)
            lineup_match_set_face (g_ptr_array_index (sharing, i), face);
          else
            lineup_match_set_face_error (g_ptr_array_index (sharing, i), error);
        }
    }

  fetch_pump (task);
}

static void
fetch_pump (GTask *task)
{
  LineupClient *self = g_task_get_source_object (task);
  FetchState *state = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (g_cancellable_is_cancelled (cancellable))
    {
      if (state->in_flight == 0)
        g_task_return_error_if_cancelled (task);
      return;
    }

  while (state->in_flight < lineup_client_get_max_concurrency (self) &&
         !g_queue_is_empty (&state->queue))
    {
      FetchOne *one = g_new0 (FetchOne, 1);
      GPtrArray *sharing;
      LineupMatch *first;

      one->task = g_object_ref (task);
      one->key = g_queue_pop_head (&state->queue);
      sharing = g_hash_table_lookup (state->waiting, one->key);
      first = g_ptr_array_index (sharing, 0);
      state->in_flight++;
      lineup_client_face_info_async (self, lineup_match_get_group_id (first),
                                     lineup_match_get_face_token (first), cancellable,
                                     fetch_one_cb, one);
    }

  if (state->in_flight == 0 && g_queue_is_empty (&state->queue))
    g_task_return_boolean (task, TRUE);
}

/**
 * lineup_client_fetch_faces_async:
 * @matches: a list model of #LineupMatch
 *
 * Fills in the face of every match with face_info, at most
 * lineup_client_get_max_concurrency() requests at a time. A failure for
 * one face is recorded on its matches (lineup_match_get_face_error()) and
 * does not stop the others; the operation fails only when cancelled.
 */
void
lineup_client_fetch_faces_async (LineupClient        *self,
                                 GListModel          *matches,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchState *state;
  guint n;

  g_return_if_fail (LINEUP_IS_CLIENT (self));
  g_return_if_fail (G_IS_LIST_MODEL (matches));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_client_fetch_faces_async);

  state = g_new0 (FetchState, 1);
  state->matches = g_ptr_array_new_with_free_func (g_object_unref);
  state->waiting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)g_ptr_array_unref);
  g_queue_init (&state->queue);
  g_task_set_task_data (task, state, fetch_state_free);

  n = g_list_model_get_n_items (matches);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupMatch) match = g_list_model_get_item (matches, i);
      const char *group_id = lineup_match_get_group_id (match);
      const char *face_token = lineup_match_get_face_token (match);
      g_autofree char *key = NULL;
      LineupFace *cached;
      GPtrArray *sharing;

      g_ptr_array_add (state->matches, g_object_ref (match));
      if ((cached = lineup_client_lookup_cached_face (self, group_id, face_token)))
        {
          lineup_match_set_face (match, cached);
          continue;
        }

      key = g_strconcat (group_id, "\x1f", face_token, NULL);
      if (!(sharing = g_hash_table_lookup (state->waiting, key)))
        {
          sharing = g_ptr_array_new ();
          g_hash_table_insert (state->waiting, g_strdup (key), sharing);
          g_queue_push_tail (&state->queue, g_steal_pointer (&key));
        }
      g_ptr_array_add (sharing, match);
    }

  fetch_pump (task);
}

gboolean
lineup_client_fetch_faces_finish (LineupClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
