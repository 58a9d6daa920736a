/* lineup-face.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_FACE (lineup_face_get_type ())
G_DECLARE_FINAL_TYPE (LineupFace, lineup_face, LINEUP, FACE, GObject)

LineupFace *lineup_face_new              (const char *face_token,
                                          const char *user_id,
                                          const char *user_data,
                                          const char *add_time);
const char *lineup_face_get_face_token   (LineupFace *self);
const char *lineup_face_get_user_id      (LineupFace *self);
const char *lineup_face_get_user_data    (LineupFace *self);
const char *lineup_face_get_add_time_raw (LineupFace *self);
GDateTime  *lineup_face_get_add_time     (LineupFace *self);

GDateTime  *lineup_parse_add_time        (const char *text);

G_END_DECLS
