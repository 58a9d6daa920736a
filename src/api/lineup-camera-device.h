/* lineup-camera-device.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_CAMERA_DEVICE (lineup_camera_device_get_type ())
G_DECLARE_FINAL_TYPE (LineupCameraDevice, lineup_camera_device, LINEUP, CAMERA_DEVICE, GObject)

LineupCameraDevice *lineup_camera_device_new_for_pipeline  (const char         *description);
const char         *lineup_camera_device_get_id            (LineupCameraDevice *self);
const char         *lineup_camera_device_get_display_name  (LineupCameraDevice *self);
gboolean            lineup_camera_device_get_connected     (LineupCameraDevice *self);

G_END_DECLS
