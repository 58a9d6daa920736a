/* lineup-camera-stream.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-camera"

#include "config.h"

#include <gst/app/gstappsink.h>
#include <gst/video/video.h>

#include "lineup-camera-private.h"

/* The threaded half of one LineupCamera start: it builds the pipeline and
 * changes its state in worker threads, and takes frames in the streaming
 * thread. The appsink keeps one buffer and drops the rest; the streaming
 * thread leaves only the newest frame in a one-place slot for the main
 * loop, so a late main loop gets the newest frame, never a queue.
 *
 * For a preview, a tee adds a branch scaled to the size it is shown at:
 * drawing a 1280×720 frame into a small widget 30 times a second costs
 * far more in the renderer than scaling it once in GStreamer. The full
 * frames then wait in their appsink, the newest only, for Capture.
 *
 * Where the app gives a preview sink (gtk4paintablesink, which draws
 * without a copy through the renderer), it takes the place of the
 * preview's appsink, and a pad probe in front of it still hands each
 * frame to the main loop, for the watchdog and the app's frame count. */

struct _LineupCameraStream
{
  gatomicrefcount      ref_count;
  LineupCameraDevice  *device;
  GMainContext        *context;
  gboolean             preview;
  int                  preview_width;
  int                  preview_height;
  GstElement          *preview_sink;

  /* Main thread only */
  LineupCameraDeliver  deliver;
  gpointer             owner;

  GMutex               lock;
  GstElement          *pipeline;
  LineupCameraFrame   *pending;
  gboolean             scheduled;
  gboolean             stopped;
  guint64              dropped;
};

/**
 * _lineup_camera_stream_new:
 * @preview_width: 0, or the bounds of a second, scaled branch whose
 *   frames @deliver gets, the full frames waiting for
 *   _lineup_camera_stream_pull_frame()
 */
