/* lineup-delete-outcome.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_DELETE_OUTCOME (lineup_delete_outcome_get_type ())
G_DECLARE_FINAL_TYPE (LineupDeleteOutcome, lineup_delete_outcome, LINEUP, DELETE_OUTCOME, GObject)

LineupDeleteOutcome *lineup_delete_outcome_new                (const char          *group_id,
                                                               const char          *request_id,
                                                               gint64               time_used,
                                                               gint64               face_removed,
                                                               gint64               face_count);
void                 lineup_delete_outcome_add_failure        (LineupDeleteOutcome *self,
                                                               const char          *face_token,
                                                               const char          *reason);
const char          *lineup_delete_outcome_get_group_id       (LineupDeleteOutcome *self);
const char          *lineup_delete_outcome_get_request_id     (LineupDeleteOutcome *self);
gint64               lineup_delete_outcome_get_time_used      (LineupDeleteOutcome *self);
gint64               lineup_delete_outcome_get_face_removed   (LineupDeleteOutcome *self);
gint64               lineup_delete_outcome_get_face_count     (LineupDeleteOutcome *self);
guint                lineup_delete_outcome_get_n_failures     (LineupDeleteOutcome *self);
const char          *lineup_delete_outcome_get_failure_token  (LineupDeleteOutcome *self,
                                                               guint                index);
const char          *lineup_delete_outcome_get_failure_reason (LineupDeleteOutcome *self,
                                                               guint                index);
const char          *lineup_delete_outcome_lookup_failure     (LineupDeleteOutcome *self,
                                                               const char          *face_token);

G_END_DECLS
