/* lineup-exchange.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_EXCHANGE (lineup_exchange_get_type ())
G_DECLARE_FINAL_TYPE (LineupExchange, lineup_exchange, LINEUP, EXCHANGE, GObject)

const char   *lineup_exchange_get_endpoint            (LineupExchange *self);
const char   *lineup_exchange_get_method              (LineupExchange *self);
const char   *lineup_exchange_get_url                 (LineupExchange *self);
guint         lineup_exchange_get_attempt             (LineupExchange *self);
GDateTime    *lineup_exchange_get_started             (LineupExchange *self);
const char   *lineup_exchange_get_request_description (LineupExchange *self);
const char   *lineup_exchange_get_curl_command        (LineupExchange *self);
gboolean      lineup_exchange_get_finished            (LineupExchange *self);
gint64        lineup_exchange_get_duration_ms         (LineupExchange *self);
guint         lineup_exchange_get_status              (LineupExchange *self);
const char   *lineup_exchange_get_response_body       (LineupExchange *self);
gsize         lineup_exchange_get_response_size       (LineupExchange *self);
const char   *lineup_exchange_get_request_id          (LineupExchange *self);
gint64        lineup_exchange_get_time_used           (LineupExchange *self);
const GError *lineup_exchange_get_error               (LineupExchange *self);
GDateTime    *lineup_exchange_get_server_date         (LineupExchange *self);
GTlsCertificateFlags lineup_exchange_get_tls_errors   (LineupExchange *self);
const char * const *lineup_exchange_get_warnings      (LineupExchange *self);
char         *lineup_exchange_to_text                 (LineupExchange *self);

G_END_DECLS