LineupCameraStream *
_lineup_camera_stream_new (LineupCameraDevice  *device,
                           int                  preview_width,
                           int                  preview_height,
                           LineupCameraDeliver  deliver,
                           gpointer             owner)
{
  LineupCameraStream *self = g_new0 (LineupCameraStream, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  self->device = g_object_ref (device);
  self->preview = preview_width > 0 && preview_height > 0;
  self->preview_width = preview_width;
  self->preview_height = preview_height;
  self->context = g_main_context_ref_thread_default ();
  self->deliver = deliver;
  self->owner = owner;
  return self;
}

static LineupCameraStream *
stream_ref (LineupCameraStream *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
stream_unref (gpointer data)
{
  LineupCameraStream *self = data;

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_assert (self->pipeline == NULL);
  g_clear_pointer (&self->pending, lineup_camera_frame_unref);
  g_clear_object (&self->device);
  g_clear_object (&self->preview_sink);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/**
 * _lineup_camera_stream_take_pending:
 *
 * Returns: (transfer full) (nullable): the frame waiting for the main
 *   loop, if there is one
 */
LineupCameraFrame *
_lineup_camera_stream_take_pending (LineupCameraStream *self)
{
  LineupCameraFrame *frame;

  g_mutex_lock (&self->lock);
  frame = g_steal_pointer (&self->pending);
  self->scheduled = FALSE;
  g_mutex_unlock (&self->lock);
  return frame;
}

guint64
_lineup_camera_stream_get_dropped (LineupCameraStream *self)
{
  guint64 dropped;

  g_mutex_lock (&self->lock);
  dropped = self->dropped;
  g_mutex_unlock (&self->lock);
  return dropped;
}

/* Threads of their own */

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} ThreadCall;

static gpointer
thread_main (gpointer data)
{
  ThreadCall *call = data;

  call->func (call->task, g_task_get_source_object (call->task), g_task_get_task_data (call->task),
              g_task_get_cancellable (call->task));
  g_object_unref (call->task);
  g_free (call);
  return NULL;
}

/**
 * _lineup_camera_run_in_thread:
 *
 * Like g_task_run_in_thread(), in a thread of its own: a camera or a
 * PipeWire daemon that never answers can keep a state change waiting
 * for good, and must not take a thread of GTask's small shared pool,
 * which the app's image preparation needs.
 */
void
_lineup_camera_run_in_thread (GTask           *task,
                              GTaskThreadFunc  func)
{
  ThreadCall *call = g_new0 (ThreadCall, 1);

  call->task = g_object_ref (task);
  call->func = func;
  g_thread_unref (g_thread_new ("lineup-camera", thread_main, call));
}

/* Frames */

typedef struct
{
  GstVideoFrame video_frame;
} MappedFrame;

static void
mapped_frame_free (gpointer data)
{
  MappedFrame *mapped = data;

  gst_video_frame_unmap (&mapped->video_frame);
  g_free (mapped);
}

static gboolean
deliver_pending (gpointer data)
{
  LineupCameraStream *self = data;
  LineupCameraFrame *frame = _lineup_camera_stream_take_pending (self);

  if (frame != NULL && self->owner != NULL)
    self->deliver (self->owner, frame);
  else
    g_clear_pointer (&frame, lineup_camera_frame_unref);
  return G_SOURCE_REMOVE;
}

/* Thread-safe. No copy: the bytes keep the buffer mapped until the
 * frame's last user lets go. */
static LineupCameraFrame *
frame_from_sample (GstSample *sample)
{
  g_autoptr(GBytes) bytes = NULL;
  MappedFrame *mapped;
  GstVideoInfo info;

  if (!gst_video_info_from_caps (&info, gst_sample_get_caps (sample)) ||
      GST_VIDEO_INFO_FORMAT (&info) != GST_VIDEO_FORMAT_BGRA)
    return NULL;

  mapped = g_new0 (MappedFrame, 1);
  if (!gst_video_frame_map (&mapped->video_frame, &info, gst_sample_get_buffer (sample), GST_MAP_READ))
    {
      g_free (mapped);
      return NULL;
    }
  bytes = g_bytes_new_with_free_func (GST_VIDEO_FRAME_PLANE_DATA (&mapped->video_frame, 0),
                                      (gsize)GST_VIDEO_FRAME_PLANE_STRIDE (&mapped->video_frame, 0) *
                                      GST_VIDEO_FRAME_HEIGHT (&mapped->video_frame),
                                      mapped_frame_free, mapped);
  return lineup_camera_frame_new (LINEUP_CAMERA_FORMAT_BGRA,
                                  GST_VIDEO_FRAME_WIDTH (&mapped->video_frame),
                                  GST_VIDEO_FRAME_HEIGHT (&mapped->video_frame),
                                  GST_VIDEO_FRAME_PLANE_STRIDE (&mapped->video_frame, 0), bytes);
}

/* The streaming thread: leaves @frame in the slot for the main loop. */
static void
post_frame (LineupCameraStream *self,
            LineupCameraFrame  *frame)
{
  LineupCameraFrame *old = NULL;
  gboolean schedule;

  g_mutex_lock (&self->lock);
  old = g_steal_pointer (&self->pending);
  self->pending = frame;
  if (old != NULL)
    self->dropped++;
  schedule = !self->scheduled;
  self->scheduled = TRUE;
  g_mutex_unlock (&self->lock);

  g_clear_pointer (&old, lineup_camera_frame_unref);
  if (schedule)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      /* After input, before the redraw that shows it */
      g_source_set_priority (source, G_PRIORITY_HIGH_IDLE);
      g_source_set_callback (source, deliver_pending, stream_ref (self), stream_unref);
      g_source_set_static_name (source, "[lineup] camera frame");
      g_source_attach (source, self->context);
    }
}

static GstFlowReturn
on_new_sample (GstAppSink *sink,
               gpointer    user_data)
{
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  LineupCameraFrame *frame;

  if (sample == NULL)
    return GST_FLOW_EOS;
  if (!(frame = frame_from_sample (sample)))
    return GST_FLOW_NOT_NEGOTIATED;
  post_frame (user_data, frame);
  return GST_FLOW_OK;
}

/* In front of an app's preview sink: the same frames, not copied */
static GstPadProbeReturn
on_preview_buffer (GstPad          *pad,
                   GstPadProbeInfo *info,
                   gpointer         user_data)
{
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  g_autoptr(GstSample) sample = NULL;
  LineupCameraFrame *frame;

  if (caps == NULL)
    return GST_PAD_PROBE_OK;
  sample = gst_sample_new (GST_PAD_PROBE_INFO_BUFFER (info), caps, NULL, NULL);
  if ((frame = frame_from_sample (sample)) != NULL)
    post_frame (user_data, frame);
  return GST_PAD_PROBE_OK;
}

/* Puts the app's sink where the preview's appsink is, before the
 * pipeline starts. */
static gboolean
use_preview_sink (LineupCameraStream *self,
                  GstElement         *pipeline)
{
  g_autoptr(GstElement) appsink = gst_bin_get_by_name (GST_BIN (pipeline), "lineup-preview");
  g_autoptr(GstElement) capsfilter = gst_bin_get_by_name (GST_BIN (pipeline), "lineup-preview-caps");
  g_autoptr(GstPad) pad = NULL;

  if (appsink == NULL || capsfilter == NULL || GST_OBJECT_PARENT (self->preview_sink) != NULL)
    return FALSE;
  gst_element_unlink (capsfilter, appsink);
  gst_bin_remove (GST_BIN (pipeline), appsink);
  gst_bin_add (GST_BIN (pipeline), g_object_ref (self->preview_sink));
  if (!gst_element_link (capsfilter, self->preview_sink))
    return FALSE;
  pad = gst_element_get_static_pad (self->preview_sink, "sink");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_preview_buffer, stream_ref (self), stream_unref);
  return TRUE;
}

