/* lineup-match-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lineup-match.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_MATCH_ROW (lineup_match_row_get_type ())
G_DECLARE_FINAL_TYPE (LineupMatchRow, lineup_match_row, LINEUP, MATCH_ROW, GtkListBoxRow)

GtkWidget    *lineup_match_row_new           (LineupMatch    *match,
                                              double          threshold);
LineupMatch  *lineup_match_row_get_match     (LineupMatchRow *self);
void          lineup_match_row_set_threshold (LineupMatchRow *self,
                                              double          threshold);
GdkPaintable *lineup_match_row_get_thumbnail (LineupMatchRow *self);
void          lineup_match_row_set_thumbnail (LineupMatchRow *self,
                                              GdkPaintable   *paintable);
gboolean      lineup_match_row_get_above     (LineupMatchRow *self);

G_END_DECLS
