/* lineup-results-pane.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lineup-demo-seam.h"
#include "lineup-group.h"
#include "lineup-search-result.h"
#include "lineup-service.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_RESULTS_PANE (lineup_results_pane_get_type ())
G_DECLARE_FINAL_TYPE (LineupResultsPane, lineup_results_pane, LINEUP, RESULTS_PANE, AdwBin)

const char         *lineup_results_pane_get_state         (LineupResultsPane  *self);
LineupSearchResult *lineup_results_pane_get_result        (LineupResultsPane  *self);
void                lineup_results_pane_show_idle         (LineupResultsPane  *self);
void                lineup_results_pane_show_connecting   (LineupResultsPane  *self);
void                lineup_results_pane_show_searching    (LineupResultsPane  *self);
void                lineup_results_pane_show_result       (LineupResultsPane  *self,
                                                           LineupSearchResult *result,
                                                           LineupGroup        *group,
                                                           GdkPaintable       *probe,
                                                           gboolean            rotate);
void                lineup_results_pane_show_search_error (LineupResultsPane  *self,
                                                           const GError       *error,
                                                           gboolean            rotate);
void                lineup_results_pane_show_service_error (LineupResultsPane *self,
                                                           const GError       *error,
                                                           LineupServiceMode   mode);
void                lineup_results_pane_restore           (LineupResultsPane  *self);
void                lineup_results_pane_leave_error       (LineupResultsPane  *self);
void                lineup_results_pane_set_threshold     (LineupResultsPane  *self,
                                                           double              threshold);
void                lineup_results_pane_set_stale         (LineupResultsPane  *self,
                                                           gboolean            stale);
void                lineup_results_pane_set_demo          (LineupResultsPane  *self,
                                                           LineupDemoSeam     *demo);
void                lineup_results_pane_set_folded        (LineupResultsPane  *self,
                                                           gboolean            folded);

G_END_DECLS