/* Start and stop, in worker threads */

static void
shut_down (GstElement         *pipeline,
           LineupCameraDevice *device)
{
  /* Joins the streaming threads; a V4L2 device closes here. */
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
  _lineup_camera_device_release (device);
}

static GError *
pop_error (GstElement *pipeline)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;

  if (message == NULL)
    return _lineup_camera_error_new (LINEUP_CAMERA_ERROR_PIPELINE, NULL);
  gst_message_parse_error (message, &gst_error, &debug);
  return _lineup_camera_error_from_gst (gst_error, debug, FALSE);
}

/* Fit within the bounds, keeping the aspect: videoscale picks the size,
 * and never scales up. */
static void
set_bounds (GstElement *pipeline,
            int         width,
            int         height)
{
  g_autoptr(GstElement) capsfilter = gst_bin_get_by_name (GST_BIN (pipeline), "lineup-preview-caps");
  g_autoptr(GstCaps) caps = NULL;

  if (capsfilter == NULL)
    return;
  caps = gst_caps_new_simple ("video/x-raw",
                              "width", GST_TYPE_INT_RANGE, 2, MAX (2, width),
                              "height", GST_TYPE_INT_RANGE, 2, MAX (2, height),
                              "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1, NULL);
  g_object_set (capsfilter, "caps", caps, NULL);
}

static void
start_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  static GstAppSinkCallbacks callbacks = { .new_sample = on_new_sample };
  LineupCameraStream *self = task_data;
  g_autoptr(GstElement) sink = NULL;
  GstElement *pipeline;
  GError *error = NULL;
  gboolean stopped;
  int width, height;

  _lineup_camera_device_acquire (self->device);
  pipeline = _lineup_camera_device_create_pipeline (self->device,
                                                    self->preview ? LINEUP_CAMERA_TAIL_PREVIEW : LINEUP_CAMERA_TAIL,
                                                    &error);
  if (pipeline == NULL)
    {
      _lineup_camera_device_release (self->device);
      g_task_return_error (task, error);
      return;
    }
  if (self->preview)
    {
      g_mutex_lock (&self->lock);
      width = self->preview_width;
      height = self->preview_height;
      g_mutex_unlock (&self->lock);
      set_bounds (pipeline, width, height);
    }
  if (self->preview && self->preview_sink != NULL && !use_preview_sink (self, pipeline))
    {
      shut_down (pipeline, self->device);
      g_task_return_error (task, _lineup_camera_error_new (LINEUP_CAMERA_ERROR_PIPELINE,
                                                           "the preview sink does not link"));
      return;
    }
  if (!self->preview || self->preview_sink == NULL)
    {
      sink = gst_bin_get_by_name (GST_BIN (pipeline), self->preview ? "lineup-preview" : "lineup-sink");
      gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, stream_ref (self), stream_unref);
    }

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      error = pop_error (pipeline);
      shut_down (pipeline, self->device);
      g_task_return_error (task, error);
      return;
    }

  /* Stopped meanwhile: nobody wants this pipeline any more. */
  g_mutex_lock (&self->lock);
  stopped = self->stopped;
  if (!stopped)
    self->pipeline = pipeline;
  g_mutex_unlock (&self->lock);
  if (stopped)
    shut_down (pipeline, self->device);

  g_task_return_boolean (task, TRUE);
}

