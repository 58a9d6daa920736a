/* lineup-camera.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lineup-camera-device.h"
#include "lineup-camera-error.h"
#include "lineup-camera-frame.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_CAMERA (lineup_camera_get_type ())
G_DECLARE_FINAL_TYPE (LineupCamera, lineup_camera, LINEUP, CAMERA, GObject)

LineupCamera       *lineup_camera_new             (LineupCameraDevice   *device);
LineupCameraDevice *lineup_camera_get_device      (LineupCamera         *self);
void                lineup_camera_set_preview_size (LineupCamera        *self,
                                                   int                   max_width,
                                                   int                   max_height);
GObject            *lineup_camera_use_paintable_sink (LineupCamera      *self);
void                lineup_camera_start_async     (LineupCamera         *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean            lineup_camera_start_finish    (LineupCamera         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void                lineup_camera_stop            (LineupCamera         *self);
gboolean            lineup_camera_get_running     (LineupCamera         *self);
LineupCameraFrame  *lineup_camera_get_frame       (LineupCamera         *self);
guint64             lineup_camera_get_n_frames    (LineupCamera         *self);
guint64             lineup_camera_get_n_dropped   (LineupCamera         *self);

G_END_DECLS
