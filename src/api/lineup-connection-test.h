/* lineup-connection-test.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lineup-client.h"

G_BEGIN_DECLS

/**
 * LineupConnectionStatus:
 * @LINEUP_CONNECTION_CONNECTED: group_list answered; see the number of
 *   libraries
 * @LINEUP_CONNECTION_WRONG_CREDENTIALS: the service refused the key or
 *   the signature, and the clocks agree
 * @LINEUP_CONNECTION_CLOCK_SKEW: the service refused the signature while
 *   its clock differs from ours by more than the signature validity
 * @LINEUP_CONNECTION_UNREACHABLE: no connection, or no answer in time
 * @LINEUP_CONNECTION_TLS_FAILURE: the TLS handshake failed or the
 *   certificate was refused
 * @LINEUP_CONNECTION_NOT_FACESEARCH: something answered, but not with
 *   FaceSearch's JSON (or it does not know the endpoint)
 * @LINEUP_CONNECTION_BAD_ADDRESS: nothing was sent: the address is not
 *   valid, plain HTTP was refused, or key or secret are missing
 * @LINEUP_CONNECTION_SERVICE_ERROR: FaceSearch answered with another
 *   error (not allowed, busy, internal error)
 */
typedef enum
{
  LINEUP_CONNECTION_CONNECTED,
  LINEUP_CONNECTION_WRONG_CREDENTIALS,
  LINEUP_CONNECTION_CLOCK_SKEW,
  LINEUP_CONNECTION_UNREACHABLE,
  LINEUP_CONNECTION_TLS_FAILURE,
  LINEUP_CONNECTION_NOT_FACESEARCH,
  LINEUP_CONNECTION_BAD_ADDRESS,
  LINEUP_CONNECTION_SERVICE_ERROR,
} LineupConnectionStatus;

#define LINEUP_TYPE_CONNECTION_OUTCOME (lineup_connection_outcome_get_type ())
G_DECLARE_FINAL_TYPE (LineupConnectionOutcome, lineup_connection_outcome, LINEUP, CONNECTION_OUTCOME, GObject)

LineupConnectionOutcome *lineup_connection_outcome_new_for_error  (const GError            *error);
LineupConnectionStatus   lineup_connection_outcome_get_status     (LineupConnectionOutcome *self);
const char              *lineup_connection_outcome_get_status_nick (LineupConnectionOutcome *self);
guint                    lineup_connection_outcome_get_n_groups   (LineupConnectionOutcome *self);
GDateTime               *lineup_connection_outcome_get_server_time (LineupConnectionOutcome *self);
GDateTime               *lineup_connection_outcome_get_local_time (LineupConnectionOutcome *self);
gint64                   lineup_connection_outcome_get_skew       (LineupConnectionOutcome *self);
const GError            *lineup_connection_outcome_get_error      (LineupConnectionOutcome *self);
const char              *lineup_connection_outcome_get_title      (LineupConnectionOutcome *self);
const char              *lineup_connection_outcome_get_detail     (LineupConnectionOutcome *self);

void                     lineup_connection_test_async             (LineupClient            *client,
                                                                   GCancellable            *cancellable,
                                                                   GAsyncReadyCallback      callback,
                                                                   gpointer                 user_data);
LineupConnectionOutcome *lineup_connection_test_finish            (LineupClient            *client,
                                                                   GAsyncResult            *result,
                                                                   GError                 **error);

G_END_DECLS
