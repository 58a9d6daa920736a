/* lineup-camera-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lineup-camera.h"
#include "lineup-client.h"
#include "lineup-image.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_CAMERA_VIEW (lineup_camera_view_get_type ())
G_DECLARE_FINAL_TYPE (LineupCameraView, lineup_camera_view, LINEUP, CAMERA_VIEW, AdwBin)

GtkWidget    *lineup_camera_view_new                (void);
void          lineup_camera_view_start              (LineupCameraView *self);
void          lineup_camera_view_stop               (LineupCameraView *self);
const char   *lineup_camera_view_get_state          (LineupCameraView *self);
const GError *lineup_camera_view_get_error          (LineupCameraView *self);
LineupCamera *lineup_camera_view_get_camera         (LineupCameraView *self);
GdkPaintable *lineup_camera_view_get_paintable      (LineupCameraView *self);
gboolean      lineup_camera_view_get_live           (LineupCameraView *self);
void          lineup_camera_view_set_live           (LineupCameraView *self,
                                                     gboolean          live);
void          lineup_camera_view_set_client         (LineupCameraView *self,
                                                     LineupClient     *client);

G_END_DECLS
