/* lineup-reply-faces.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-reply"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-error.h"
#include "lineup-reply-private.h"

/* Parsing of the face endpoints' replies: face_info, list, add and
 * delete. The rules are lineup-reply.c's: accept what a reasonable server
 * might send, turn anything else into LINEUP_API_ERROR_BAD_RESPONSE. */

/**
 * lineup_reply_parse_face:
 * @object: (nullable): an `info` or `face_tokens[]` entry
 *
 * Returns: (transfer full) (nullable): the face, or %NULL if @object has
 *   no face_token
 */
LineupFace *
lineup_reply_parse_face (JsonObject *object)
{
  g_autofree char *face_token = lineup_reply_dup_text (object, "face_token");
  g_autofree char *user_id = NULL;
  g_autofree char *user_data = NULL;
  g_autofree char *add_time = NULL;

  if (face_token == NULL || *face_token == '\0')
    return NULL;

  user_id = lineup_reply_dup_text (object, "user_id");
  user_data = lineup_reply_dup_text (object, "user_data");
  add_time = lineup_reply_dup_text (object, "add_time");

  return lineup_face_new (face_token, user_id, user_data, add_time);
}

/**
 * lineup_reply_parse_face_info:
 *
 * Returns: (transfer full) (nullable): the face described by `info`
 */
LineupFace *
lineup_reply_parse_face_info (JsonObject  *root,
                              GError     **error)
{
  JsonNode *info = json_object_has_member (root, "info") ? json_object_get_member (root, "info") : NULL;
  LineupFace *face = NULL;

  if (info != NULL && JSON_NODE_HOLDS_OBJECT (info))
    face = lineup_reply_parse_face (json_node_get_object (info));
  else
    face = lineup_reply_parse_face (root);   /* tolerate a flat reply */

  if (face == NULL)
    g_propagate_error (error, _lineup_reply_bad_response (200, lineup_reply_get_string (root, "request_id"),
                                                          _("The service’s reply has no face information.")));
  return face;
}

static gboolean
has_face_token (JsonObject *object)
{
  g_autofree char *token = lineup_reply_dup_text (object, "face_token");

  return token != NULL && *token != '\0';
}

/* Where the new face_token of an add reply may be: the vendor documents
 * no reply, so look at the top level, then the usual nestings. */
static JsonObject *
find_added_face (JsonObject *root)
{
  static const char * const holders[] = { "face", "info" };
  JsonNode *node;

  if (has_face_token (root))
    return root;

  node = json_object_has_member (root, "faces") ? json_object_get_member (root, "faces") : NULL;
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    {
      JsonObject *first = _lineup_reply_array_get_object (json_node_get_array (node), 0);

      if (has_face_token (first))
        return first;
    }

  for (guint i = 0; i < G_N_ELEMENTS (holders); i++)
    {
      JsonObject *holder = _lineup_reply_get_object (root, holders[i]);

      if (has_face_token (holder))
        return holder;
    }

  return NULL;
}

/**
 * lineup_reply_parse_add:
 * @user_id: what the request sent, used when the reply does not repeat it
 * @user_data: (nullable): likewise
 *
 * Returns: (transfer full) (nullable): the new face
 */
LineupFace *
lineup_reply_parse_add (JsonObject  *root,
                        const char  *user_id,
                        const char  *user_data,
                        GError     **error)
{
  JsonObject *face = find_added_face (root);
  g_autofree char *face_token = face ? lineup_reply_dup_text (face, "face_token") : NULL;
  g_autofree char *reply_user_id = NULL;
  g_autofree char *reply_user_data = NULL;
  g_autofree char *add_time = NULL;

  if (face_token == NULL)
    {
      g_propagate_error (error, _lineup_reply_bad_response (200, lineup_reply_get_string (root, "request_id"),
                                                            _("The service added the face but did not say its token. List the library to find it.")));
      return NULL;
    }

  reply_user_id = lineup_reply_dup_text (face, "user_id");
  reply_user_data = lineup_reply_dup_text (face, "user_data");
  add_time = lineup_reply_dup_text (face, "add_time");
  return lineup_face_new (face_token,
                          reply_user_id && *reply_user_id ? reply_user_id : user_id,
                          reply_user_data ? reply_user_data : user_data,
                          add_time);
}

/* The vendor calls the list face_tokens; "faces" is tolerated. */
static const char *
face_list_member (JsonObject *root)
{
  if (!json_object_has_member (root, "face_tokens") && json_object_has_member (root, "faces"))
    return "faces";
  return "face_tokens";
}

/**
 * lineup_reply_parse_delete:
 * @group_id: the library of the request, used when the reply has none
 *
 * Each failure_detail entry is an object with face_token and reason; a
 * bare string is taken as a token without a reason; anything else is
 * skipped.
 *
 * Returns: (transfer full) (nullable): what the call did
 */
