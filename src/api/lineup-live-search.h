/* lineup-live-search.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lineup-camera.h"
#include "lineup-client.h"

G_BEGIN_DECLS

/* The longest a live search waits while the service says it is busy */
#define LINEUP_LIVE_SEARCH_MAX_BACKOFF_MS (32 * 1000)

#define LINEUP_TYPE_LIVE_SEARCH (lineup_live_search_get_type ())
G_DECLARE_FINAL_TYPE (LineupLiveSearch, lineup_live_search, LINEUP, LIVE_SEARCH, GObject)

LineupLiveSearch *lineup_live_search_new          (LineupClient              *client,
                                                   const char                *group_id);
void              lineup_live_search_set_options  (LineupLiveSearch          *self,
                                                   const LineupSearchOptions *options);
void              lineup_live_search_set_interval (LineupLiveSearch          *self,
                                                   guint                      interval_ms);
guint             lineup_live_search_get_interval (LineupLiveSearch          *self);
guint             lineup_live_search_get_delay    (LineupLiveSearch          *self);
void              lineup_live_search_start        (LineupLiveSearch          *self,
                                                   LineupCamera              *camera);
void              lineup_live_search_stop         (LineupLiveSearch          *self);
gboolean          lineup_live_search_get_running  (LineupLiveSearch          *self);
gboolean          lineup_live_search_get_busy     (LineupLiveSearch          *self);
guint             lineup_live_search_get_n_searches (LineupLiveSearch        *self);

G_END_DECLS
