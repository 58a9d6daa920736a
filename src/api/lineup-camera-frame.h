/* lineup-camera-frame.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "lineup-image.h"

G_BEGIN_DECLS

/**
 * LineupCameraFormat:
 * @LINEUP_CAMERA_FORMAT_BGRA: 4 bytes a pixel, in memory order B, G, R, A
 *   (cairo's and GDK's premultiplied native format on little-endian
 *   machines; camera frames are opaque, so premultiplied or not is the same)
 * @LINEUP_CAMERA_FORMAT_RGBA: 4 bytes a pixel, R, G, B, A
 */
typedef enum
{
  LINEUP_CAMERA_FORMAT_BGRA,
  LINEUP_CAMERA_FORMAT_RGBA,
} LineupCameraFormat;

typedef struct _LineupCameraFrame LineupCameraFrame;

#define LINEUP_TYPE_CAMERA_FRAME (lineup_camera_frame_get_type ())

GType               lineup_camera_frame_get_type      (void);
LineupCameraFrame  *lineup_camera_frame_new           (LineupCameraFormat    format,
                                                       int                   width,
                                                       int                   height,
                                                       gsize                 stride,
                                                       GBytes               *data);
LineupCameraFrame  *lineup_camera_frame_ref           (LineupCameraFrame    *self);
void                lineup_camera_frame_unref         (LineupCameraFrame    *self);
LineupCameraFormat  lineup_camera_frame_get_format    (LineupCameraFrame    *self);
int                 lineup_camera_frame_get_width     (LineupCameraFrame    *self);
int                 lineup_camera_frame_get_height    (LineupCameraFrame    *self);
gsize               lineup_camera_frame_get_stride    (LineupCameraFrame    *self);
GBytes             *lineup_camera_frame_get_bytes     (LineupCameraFrame    *self);
GdkPixbuf          *lineup_camera_frame_to_pixbuf     (LineupCameraFrame    *self,
                                                       gboolean              mirror);
GBytes             *lineup_camera_frame_to_jpeg       (LineupCameraFrame    *self,
                                                       gboolean              mirror,
                                                       GError              **error);
void                lineup_camera_frame_prepare_async (LineupCameraFrame    *self,
                                                       gboolean              mirror,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
LineupImage        *lineup_camera_frame_prepare_finish (GAsyncResult        *result,
                                                       GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupCameraFrame, lineup_camera_frame_unref)

G_END_DECLS
