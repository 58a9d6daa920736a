/* lineup-search-result.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lineup-match.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_SEARCH_RESULT (lineup_search_result_get_type ())
G_DECLARE_FINAL_TYPE (LineupSearchResult, lineup_search_result, LINEUP, SEARCH_RESULT, GObject)

LineupSearchResult *lineup_search_result_new            (const char         *request_id,
                                                         gint64              time_used,
                                                         GListStore         *matches);
const char         *lineup_search_result_get_request_id (LineupSearchResult *self);
gint64              lineup_search_result_get_time_used  (LineupSearchResult *self);
GListModel         *lineup_search_result_get_matches    (LineupSearchResult *self);

G_END_DECLS
