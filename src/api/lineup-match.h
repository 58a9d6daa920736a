/* lineup-match.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lineup-face.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_MATCH (lineup_match_get_type ())
G_DECLARE_FINAL_TYPE (LineupMatch, lineup_match, LINEUP, MATCH, GObject)

LineupMatch *lineup_match_new            (guint         rank,
                                          const char   *face_token,
                                          const char   *group_id,
                                          double        score);
guint        lineup_match_get_rank       (LineupMatch  *self);
const char  *lineup_match_get_face_token (LineupMatch  *self);
const char  *lineup_match_get_group_id   (LineupMatch  *self);
double       lineup_match_get_score      (LineupMatch  *self);
const char  *lineup_match_get_score_problem (LineupMatch *self);
gboolean     lineup_match_is_above       (LineupMatch  *self,
                                          double        threshold);
void         lineup_match_set_score_problem (LineupMatch *self,
                                          const char   *problem);
LineupFace  *lineup_match_get_face       (LineupMatch  *self);
void         lineup_match_set_face       (LineupMatch  *self,
                                          LineupFace   *face);
const GError *lineup_match_get_face_error (LineupMatch *self);
void         lineup_match_set_face_error (LineupMatch  *self,
                                          const GError *error);

G_END_DECLS
