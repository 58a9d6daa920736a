/* lineup-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_GROUP (lineup_group_get_type ())
G_DECLARE_FINAL_TYPE (LineupGroup, lineup_group, LINEUP, GROUP, GObject)

LineupGroup *lineup_group_new               (const char  *group_id,
                                             const char  *group_name,
                                             const char  *group_data,
                                             const char  *model_version,
                                             const char  *add_time);
const char  *lineup_group_get_group_id      (LineupGroup *self);
const char  *lineup_group_get_group_name    (LineupGroup *self);
const char  *lineup_group_get_group_data    (LineupGroup *self);
const char  *lineup_group_get_model_version (LineupGroup *self);
const char  *lineup_group_get_add_time_raw  (LineupGroup *self);
GDateTime   *lineup_group_get_add_time      (LineupGroup *self);
const char  *lineup_group_get_display_name  (LineupGroup *self);

G_END_DECLS
