/* lineup-camera-monitor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lineup-camera-device.h"

G_BEGIN_DECLS

/* Where the frames come from. */
typedef enum
{
  LINEUP_CAMERA_SOURCE_DEVICES,   /* GstDeviceMonitor, or a bare v4l2src */
  LINEUP_CAMERA_SOURCE_PORTAL,    /* the Camera portal's PipeWire remote */
  LINEUP_CAMERA_SOURCE_PIPELINE,  /* the camera-pipeline override */
} LineupCameraSource;

#define LINEUP_TYPE_CAMERA_MONITOR (lineup_camera_monitor_get_type ())
G_DECLARE_FINAL_TYPE (LineupCameraMonitor, lineup_camera_monitor, LINEUP, CAMERA_MONITOR, GObject)

char                *lineup_camera_dup_pipeline_override (GSettings            *settings);

LineupCameraMonitor *lineup_camera_monitor_new           (const char           *pipeline);
LineupCameraSource   lineup_camera_monitor_get_source    (LineupCameraMonitor  *self);
void                 lineup_camera_monitor_start_async   (LineupCameraMonitor  *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean             lineup_camera_monitor_start_finish  (LineupCameraMonitor  *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void                 lineup_camera_monitor_stop          (LineupCameraMonitor  *self);
GListModel          *lineup_camera_monitor_get_devices   (LineupCameraMonitor  *self);
LineupCameraDevice  *lineup_camera_monitor_find          (LineupCameraMonitor  *self,
                                                          const char           *id);

G_END_DECLS