LineupDeleteOutcome *
lineup_reply_parse_delete (JsonObject  *root,
                           const char  *group_id,
                           GError     **error)
{
  g_autoptr(LineupDeleteOutcome) outcome = NULL;
  g_autofree char *reply_group_id = lineup_reply_dup_text (root, "group_id");
  g_autofree char *request_id = lineup_reply_dup_text (root, "request_id");
  JsonArray *failures = NULL;
  guint n;

  if (!_lineup_reply_get_array (root, "failure_detail", &failures, error))
    return NULL;

  outcome = lineup_delete_outcome_new (reply_group_id && *reply_group_id ? reply_group_id : group_id,
                                       request_id,
                                       lineup_reply_get_int (root, "time_used", -1),
                                       lineup_reply_get_int (root, "face_removed", -1),
                                       lineup_reply_get_int (root, "face_count", -1));

  n = failures ? MIN (json_array_get_length (failures), LINEUP_REPLY_MAX_ITEMS) : 0;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (failures, i);
      g_autofree char *face_token = NULL;
      g_autofree char *reason = NULL;

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *entry = json_node_get_object (node);

          face_token = lineup_reply_dup_text (entry, "face_token");
          reason = lineup_reply_dup_text (entry, "reason");
          if (reason == NULL)
            reason = lineup_reply_dup_text (entry, "error");
        }
      else if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
               json_node_get_value_type (node) == G_TYPE_STRING)
        face_token = g_strdup (json_node_get_string (node));

      if (face_token != NULL && *face_token != '\0')
        lineup_delete_outcome_add_failure (outcome, face_token, reason);
    }

  return g_steal_pointer (&outcome);
}

/**
 * lineup_reply_parse_face_list_limited:
 * @start: the start the request sent (1 if it sent none)
 * @limit: how many faces the request asked for; the rest are dropped
 * @next_start: (out) (optional): the start for the next page: the reply's
 *   `next` if it is a number past @start, else @start plus the entries
 *   kept; 0 when the page was empty, which ends the list
 * @next_given: (out) (optional): whether @next_start is the reply's `next`
 *
 * Entries are objects like face_info's `info`; a bare string is taken as
 * a token. Entries without a token are skipped.
 *
 * Returns: (transfer full) (nullable): a store of #LineupFace
 */
GListStore *
lineup_reply_parse_face_list_limited (JsonObject  *root,
                                      guint        start,
                                      guint        limit,
                                      guint       *next_start,
                                      gboolean    *next_given,
                                      GError     **error)
{
  g_autoptr(GListStore) faces = g_list_store_new (LINEUP_TYPE_FACE);
  JsonArray *array = NULL;
  guint n, received;
  gint64 next;

  if (!_lineup_reply_get_array (root, face_list_member (root), &array, error))
    return NULL;

  received = array ? json_array_get_length (array) : 0;
  n = MIN (MIN (received, LINEUP_REPLY_MAX_ITEMS), limit);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(LineupFace) face = NULL;

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        face = lineup_reply_parse_face (json_node_get_object (node));
      else if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
               json_node_get_value_type (node) == G_TYPE_STRING &&
               *json_node_get_string (node) != '\0')
        face = lineup_face_new (json_node_get_string (node), NULL, NULL, NULL);

      if (face != NULL)
        g_list_store_append (faces, face);
    }

  start = MAX (start, 1u);
  /* A `next` that does not move forward would page for ever. */
  next = lineup_reply_get_int (root, "next", -1);
  if (next_given != NULL)
    *next_given = received > 0 && next > start && next <= G_MAXUINT;
  if (next_start != NULL)
    {
      if (received == 0)
        *next_start = 0;
      else if (next > start && next <= G_MAXUINT)
        *next_start = next;
      else
        *next_start = MIN ((guint64)start + MIN (received, limit), G_MAXUINT);
    }

  return g_steal_pointer (&faces);
}

/**
 * lineup_reply_parse_face_list:
 *
 * lineup_reply_parse_face_list_limited() without a limit of the request's.
 *
 * Returns: (transfer full) (nullable): a store of #LineupFace
 */
GListStore *
lineup_reply_parse_face_list (JsonObject  *root,
                              guint        start,
                              guint       *next_start,
                              GError     **error)
{
  return lineup_reply_parse_face_list_limited (root, start, LINEUP_REPLY_MAX_ITEMS, next_start, NULL, error);
}

/**
 * lineup_reply_inspect_face_list:
 * @limit: how many faces the request asked for
 * @warnings: receives a sentence if the reply had more
 */
void
lineup_reply_inspect_face_list (JsonObject *root,
                                guint       limit,
                                GPtrArray  *warnings)
{
  JsonArray *array = NULL;
  guint n;

  if (!_lineup_reply_get_array (root, face_list_member (root), &array, NULL) || array == NULL)
    return;
  if ((n = json_array_get_length (array)) > limit)
    g_ptr_array_add (warnings,
                     g_strdup_printf (ngettext ("The service sent %u faces for a limit of %u; "
                                                "Lineup kept the first %u.",
                                                "The service sent %u faces for a limit of %u; "
                                                "Lineup kept the first %u.", n),
                                      n, limit, limit));
}
