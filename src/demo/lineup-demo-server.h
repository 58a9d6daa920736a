/* lineup-demo-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lineup-demo-faults.h"
#include "lineup-demo-store.h"

G_BEGIN_DECLS

/* Fixed, documented credentials the demo service accepts by default. */
#define LINEUP_DEMO_API_KEY     "lineup-demo-key"
#define LINEUP_DEMO_API_SECRET  "lineup-demo-secret"
#define LINEUP_DEMO_PATH        "/finauth/search/group"

/* Limits on clients, unless set (lineup_demo_server_set_limits()). */
#define LINEUP_DEMO_DEFAULT_MAX_CONNECTIONS 256
#define LINEUP_DEMO_DEFAULT_IDLE_TIMEOUT    60
#define LINEUP_DEMO_DEFAULT_HEADER_TIMEOUT  10

/* The most pixels an uploaded image may have: what the client itself
 * sends at most (4096 × 4096), checked from the header before decoding. */
#define LINEUP_DEMO_MAX_PIXELS (4096 * 4096)

#define LINEUP_TYPE_DEMO_SERVER (lineup_demo_server_get_type ())
G_DECLARE_FINAL_TYPE (LineupDemoServer, lineup_demo_server, LINEUP, DEMO_SERVER, GObject)

LineupDemoServer *lineup_demo_server_new            (const char           *api_key,
                                                     const char           *api_secret);
void              lineup_demo_server_set_seed       (LineupDemoServer     *self,
                                                     gboolean              seed);
void              lineup_demo_server_set_listen_address (LineupDemoServer *self,
                                                     const char           *address);
void              lineup_demo_server_set_latency    (LineupDemoServer     *self,
                                                     guint                 latency_ms,
                                                     guint                 jitter_ms);
void              lineup_demo_server_set_limits     (LineupDemoServer     *self,
                                                     guint                 max_connections,
                                                     guint                 idle_timeout,
                                                     guint                 header_timeout);
void              lineup_demo_server_set_clock_offset (LineupDemoServer   *self,
                                                     int                   seconds);
void              lineup_demo_server_set_data_dir   (LineupDemoServer     *self,
                                                     const char           *dir);
const char       *lineup_demo_server_get_data_dir   (LineupDemoServer     *self);
void              lineup_demo_server_set_fault      (LineupDemoServer     *self,
                                                     const char           *endpoint,
                                                     LineupDemoFault       fault,
                                                     guint                 value);
void              lineup_demo_server_set_fault_full (LineupDemoServer     *self,
                                                     const char           *endpoint,
                                                     LineupDemoFault       fault,
                                                     guint                 value,
                                                     guint                 after,
                                                     guint                 times,
                                                     double                probability);
gboolean          lineup_demo_server_add_fault_spec (LineupDemoServer     *self,
                                                     const char           *spec,
                                                     GError              **error);
void              lineup_demo_server_clear_faults   (LineupDemoServer     *self);
guint             lineup_demo_server_get_requests_in_flight (LineupDemoServer *self);
gboolean          lineup_demo_server_start          (LineupDemoServer     *self,
                                                     guint                 port,
                                                     GError              **error);
void              lineup_demo_server_start_async    (LineupDemoServer     *self,
                                                     guint                 port,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean          lineup_demo_server_start_finish   (LineupDemoServer     *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void              lineup_demo_server_stop           (LineupDemoServer     *self);
const char       *lineup_demo_server_get_base_url   (LineupDemoServer     *self);
const char       *lineup_demo_server_get_api_key    (LineupDemoServer     *self);
const char       *lineup_demo_server_get_api_secret (LineupDemoServer     *self);
LineupDemoStore  *lineup_demo_server_get_store      (LineupDemoServer     *self);

G_END_DECLS
