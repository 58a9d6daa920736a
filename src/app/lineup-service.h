/* lineup-service.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lineup-client.h"
#include "lineup-demo-seam.h"
#include "lineup-keyring.h"

G_BEGIN_DECLS

typedef enum
{
  LINEUP_SERVICE_MODE_DEMO,
  LINEUP_SERVICE_MODE_ACCOUNT,
} LineupServiceMode;

typedef enum
{
  LINEUP_SERVICE_STATE_IDLE,
  LINEUP_SERVICE_STATE_STARTING,
  LINEUP_SERVICE_STATE_READY,
  LINEUP_SERVICE_STATE_FAILED,
} LineupServiceState;

#define LINEUP_TYPE_SERVICE (lineup_service_get_type ())
G_DECLARE_FINAL_TYPE (LineupService, lineup_service, LINEUP, SERVICE, GObject)

LineupService      *lineup_service_new           (GSettings     *settings);
LineupClient       *lineup_service_get_client    (LineupService *self);
LineupKeyring      *lineup_service_get_keyring   (LineupService *self);
LineupServiceMode   lineup_service_get_mode      (LineupService *self);
LineupServiceState  lineup_service_get_state     (LineupService *self);
const GError       *lineup_service_get_error     (LineupService *self);
const char         *lineup_service_get_label     (LineupService *self);
GListModel         *lineup_service_get_groups    (LineupService *self);
LineupDemoSeam     *lineup_service_get_demo      (LineupService *self);
gboolean            lineup_service_is_ready      (LineupService *self);
void                lineup_service_start         (LineupService *self);
void                lineup_service_retry         (LineupService *self);
void                lineup_service_reload        (LineupService *self);
void                lineup_service_reload_groups (LineupService *self);
void                lineup_service_use_demo      (LineupService *self);
void                lineup_service_use_account   (LineupService *self);
void                lineup_service_shutdown      (LineupService *self);

G_END_DECLS
