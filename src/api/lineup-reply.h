/* lineup-reply.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lineup-delete-outcome.h"
#include "lineup-face.h"
#include "lineup-group.h"
#include "lineup-search-result.h"

G_BEGIN_DECLS

/* Upper bound on list entries we read from one reply; the API's own
 * limits are far lower (100 matches, 1000 faces), so more is hostile. */
#define LINEUP_REPLY_MAX_ITEMS 100000

JsonObject         *lineup_reply_check             (guint        http_status,
                                                    GBytes      *body,
                                                    const char  *group_id,
                                                    const char  *face_token,
                                                    GError     **error);
const char         *lineup_reply_get_string        (JsonObject  *object,
                                                    const char  *member);
char               *lineup_reply_dup_text          (JsonObject  *object,
                                                    const char  *member);
gboolean            lineup_reply_get_double        (JsonObject  *object,
                                                    const char  *member,
                                                    double      *out);
gint64              lineup_reply_get_int           (JsonObject  *object,
                                                    const char  *member,
                                                    gint64       fallback);

char               *lineup_reply_get_score         (JsonObject  *entry,
                                                    double      *score);
LineupSearchResult *lineup_reply_parse_search      (JsonObject  *root,
                                                    GError     **error);
LineupSearchResult *lineup_reply_parse_search_limited (JsonObject *root,
                                                    guint        limit,
                                                    GError     **error);
void                lineup_reply_inspect_search    (JsonObject  *root,
                                                    guint        limit,
                                                    GPtrArray   *warnings);
LineupFace         *lineup_reply_parse_face        (JsonObject  *object);
LineupFace         *lineup_reply_parse_face_info   (JsonObject  *root,
                                                    GError     **error);
GListStore         *lineup_reply_parse_group_list  (JsonObject  *root,
                                                    GError     **error);
LineupGroup        *lineup_reply_parse_group       (JsonObject  *object,
                                                    const char  *fallback_group_id);
LineupGroup        *lineup_reply_parse_group_info  (JsonObject  *root,
                                                    const char  *group_id,
                                                    GError     **error);
LineupGroup        *lineup_reply_parse_create      (JsonObject  *root,
                                                    const char  *group_id,
                                                    const char  *group_name,
                                                    const char  *group_data,
                                                    const char  *model_version);
LineupFace         *lineup_reply_parse_add         (JsonObject  *root,
                                                    const char  *user_id,
                                                    const char  *user_data,
                                                    GError     **error);
LineupDeleteOutcome *lineup_reply_parse_delete     (JsonObject  *root,
                                                    const char  *group_id,
                                                    GError     **error);
GListStore         *lineup_reply_parse_face_list   (JsonObject  *root,
                                                    guint        start,
                                                    guint       *next_start,
                                                    GError     **error);
GListStore         *lineup_reply_parse_face_list_limited (JsonObject *root,
                                                    guint        start,
                                                    guint        limit,
                                                    guint       *next_start,
                                                    gboolean    *next_given,
                                                    GError     **error);
void                lineup_reply_inspect_face_list (JsonObject  *root,
                                                    guint        limit,
                                                    GPtrArray   *warnings);

G_END_DECLS
