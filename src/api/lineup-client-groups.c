/* lineup-client-groups.c
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

/* The library endpoints: group_info, create and free. (group_list sits
 * with search, which the window needs first.) */

typedef struct
{
  char *group_id;
  char *group_name;
  char *group_data;
  char *model_version;
} GroupRequest;

static void
group_request_free (gpointer data)
{
  GroupRequest *request = data;

  g_free (request->group_id);
  g_free (request->group_name);
  g_free (request->group_data);
  g_free (request->model_version);
  g_free (request);
}

static GroupRequest *
group_request_new (const char *group_id,
                   const char *group_name,
                   const char *group_data,
                   const char *model_version)
{
  GroupRequest *request = g_new0 (GroupRequest, 1);

  request->group_id = g_strdup (group_id);
  request->group_name = g_strdup (group_name);
  request->group_data = g_strdup (group_data);
  request->model_version = g_strdup (model_version);
  return request;
}

/* group_info */

static void
group_info_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GroupRequest *request = g_task_get_task_data (task);
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) error = NULL;
  LineupGroup *group;

  if (!(root = _lineup_client_call_finish (LINEUP_CLIENT (object), result, &error)) ||
      !(group = lineup_reply_parse_group_info (root, request->group_id, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, group, g_object_unref);
}

/**
 * lineup_client_group_info_async:
 * @group_id: the library
 *
 * Fetches the details of one library.
 */
void
lineup_client_group_info_async (LineupClient        *self,
                                const char          *group_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LINEUP_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_client_group_info_async);

  if (!lineup_validate_id (_("The library ID"), group_id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, group_request_new (group_id, NULL, NULL, NULL), group_request_free);
  _lineup_client_call_async (self, _lineup_call_new_for_group ("group_info", group_id), cancellable,
                             group_info_cb, g_steal_pointer (&task));
}

/**
 * lineup_client_group_info_finish:
 *
 * Returns: (transfer full): the library
 */
LineupGroup *
lineup_client_group_info_finish (LineupClient  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* create */

static void
create_group_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GroupRequest *request = g_task_get_task_data (task);
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) error = NULL;

  if (!(root = _lineup_client_call_finish (LINEUP_CLIENT (object), result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task,
                         lineup_reply_parse_create (root, request->group_id, request->group_name,
                                                    request->group_data, request->model_version),
                         g_object_unref);
}

/**
 * lineup_client_create_group_async:
 * @group_id: the new library's id: letters, digits and -%@#&_, at most
 *   48 bytes; it cannot be changed later
 * @group_name: its display name, 1–60
 * @group_data: (nullable): free text, at most 128
 * @model_version: (nullable): the recognition model; %NULL for the
 *   service's default ("s21")
 *
 * Creates a face library. An account holds at most 10.
 */
void
lineup_client_create_group_async (LineupClient        *self,
                                  const char          *group_id,
                                  const char          *group_name,
                                  const char          *group_data,
                                  const char          *model_version,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  LineupCall *call;

  g_return_if_fail (LINEUP_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_client_create_group_async);

  if (!lineup_validate_id (_("The library ID"), group_id, &error) ||
      !lineup_validate_text (_("The library name"), group_name, LINEUP_GROUP_NAME_MAX_CHARS, TRUE, &error) ||
      !lineup_validate_text (_("The library description"), group_data, LINEUP_DATA_MAX_CHARS, FALSE, &error) ||
      (model_version != NULL &&
       !lineup_validate_id (_("The model version"), model_version, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, group_request_new (group_id, group_name, group_data, model_version),
                        group_request_free);
  call = _lineup_call_new_for_group ("create", group_id);
  call->unknown_outcome = _("The library may have been created: check with groups before retrying.");
  _lineup_call_add (call, "group_name", group_name);
  if (group_data != NULL && *group_data != '\0')
    _lineup_call_add (call, "group_data", group_data);
  if (model_version != NULL)
    _lineup_call_add (call, "model_version", model_version);

  _lineup_client_call_async (self, call, cancellable, create_group_cb, g_steal_pointer (&task));
}

/**
 * lineup_client_create_group_finish:
 *
 * Returns: (transfer full): the new library, as the service echoed it
 */
LineupGroup *
lineup_client_create_group_finish (LineupClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* free */

static void
delete_group_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LineupClient *self = LINEUP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  GroupRequest *request = g_task_get_task_data (task);
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) error = NULL;

  root = _lineup_client_call_finish (self, result, &error);

  /* Gone, or never there: either way nothing cached for it is true. */
  if (root != NULL || g_error_matches (error, LINEUP_API_ERROR, LINEUP_API_ERROR_GROUP_NOT_FOUND))
    lineup_client_forget_face (self, request->group_id, NULL);

  if (root == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * lineup_client_delete_group_async:
 * @group_id: the library
 * @check_empty: %TRUE to refuse when the library still holds faces
 *   (%LINEUP_API_ERROR_GROUP_NOT_EMPTY); %FALSE deletes it with its faces
 *
 * Deletes a face library (the `free` endpoint) and forgets every cached
 * face of it.
 */
void
lineup_client_delete_group_async (LineupClient        *self,
                                  const char          *group_id,
                                  gboolean             check_empty,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  const char *flag = check_empty ? "1" : "0";
  LineupCall *call;

  g_return_if_fail (LINEUP_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_client_delete_group_async);

  if (!lineup_validate_id (_("The library ID"), group_id, &error) ||
      !lineup_validate_flag ("check_empty", flag, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, group_request_new (group_id, NULL, NULL, NULL), group_request_free);
  call = _lineup_call_new_for_group ("free", group_id);
  call->unknown_outcome = _("The library may have been deleted: check with groups before retrying.");
  _lineup_call_add (call, "check_empty", flag);

  _lineup_client_call_async (self, call, cancellable, delete_group_cb, g_steal_pointer (&task));
}

gboolean
lineup_client_delete_group_finish (LineupClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
