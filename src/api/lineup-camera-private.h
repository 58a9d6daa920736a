/* lineup-camera-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gst/gst.h>
#include <libportal/portal.h>

#include "lineup-camera.h"
#include "lineup-camera-device.h"
#include "lineup-camera-error.h"
#include "lineup-camera-frame.h"

G_BEGIN_DECLS

/* Ends the source part of every camera pipeline: the frames reach the
 * appsink as BGRA with square pixels, whatever the camera sends. */
#define LINEUP_CAMERA_TAIL \
  "videoconvert ! videoscale ! video/x-raw,format=BGRA,pixel-aspect-ratio=1/1 ! " \
  "appsink name=lineup-sink max-buffers=1 drop=true enable-last-sample=false"

/* The same, with a second branch scaled for the preview. The queues do
 * not leak, so that a source that is not live is still held to the
 * clock by the sinks. */
#define LINEUP_CAMERA_QUEUE "queue max-size-buffers=2 max-size-bytes=0 max-size-time=0"
/* No scaler before the tee: a smaller preview must not make the full
 * branch smaller too. */
#define LINEUP_CAMERA_TAIL_PREVIEW \
  "videoconvert ! video/x-raw,format=BGRA ! tee name=lineup-tee " \
  "lineup-tee. ! " LINEUP_CAMERA_QUEUE " ! videoscale ! video/x-raw,pixel-aspect-ratio=1/1 ! " \
  "appsink name=lineup-sink max-buffers=1 drop=true enable-last-sample=false " \
  "lineup-tee. ! " LINEUP_CAMERA_QUEUE " ! videoscale ! capsfilter name=lineup-preview-caps ! " \
  "appsink name=lineup-preview max-buffers=1 drop=true enable-last-sample=false"

GError             *_lineup_camera_error_from_gst           (const GError       *gst_error,
                                                             const char         *debug,
                                                             gboolean            streaming);
GError             *_lineup_camera_error_new                (LineupCameraError   code,
                                                             const char         *detail);
const char         *_lineup_camera_error_message            (LineupCameraError   code);

LineupCameraDevice *_lineup_camera_device_new_for_gst       (GstDevice          *device);
LineupCameraDevice *_lineup_camera_device_new_for_portal    (int                 fd);
LineupCameraDevice *_lineup_camera_device_new_for_description (const char       *id,
                                                             const char         *display_name,
                                                             const char         *description);
GstDevice          *_lineup_camera_device_get_gst_device    (LineupCameraDevice *self);
void                _lineup_camera_device_set_connected     (LineupCameraDevice *self,
                                                             gboolean            connected);
GstElement         *_lineup_camera_device_create_pipeline   (LineupCameraDevice *self,
                                                             const char         *tail,
                                                             GError            **error);
void                _lineup_camera_device_acquire           (LineupCameraDevice *self);
void                _lineup_camera_device_release           (LineupCameraDevice *self);

void                _lineup_camera_run_in_thread            (GTask              *task,
                                                             GTaskThreadFunc     func);
GstDeviceMonitor   *_lineup_camera_shared_monitor           (void);
void                _lineup_camera_portal_open_async        (XdpPortal          *portal,
                                                             GCancellable       *cancellable,
                                                             GAsyncReadyCallback callback,
                                                             gpointer            user_data);
int                 _lineup_camera_portal_open_finish       (GAsyncResult       *result,
                                                             GError            **error);

typedef struct _LineupCameraStream LineupCameraStream;
typedef void (*LineupCameraDeliver) (gpointer           owner,
                                     LineupCameraFrame *frame);

LineupCameraStream *_lineup_camera_stream_new               (LineupCameraDevice *device,
                                                             int                 preview_width,
                                                             int                 preview_height,
                                                             LineupCameraDeliver deliver,
                                                             gpointer            owner);
void                _lineup_camera_stream_set_preview_sink  (LineupCameraStream *self,
                                                             GstElement         *sink);
void                _lineup_camera_stream_start_async       (LineupCameraStream *self,
                                                             GAsyncReadyCallback callback,
                                                             gpointer            user_data);
gboolean            _lineup_camera_stream_start_finish      (LineupCameraStream *self,
                                                             GAsyncResult       *result,
                                                             GError            **error);
GstBus             *_lineup_camera_stream_get_bus           (LineupCameraStream *self);
LineupCameraFrame  *_lineup_camera_stream_take_pending      (LineupCameraStream *self);
LineupCameraFrame  *_lineup_camera_stream_pull_frame        (LineupCameraStream *self);
void                _lineup_camera_stream_set_preview_size  (LineupCameraStream *self,
                                                             int                 width,
                                                             int                 height);
guint64             _lineup_camera_stream_get_dropped       (LineupCameraStream *self);
void                _lineup_camera_stream_stop              (LineupCameraStream *self);

void                _lineup_camera_set_preview_sink         (LineupCamera       *self,
                                                             GstElement         *sink);

G_END_DECLS
