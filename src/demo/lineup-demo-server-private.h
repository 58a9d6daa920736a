/* lineup-demo-server-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lineup-demo-faults.h"
#include "lineup-demo-server.h"

G_BEGIN_DECLS

#define LINEUP_DEMO_N_ENDPOINTS 9

/* How far the clocks of client and service may differ for a sign. */
#define LINEUP_DEMO_MAX_SKEW_SECONDS 300

/* The largest request body: a 10 MiB image as Base64, and the fields. */
#define LINEUP_DEMO_MAX_BODY (16 * 1024 * 1024)

typedef struct _DemoConnection DemoConnection;

/* One request on its way through a worker thread. The worker fills in
 * status and reply; the server thread sends them. Reference counted:
 * the worker, a pending timer and the "finished" handler each hold one. */
typedef struct
{
  LineupDemoServer    *self;        /* not a reference: stop() ends every request */
  SoupServerMessage   *msg;
  char                *endpoint;
  int                  endpoint_index;
  GHashTable          *fields;      /* name → value, both strings */
  GBytes              *file;
  char                *file_name;
  gint64               start_us;
  guint                status;
  JsonObject          *reply;

  /* Server thread only. */
  LineupDemoFaultPlan  plan;
  GBytes              *body;
  GSource             *source;      /* the pending delay or trickle */
  GSource             *watch;       /* notices a client that leaves during a delay */
  gsize                sent;        /* bytes of @body trickled so far */
  gulong               finished_id;
  guint                in_flight : 1;
  guint                finished : 1;
} DemoRequest;

struct _LineupDemoServer
{
  GObject           parent_instance;

  char             *api_key;
  char             *api_secret;
  char             *listen_address;
  char             *data_dir;
  char             *base_url;
  LineupDemoStore  *store;
  LineupDemoFaults *faults;
  guint             latency_ms;
  guint             jitter_ms;
  int               clock_offset;   /* seconds, atomic */
  guint             seed : 1;

  guint             max_connections;
  guint             idle_timeout;
  guint             header_timeout;

  GThread          *thread;
  GMainContext     *context;
  GMainLoop        *loop;
  SoupServer       *server;
  guint             port;

  /* Server thread only: lineup-demo-server-connections.c */
  GSocket          *listener;
  GSource          *accept_source;
  GSource          *accept_retry;
  GHashTable       *connections;   /* remote GSocketAddress → DemoConnection */
  guint             n_connections;

  /* lineup-demo-server-uploads.c */
  gssize            buffered;      /* atomic: request bytes being read */
  GList            *lingering;     /* refused connections being closed */

  /* Server thread only, but for the atomic total. */
  guint             in_flight[LINEUP_DEMO_N_ENDPOINTS];
  int               in_flight_total;
  int               n_workers;
  GHashTable       *pending;       /* DemoRequest with a pending source, ref'd */
  GHashTable       *live;          /* DemoRequest with a "finished" handler */

  GMutex            start_lock;
  GCond             start_cond;
  gboolean          start_done;
  GError           *start_error;
};

const char *_lineup_demo_server_get_secret      (LineupDemoServer *self);
gint64      _lineup_demo_server_now             (LineupDemoServer *self);
gboolean    _lineup_demo_server_knows_endpoint  (const char       *endpoint);
int         _lineup_demo_server_find_endpoint   (const char       *endpoint);
void        _lineup_demo_server_dispatch        (DemoRequest      *request);
void        _lineup_demo_random_bytes           (gpointer          buffer,
                                                 gsize             len);
void        _lineup_demo_request_unref          (gpointer          request);
void        _lineup_demo_server_handle_request  (SoupServer        *server,
                                                 SoupServerMessage *msg,
                                                 const char        *path,
                                                 GHashTable        *query,
                                                 gpointer           user_data);
void        _lineup_demo_server_drop_all        (LineupDemoServer *self);
GBytes     *_lineup_demo_error_body             (guint             status,
                                                 const char       *code,
                                                 gint64            start_us);

guint       _lineup_demo_server_default_max_connections (void);
gboolean    _lineup_demo_server_accept_on       (LineupDemoServer *self,
                                                 GSocket          *listener,
                                                 GError          **error);
void        _lineup_demo_server_stop_accepting  (LineupDemoServer *self);
void        _lineup_demo_server_forget_connections (LineupDemoServer *self);
GSocket    *_lineup_demo_server_get_socket      (LineupDemoServer  *self,
                                                 SoupServerMessage *msg);

void        _lineup_demo_server_watch_uploads   (LineupDemoServer  *self);
void        _lineup_demo_server_watch_upload    (LineupDemoServer  *self,
                                                 SoupServerMessage *msg);
void        _lineup_demo_server_end_lingering   (LineupDemoServer  *self);

G_END_DECLS
