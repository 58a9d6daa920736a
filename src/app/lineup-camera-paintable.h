/* lineup-camera-paintable.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lineup-camera-frame.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_CAMERA_PAINTABLE (lineup_camera_paintable_get_type ())
G_DECLARE_FINAL_TYPE (LineupCameraPaintable, lineup_camera_paintable, LINEUP, CAMERA_PAINTABLE, GObject)

LineupCameraPaintable *lineup_camera_paintable_new         (void);
void                   lineup_camera_paintable_set_frame   (LineupCameraPaintable *self,
                                                            LineupCameraFrame     *frame);
void                   lineup_camera_paintable_set_source  (LineupCameraPaintable *self,
                                                            GdkPaintable          *source);
GdkTexture            *lineup_camera_paintable_get_texture (LineupCameraPaintable *self);
gboolean               lineup_camera_paintable_get_mirror  (LineupCameraPaintable *self);
void                   lineup_camera_paintable_set_mirror  (LineupCameraPaintable *self,
                                                            gboolean               mirror);
guint64                lineup_camera_paintable_get_n_drawn (LineupCameraPaintable *self);

G_END_DECLS
