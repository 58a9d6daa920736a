/* lineup-client-faces.c
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

/* The face endpoints: add, delete and list. (face_info sits with search,
 * whose rows it fills.) */

/* add */

typedef struct
{
  char *user_id;
  char *user_data;
} AddRequest;

static void
add_request_free (gpointer data)
{
  AddRequest *request = data;

  g_free (request->user_id);
  g_free (request->user_data);
  g_free (request);
}

static void
add_face_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AddRequest *request = g_task_get_task_data (task);
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) error = NULL;
  LineupFace *face;

  if (!(root = _lineup_client_call_finish (LINEUP_CLIENT (object), result, &error)) ||
      !(face = lineup_reply_parse_add (root, request->user_id, request->user_data, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("add: new face in the library, request_id %s",
           lineup_reply_get_string (root, "request_id"));
  g_task_return_pointer (task, face, g_object_unref);
}

/**
 * lineup_client_add_face_async:
 * @group_id: the library
 * @image: the photo; if it shows several faces, the service enrols the
 *   largest
 * @user_id: the person's id: letters, digits and -%@#&_, at most 48 bytes
 * @user_data: (nullable): free text, at most 128
 * @flags: rotation detection, and Base64 instead of a file part
 * @callback_data: data for @callback
 *
 * Enrols a face. The vendor documents no reply for this endpoint; the new
 * face_token is read from the top level or from faces[0].
 */
void
lineup_client_add_face_async (LineupClient        *self,
                              const char          *group_id,
                              LineupImage         *image,
                              const char          *user_id,
                              const char          *user_data,
                              LineupAddFaceFlags   flags,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             callback_data)
{
  const char *rotate = (flags & LINEUP_ADD_FACE_FLAGS_ROTATE) ? "1" : "0";
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  AddRequest *request;
  LineupCall *call;

  g_return_if_fail (LINEUP_IS_CLIENT (self));
  g_return_if_fail (LINEUP_IS_IMAGE (image));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, callback_data);
  g_task_set_source_tag (task, lineup_client_add_face_async);

  if (!lineup_validate_id (_("The library ID"), group_id, &error) ||
      !lineup_validate_id (_("The user ID"), user_id, &error) ||
      !lineup_validate_text (_("The user data"), user_data, LINEUP_DATA_MAX_CHARS, FALSE, &error) ||
      !lineup_validate_flag ("multi_oriented_detection", rotate, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  request = g_new0 (AddRequest, 1);
  request->user_id = g_strdup (user_id);
  request->user_data = g_strdup (user_data);
  g_task_set_task_data (task, request, add_request_free);

  call = _lineup_call_new_for_group ("add", group_id);
  call->unknown_outcome = _("The face may have been added: check with list before retrying.");
  _lineup_call_add (call, "user_id", user_id);
  if (user_data != NULL && *user_data != '\0')
    _lineup_call_add (call, "user_data", user_data);
  _lineup_call_add (call, "multi_oriented_detection", rotate);
  _lineup_call_add_image (call, image, (flags & LINEUP_ADD_FACE_FLAGS_BASE64) != 0);

  _lineup_client_call_async (self, call, cancellable, add_face_cb, g_steal_pointer (&task));
}

/**
 * lineup_client_add_face_finish:
 *
 * Returns: (transfer full): the new face: its face_token, and user_id and
 *   user_data as the reply gave them or else as sent
 */
LineupFace *
lineup_client_add_face_finish (LineupClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* delete */

typedef struct
{
  char  *group_id;
  GStrv  face_tokens;
} DeleteRequest;

static void
delete_request_free (gpointer data)
{
  DeleteRequest *request = data;

  g_free (request->group_id);
  g_strfreev (request->face_tokens);
  g_free (request);
}

static void
delete_faces_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LineupClient *self = LINEUP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  DeleteRequest *request = g_task_get_task_data (task);
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) error = NULL;
  LineupDeleteOutcome *outcome;

  /* Whatever the answer, each named face is gone or was never in the
   * library, or (after a network failure) may be gone: a cached copy can
   * no longer be trusted. */
  for (guint i = 0; request->face_tokens[i] != NULL; i++)
    lineup_client_forget_face (self, request->group_id, request->face_tokens[i]);

  if (!(root = _lineup_client_call_finish (self, result, &error)) ||
      !(outcome = lineup_reply_parse_delete (root, request->group_id, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("delete: %" G_GINT64_FORMAT " removed, %u not, %" G_GINT64_FORMAT " left",
           lineup_delete_outcome_get_face_removed (outcome),
           lineup_delete_outcome_get_n_failures (outcome),
           lineup_delete_outcome_get_face_count (outcome));
  g_task_return_pointer (task, outcome, g_object_unref);
}

/**
 * lineup_client_delete_faces_async:
 * @group_id: the library
 * @face_tokens: (array zero-terminated=1): 1–1000 tokens
 *
 * Removes faces from a library and forgets them in the face_info cache.
 * Tokens that could not be removed are listed in the outcome, with the
 * service's reason; that is not an error.
 */
void
lineup_client_delete_faces_async (LineupClient        *self,
                                  const char          *group_id,
                                  const char * const  *face_tokens,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *joined = NULL;
  DeleteRequest *request;
  LineupCall *call;

  g_return_if_fail (LINEUP_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_client_delete_faces_async);

  if (!lineup_validate_id (_("The library ID"), group_id, &error) ||
      !lineup_validate_tokens (face_tokens, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  request = g_new0 (DeleteRequest, 1);
  request->group_id = g_strdup (group_id);
  request->face_tokens = g_strdupv ((char **)face_tokens);
  g_task_set_task_data (task, request, delete_request_free);

  joined = g_strjoinv (",", (char **)face_tokens);
  call = _lineup_call_new_for_group ("delete", group_id);
  call->unknown_outcome = _("The faces may have been deleted: check with list before retrying.");
  _lineup_call_add (call, "face_tokens", joined);

  _lineup_client_call_async (self, call, cancellable, delete_faces_cb, g_steal_pointer (&task));
}

/**
 * lineup_client_delete_faces_finish:
 *
 * Returns: (transfer full): what was removed and what was not
 */
LineupDeleteOutcome *
lineup_client_delete_faces_finish (LineupClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* list */

/* The service's default when a list sends no limit. */
#define LIST_LIMIT_DEFAULT 100

typedef struct
{
  guint start;
  guint limit;
} ListRequest;

typedef struct
{
  GListStore *faces;
  guint       next_start;
  gboolean    next_given;
} ListPage;

static void
list_page_free (gpointer data)
{
  ListPage *page = data;

  g_clear_object (&page->faces);
  g_free (page);
}

static void
list_faces_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListRequest *request = g_task_get_task_data (task);
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) error = NULL;
  ListPage *page = g_new0 (ListPage, 1);

  if (!(root = _lineup_client_call_finish (LINEUP_CLIENT (object), result, &error)) ||
      !(page->faces = lineup_reply_parse_face_list_limited (root, request->start, request->limit,
                                                            &page->next_start, &page->next_given, &error)))
    {
      list_page_free (page);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, page, list_page_free);
}

/* One page, @start unchecked: a `next` the service gave may pass 1000.
 * Finish with lineup_client_list_faces_finish(). */
void
_lineup_client_list_page_async (LineupClient        *self,
                                const char          *group_id,
                                guint                start,
                                guint                limit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ListRequest *request = g_new0 (ListRequest, 1);
  LineupCall *call;

  g_task_set_source_tag (task, lineup_client_list_faces_async);
  request->start = MAX (start, 1u);
  request->limit = limit ? limit : LIST_LIMIT_DEFAULT;
  g_task_set_task_data (task, request, g_free);

  call = _lineup_call_new_for_group ("list", group_id);
  call->max_results = request->limit;
  call->inspect = lineup_reply_inspect_face_list;
  if (start != 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", start);
      _lineup_call_add (call, "start", text);
    }
  if (limit != 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", limit);
      _lineup_call_add (call, "limit", text);
    }

  _lineup_client_call_async (self, call, cancellable, list_faces_cb, task);
}

/**
 * lineup_client_list_faces_async:
 * @group_id: the library
 * @start: the 1-based index of the first face, 1–1000 (faces are in order
 *   of creation); 0 leaves the service's default (1)
 * @limit: how many, 1–1000; 0 leaves the service's default (100). A reply
 *   with more has the rest dropped, with a warning in its exchange.
 *
 * Lists one page of a library's faces.
 */
void
lineup_client_list_faces_async (LineupClient        *self,
                                const char          *group_id,
                                guint                start,
                                guint                limit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LINEUP_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (!lineup_validate_id (_("The library ID"), group_id, &error) ||
      (start != 0 && !lineup_validate_range (_("The first face to list"), start, 1,
                                             LINEUP_LIST_START_MAX, &error)) ||
      (limit != 0 && !lineup_validate_range (_("The number of faces to list"), limit, 1,
                                             LINEUP_LIST_LIMIT_MAX, &error)))
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, lineup_client_list_faces_async);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _lineup_client_list_page_async (self, group_id, start, limit, cancellable, callback, user_data);
}

/**
 * lineup_client_list_faces_finish:
 * @next_start: (out) (optional): the @start for the next page: the reply's
 *   `next` when it gives one, else this page's start plus its length; 0
 *   when this page was empty. A value past %LINEUP_LIST_START_MAX cannot
 *   be asked for: the list is longer than the service lets one page
 *   through.
 *
 * Returns: (transfer full): a list model of #LineupFace
 */
GListModel *
lineup_client_list_faces_finish (LineupClient  *self,
                                 GAsyncResult  *result,
                                 guint         *next_start,
                                 GError       **error)
{
  ListPage *page;
  GListModel *faces;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!(page = g_task_propagate_pointer (G_TASK (result), error)))
    return NULL;

  if (next_start != NULL)
    *next_start = page->next_start;
  faces = G_LIST_MODEL (g_steal_pointer (&page->faces));
  list_page_free (page);
  return faces;
}

/* list, every page */

#define MAX_PAGES 10000

typedef struct
{
  char       *group_id;
  guint       limit;
  guint       start;
  guint       pages;
  gboolean    uses_next;   /* the service gave `next` on an earlier page */
  gboolean    truncated;
  GListStore *faces;
  GHashTable *seen;
} ListAll;

static void
list_all_free (gpointer data)
{
  ListAll *all = data;

  g_free (all->group_id);
  g_clear_object (&all->faces);
  g_hash_table_unref (all->seen);
  g_free (all);
}

static void list_all_page_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data);

static void
list_all_next (GTask *task)
{
  ListAll *all = g_task_get_task_data (task);

  if (all->start == 0 || all->pages >= MAX_PAGES)
    {
      all->truncated |= all->start != 0;
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  _lineup_client_list_page_async (g_task_get_source_object (task), all->group_id, all->start, all->limit,
                                  g_task_get_cancellable (task), list_all_page_cb, task);
}

static void
list_all_page_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  ListAll *all = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  ListPage *page;
  guint n, fresh = 0;

  if (!(page = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  all->pages++;

  n = g_list_model_get_n_items (G_LIST_MODEL (page->faces));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupFace) face = g_list_model_get_item (G_LIST_MODEL (page->faces), i);

      if (g_hash_table_add (all->seen, g_strdup (lineup_face_get_face_token (face))))
        {
          g_list_store_append (all->faces, face);
          fresh++;
        }
    }

  if (n == 0 || fresh == 0 || (all->uses_next && !page->next_given))
    /* the end (a service that gives `next` stops giving it there), or a
     * service that ignores start and would repeat itself */
    all->start = 0;
  else if (page->next_given || page->next_start <= LINEUP_LIST_START_MAX)
    all->start = page->next_start;
  else if (all->start < LINEUP_LIST_START_MAX)
    /* The service takes start ≤ 1000 and gave no `next`: the last page it
     * lets through starts there, overlapping this one. */
    all->start = LINEUP_LIST_START_MAX;
  else
    {
      /* the rest cannot be reached */
      all->truncated = TRUE;
      all->start = 0;
    }
  all->uses_next |= page->next_given;

  list_page_free (page);
  list_all_next (task);
}

/**
 * lineup_client_list_all_faces_async:
 * @group_id: the library
 * @page_size: faces per request, 1–1000; 0 for 1000
 *
 * Lists every face of a library, page after page: it follows the reply's
 * `next` where the service gives one (past 1000 too), else advances by
 * the faces received, up to the last start the service accepts (1000).
 * It ends on an empty page, or when a page brings nothing new.
 */
void
lineup_client_list_all_faces_async (LineupClient        *self,
                                    const char          *group_id,
                                    guint                page_size,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  g_autoptr(GError) error = NULL;
  ListAll *all;

  g_return_if_fail (LINEUP_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_client_list_all_faces_async);
  if (!lineup_validate_id (_("The library ID"), group_id, &error) ||
      (page_size != 0 && !lineup_validate_range (_("The number of faces to list"), page_size, 1,
                                                 LINEUP_LIST_LIMIT_MAX, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  all = g_new0 (ListAll, 1);
  all->group_id = g_strdup (group_id);
  all->limit = page_size ? page_size : LINEUP_LIST_LIMIT_MAX;
  all->start = 1;
  all->faces = g_list_store_new (LINEUP_TYPE_FACE);
  all->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, all, list_all_free);
  list_all_next (task);
}

/**
 * lineup_client_list_all_faces_finish:
 * @n_pages: (out) (optional): how many requests it took
 * @complete: (out) (optional): %FALSE when the library holds more faces
 *   than the service lets a client page through
 *
 * Returns: (transfer full): a list model of #LineupFace, each token once
 */
GListModel *
lineup_client_list_all_faces_finish (LineupClient  *self,
                                     GAsyncResult  *result,
                                     guint         *n_pages,
                                     gboolean      *complete,
                                     GError       **error)
{
  ListAll *all;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  all = g_task_get_task_data (G_TASK (result));
  if (n_pages != NULL)
    *n_pages = all->pages;
  if (complete != NULL)
    *complete = !all->truncated;
  return G_LIST_MODEL (g_object_ref (all->faces));
}
