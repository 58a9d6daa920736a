/* lineup-match-detail.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lineup-demo-seam.h"
#include "lineup-group.h"
#include "lineup-match.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_MATCH_DETAIL (lineup_match_detail_get_type ())
G_DECLARE_FINAL_TYPE (LineupMatchDetail, lineup_match_detail, LINEUP, MATCH_DETAIL, AdwWindow)

GtkWidget   *lineup_match_detail_new       (GtkWindow         *parent,
                                            LineupMatch       *match,
                                            LineupGroup       *group,
                                            double             threshold,
                                            GdkPaintable      *probe,
                                            LineupDemoSeam    *demo,
                                            const char        *request_id);
LineupMatch *lineup_match_detail_get_match (LineupMatchDetail *self);

G_END_DECLS
