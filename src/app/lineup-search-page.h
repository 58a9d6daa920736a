/* lineup-search-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lineup-probe-pane.h"
#include "lineup-results-pane.h"
#include "lineup-service.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_SEARCH_PAGE (lineup_search_page_get_type ())
G_DECLARE_FINAL_TYPE (LineupSearchPage, lineup_search_page, LINEUP, SEARCH_PAGE, AdwBin)

LineupService     *lineup_search_page_get_service      (LineupSearchPage *self);
void               lineup_search_page_set_service      (LineupSearchPage *self,
                                                        LineupService    *service);
LineupProbePane   *lineup_search_page_get_probe_pane   (LineupSearchPage *self);
LineupResultsPane *lineup_search_page_get_results_pane (LineupSearchPage *self);
gboolean           lineup_search_page_get_searching    (LineupSearchPage *self);
gboolean           lineup_search_page_get_folded       (LineupSearchPage *self);
gboolean           lineup_search_page_get_results_shown (LineupSearchPage *self);

G_END_DECLS
