/* lineup-demo-server-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lineup-demo-server.h"

G_BEGIN_DECLS

/* One request on its way through a worker thread. The worker fills in
 * status and reply; the server thread sends them. */
typedef struct
{
  LineupDemoServer  *self;
  SoupServerMessage *msg;
  char              *endpoint;
  GHashTable        *fields;      /* name → value, both strings */
  GBytes            *file;
  char              *file_name;
  gint64             start_us;
  guint              status;
  JsonObject        *reply;
} DemoRequest;

const char *_lineup_demo_server_get_secret      (LineupDemoServer *self);
gboolean    _lineup_demo_server_knows_endpoint  (const char       *endpoint);
void        _lineup_demo_server_dispatch        (DemoRequest      *request);
void        _lineup_demo_random_bytes           (gpointer          buffer,
                                                 gsize             len);

G_END_DECLS
