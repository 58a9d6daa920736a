/* lineup-exchange-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lineup-client-private.h"
#include "lineup-exchange.h"

G_BEGIN_DECLS

/* Replies longer than this are kept cut short in an exchange. */
#define LINEUP_EXCHANGE_MAX_BODY (64 * 1024)

LineupExchange *_lineup_exchange_new         (LineupCall     *call,
                                              const char     *url,
                                              guint           attempt,
                                              const char     *sign,
                                              LineupSigner   *signer);
const char     *_lineup_exchange_get_summary (LineupExchange *self);
char           *_lineup_exchange_redact      (LineupExchange *self,
                                              const char     *text);
GBytes         *_lineup_exchange_receive     (LineupExchange *self,
                                              GBytes         *body,
                                              gboolean        complete);
void            _lineup_exchange_add_warning (LineupExchange *self,
                                              const char     *warning);
void            _lineup_exchange_finish      (LineupExchange *self,
                                              guint           status,
                                              const char     *request_id,
                                              gint64          time_used,
                                              const GError   *error);
void            _lineup_exchange_set_server  (LineupExchange *self,
                                              GDateTime      *date,
                                              GTlsCertificateFlags tls_errors);

G_END_DECLS