/**
 * _lineup_camera_stream_set_preview_sink:
 * @sink: a sink for the preview branch in place of its appsink, used once
 *
 * Before the start. The sink must take BGRA in system memory.
 */
void
_lineup_camera_stream_set_preview_sink (LineupCameraStream *self,
                                        GstElement         *sink)
{
  g_set_object (&self->preview_sink, sink);
}

/**
 * _lineup_camera_stream_start_async:
 *
 * Builds the pipeline and sets it playing. Frames go to the deliver
 * function given to _lineup_camera_stream_new(), on the main thread.
 */
void
_lineup_camera_stream_start_async (LineupCameraStream  *self,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);

  g_task_set_source_tag (task, _lineup_camera_stream_start_async);
  g_task_set_task_data (task, stream_ref (self), stream_unref);
  _lineup_camera_run_in_thread (task, start_thread);
}

gboolean
_lineup_camera_stream_start_finish (LineupCameraStream  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * _lineup_camera_stream_get_bus:
 *
 * Returns: (transfer full) (nullable): the pipeline's bus, once started
 */
GstBus *
_lineup_camera_stream_get_bus (LineupCameraStream *self)
{
  GstBus *bus = NULL;

  g_mutex_lock (&self->lock);
  if (self->pipeline != NULL)
    bus = gst_element_get_bus (self->pipeline);
  g_mutex_unlock (&self->lock);
  return bus;
}

/**
 * _lineup_camera_stream_pull_frame:
 *
 * With a preview branch: the newest full frame, if one came since the
 * last call. Does not block.
 *
 * Returns: (transfer full) (nullable): a frame
 */
LineupCameraFrame *
_lineup_camera_stream_pull_frame (LineupCameraStream *self)
{
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstSample) sample = NULL;

  g_mutex_lock (&self->lock);
  if (self->preview && self->pipeline != NULL)
    sink = gst_bin_get_by_name (GST_BIN (self->pipeline), "lineup-sink");
  g_mutex_unlock (&self->lock);

  if (sink == NULL || !(sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), 0)))
    return NULL;
  return frame_from_sample (sample);
}

/**
 * _lineup_camera_stream_set_preview_size:
 *
 * Scales the preview branch's frames to fit @width × @height; videoscale
 * renegotiates on the fly, the full branch is not touched.
 */
void
_lineup_camera_stream_set_preview_size (LineupCameraStream *self,
                                        int                 width,
                                        int                 height)
{
  g_autoptr(GstElement) pipeline = NULL;

  g_mutex_lock (&self->lock);
  self->preview_width = width;
  self->preview_height = height;
  if (self->pipeline != NULL)
    pipeline = g_object_ref (self->pipeline);
  g_mutex_unlock (&self->lock);
  if (pipeline != NULL)
    set_bounds (pipeline, width, height);
}

static void
stop_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LineupCameraStream *self = task_data;
  GstElement *pipeline;

  g_mutex_lock (&self->lock);
  pipeline = g_steal_pointer (&self->pipeline);
  g_mutex_unlock (&self->lock);
  if (pipeline != NULL)
    shut_down (pipeline, self->device);
  g_task_return_boolean (task, TRUE);
}

/**
 * _lineup_camera_stream_stop:
 *
 * Delivers nothing more and releases the device in a worker thread (or
 * as soon as a start still running ends). Drops the caller's reference.
 */
void
_lineup_camera_stream_stop (LineupCameraStream *self)
{
  g_autoptr(GTask) task = NULL;
  gboolean started;

  self->owner = NULL;
  g_mutex_lock (&self->lock);
  self->stopped = TRUE;
  started = self->pipeline != NULL;
  g_mutex_unlock (&self->lock);

  if (started)
    {
      task = g_task_new (NULL, NULL, NULL, NULL);
      g_task_set_source_tag (task, _lineup_camera_stream_stop);
      g_task_set_task_data (task, stream_ref (self), stream_unref);
      _lineup_camera_run_in_thread (task, stop_thread);
    }
  stream_unref (self);
}
