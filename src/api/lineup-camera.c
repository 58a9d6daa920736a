/* lineup-camera.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-camera"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-camera.h"
#include "lineup-camera-private.h"

/* One camera, running: the device's source, then LINEUP_CAMERA_TAIL, an
 * appsink whose frames reach the main thread as LineupCameraFrames. The
 * threads are in lineup-camera-stream.c; this is the main-thread side:
 * the bus, the watchdog, and what the app is told. Nothing here blocks. */

#define FIRST_FRAME_TIMEOUT_S 10
#define STALL_TIMEOUT_S       5

struct _LineupCamera
{
  GObject             parent_instance;
  LineupCameraDevice *device;
  LineupCameraStream *stream;
  GTask              *start_task;
  GCancellable       *cancellable;
  gulong              cancelled_id;
  GSource            *bus_source;
  guint               watchdog_id;
  gulong              connected_id;
  LineupCameraFrame  *frame;
  LineupCameraFrame  *full;          /* with a preview: the newest full frame */
  int                 preview_width;  /* the bounds asked for, 0: no preview */
  int                 preview_height;
  GstElement         *preview_sink;   /* for the next start only */
  guint64             n_frames;
  guint64             n_dropped;
  gint64              started_at;
  gint64              last_frame_at;
  guint               generation;
};

G_DEFINE_FINAL_TYPE (LineupCamera, lineup_camera, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DEVICE,
  PROP_RUNNING,
  N_PROPS
};

enum {
  FRAME,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void pull_full_frame (LineupCamera *self);

static void
disconnect_cancellable (LineupCamera *self)
{
  if (self->cancellable != NULL)
    g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  self->cancelled_id = 0;
  g_clear_object (&self->cancellable);
}

/* Stops everything and reports @error (taking it) to whoever waits. */
static void
fail (LineupCamera *self,
      GError       *error)
{
  g_autoptr(GError) owned = error;
  g_autoptr(GTask) task = g_steal_pointer (&self->start_task);

  g_object_ref (self);
  lineup_camera_stop (self);
  if (task != NULL)
    g_task_return_error (task, g_steal_pointer (&owned));
  else
    g_signal_emit (self, signals[FAILED], 0, owned);
  g_object_unref (self);
}

static void
deliver (gpointer           owner,
         LineupCameraFrame *frame)
{
  g_autoptr(LineupCamera) self = g_object_ref (owner);

  g_clear_pointer (&self->frame, lineup_camera_frame_unref);
  self->frame = frame;
  self->n_frames++;
  self->last_frame_at = g_get_monotonic_time ();

  if (self->n_frames == 1)
    {
      g_debug ("First frame from %s: %d×%d", lineup_camera_device_get_display_name (self->device),
               lineup_camera_frame_get_width (frame), lineup_camera_frame_get_height (frame));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
  if (self->start_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->start_task);

      disconnect_cancellable (self);
      g_task_return_boolean (task, TRUE);
    }
  g_signal_emit (self, signals[FRAME], 0, frame);
}

/* Preview */

/**
 * lineup_camera_set_preview_size:
 * @max_width: the width, in pixels, the preview is shown at, or 0 for
 *   full frames
 *
 * Set before starting, this adds a branch that scales the frames sent
 * by #LineupCamera::frame to fit @max_width × @max_height (never larger
 * than the camera's); lineup_camera_get_frame() still gives full frames.
 * Changed while running, it rescales the preview.
 */
void
lineup_camera_set_preview_size (LineupCamera *self,
                                int           max_width,
                                int           max_height)
{
  g_return_if_fail (LINEUP_IS_CAMERA (self));
  g_return_if_fail (max_width >= 0 && max_height >= 0);

  if (self->preview_width == max_width && self->preview_height == max_height)
    return;
  self->preview_width = max_height > 0 ? max_width : 0;
  self->preview_height = max_width > 0 ? max_height : 0;
  if (self->stream != NULL && self->preview_width > 0)
    _lineup_camera_stream_set_preview_size (self->stream, self->preview_width, self->preview_height);
}

void
_lineup_camera_set_preview_sink (LineupCamera *self,
                                 GstElement   *sink)
{
  g_set_object (&self->preview_sink, sink);
}

/**
 * lineup_camera_use_paintable_sink:
 *
 * Where GStreamer has `gtk4paintablesink` (the GNOME runtime does; Debian
 * 12 does not) and LINEUP_CAMERA_SINK is not "appsink", the next start's
 * preview goes to it, which draws without copying through the renderer.
 * Call it on the main thread, with a preview size set, before
 * lineup_camera_start_async(). #LineupCamera::frame still comes for every
 * preview frame.
 *
 * Returns: (transfer full) (nullable): the sink's GdkPaintable (a GObject
 *   here: this library knows no GTK), or %NULL to draw the frames yourself
 */
GObject *
lineup_camera_use_paintable_sink (LineupCamera *self)
{
  g_autoptr(GstElement) sink = NULL;
  GObject *paintable = NULL;

  g_return_val_if_fail (LINEUP_IS_CAMERA (self), NULL);

  if (g_strcmp0 (g_getenv ("LINEUP_CAMERA_SINK"), "appsink") == 0 ||
      !(sink = gst_element_factory_make ("gtk4paintablesink", NULL)))
    return NULL;
  gst_object_ref_sink (sink);
  g_object_get (sink, "paintable", &paintable, NULL);
  if (paintable == NULL)
    return NULL;
  g_debug ("Preview through gtk4paintablesink");
  _lineup_camera_set_preview_sink (self, sink);
  return paintable;
}

/* Bus and watchdog */

static void
pull_full_frame (LineupCamera *self)
{
  LineupCameraFrame *full;

  if (self->stream != NULL && (full = _lineup_camera_stream_pull_frame (self->stream)) != NULL)
    {
      g_clear_pointer (&self->full, lineup_camera_frame_unref);
      self->full = full;
    }
}

static void
flush_pending (LineupCamera *self)
{
  LineupCameraFrame *frame;

  /* A frame posted just before EOS or an error still counts. */
  if (self->stream != NULL && (frame = _lineup_camera_stream_take_pending (self->stream)) != NULL)
    deliver (self, frame);
}

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  g_autoptr(LineupCamera) self = g_object_ref (user_data);
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      flush_pending (self);
      if (self->stream != NULL)
        {
          gst_message_parse_error (message, &gst_error, &debug);
          fail (self, _lineup_camera_error_from_gst (gst_error, debug, self->n_frames > 0));
        }
      break;

    case GST_MESSAGE_EOS:
      flush_pending (self);
      if (self->stream != NULL)
        fail (self, g_error_new_literal (LINEUP_CAMERA_ERROR, LINEUP_CAMERA_ERROR_UNPLUGGED,
                                         _("The camera stopped sending pictures.")));
      break;

    case GST_MESSAGE_WARNING:
      gst_message_parse_warning (message, &gst_error, &debug);
      g_debug ("GStreamer warning: %s (%s)", gst_error->message, debug ? debug : "");
      break;

    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
watchdog (gpointer user_data)
{
  LineupCamera *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (self->n_frames == 0 && now - self->started_at > FIRST_FRAME_TIMEOUT_S * G_USEC_PER_SEC)
    {
      self->watchdog_id = 0;
      fail (self, g_error_new_literal (LINEUP_CAMERA_ERROR, LINEUP_CAMERA_ERROR_NO_CAMERA,
                                       _("The camera sent no picture.")));
      return G_SOURCE_REMOVE;
    }
  /* PipeWire says nothing when a camera goes away: its frames just stop. */
  if (self->n_frames > 0 && now - self->last_frame_at > STALL_TIMEOUT_S * G_USEC_PER_SEC)
    {
      self->watchdog_id = 0;
      fail (self, g_error_new_literal (LINEUP_CAMERA_ERROR, LINEUP_CAMERA_ERROR_UNPLUGGED,
                                       _("The camera stopped sending pictures.")));
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_device_connected (LineupCamera       *self,
                     GParamSpec         *pspec,
                     LineupCameraDevice *device)
{
  if (!lineup_camera_device_get_connected (device) && self->stream != NULL)
    fail (self, _lineup_camera_error_new (LINEUP_CAMERA_ERROR_UNPLUGGED, NULL));
}

/* GObject */

static void
lineup_camera_dispose (GObject *object)
{
  LineupCamera *self = (LineupCamera *)object;

  lineup_camera_stop (self);
  g_clear_pointer (&self->frame, lineup_camera_frame_unref);
  g_clear_pointer (&self->full, lineup_camera_frame_unref);
  g_clear_object (&self->preview_sink);

  G_OBJECT_CLASS (lineup_camera_parent_class)->dispose (object);
}

static void
lineup_camera_finalize (GObject *object)
{
  LineupCamera *self = (LineupCamera *)object;

  g_clear_object (&self->device);

  G_OBJECT_CLASS (lineup_camera_parent_class)->finalize (object);
}

static void
lineup_camera_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LineupCamera *self = LINEUP_CAMERA (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      g_value_set_object (value, self->device);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, lineup_camera_get_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_camera_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LineupCamera *self = LINEUP_CAMERA (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      self->device = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_camera_class_init (LineupCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lineup_camera_dispose;
  object_class->finalize = lineup_camera_finalize;
  object_class->get_property = lineup_camera_get_property;
  object_class->set_property = lineup_camera_set_property;

  properties[PROP_DEVICE] =
    g_param_spec_object ("device", NULL, NULL, LINEUP_TYPE_CAMERA_DEVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LineupCamera::frame:
   * @frame: the newest frame, scaled when a preview size is set
   *
   * On the main thread, at most once per main-loop iteration: frames that
   * arrived meanwhile were dropped.
   */
  signals[FRAME] =
    g_signal_new ("frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LINEUP_TYPE_CAMERA_FRAME | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * LineupCamera::failed:
   * @error: a %LINEUP_CAMERA_ERROR
   *
   * The running camera stopped (unplugged, stream error). The camera is
   * already released; lineup_camera_get_frame() keeps the last frame.
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
lineup_camera_init (LineupCamera *self)
{
}

/**
 * lineup_camera_new:
 *
 * Returns: (transfer full): a stopped camera
 */
LineupCamera *
lineup_camera_new (LineupCameraDevice *device)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA_DEVICE (device), NULL);

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  return g_object_new (LINEUP_TYPE_CAMERA, "device", device, NULL);
}

/**
 * lineup_camera_get_device:
 *
 * Returns: (transfer none): the device
 */
LineupCameraDevice *
lineup_camera_get_device (LineupCamera *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA (self), NULL);
  return self->device;
}

/* Start and stop */

typedef struct
{
  GWeakRef camera;
  guint    generation;
} StartWait;

static void
start_wait_free (StartWait *wait)
{
  g_weak_ref_clear (&wait->camera);
  g_free (wait);
}

static void
started_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  StartWait *wait = user_data;
  g_autoptr(LineupCamera) self = g_weak_ref_get (&wait->camera);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstBus) bus = NULL;
  guint generation = wait->generation;

  start_wait_free (wait);
  /* Stopped while starting: the stream cleans up after itself. */
  if (self == NULL || generation != self->generation || self->stream == NULL)
    return;

  if (!_lineup_camera_stream_start_finish (self->stream, result, &error))
    {
      fail (self, g_steal_pointer (&error));
      return;
    }

  /* Errors posted before the watch existed are still on the bus. */
  bus = _lineup_camera_stream_get_bus (self->stream);
  self->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_source, (GSourceFunc)(GCallback)on_bus_message, self, NULL);
  g_source_attach (self->bus_source, g_main_context_get_thread_default ());
  self->connected_id = g_signal_connect_object (self->device, "notify::connected",
                                                G_CALLBACK (on_device_connected), self, G_CONNECT_SWAPPED);
}

static gboolean
stop_idle (gpointer data)
{
  LineupCamera *self = data;

  /* Only the start that was cancelled, not a newer one */
  if (self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable))
    lineup_camera_stop (self);
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              LineupCamera *self)
{
  /* May run in any thread, and with the cancellable locked: stopping
   * here would deadlock in g_cancellable_disconnect(). Always later. */
  g_idle_add_full (G_PRIORITY_DEFAULT, stop_idle, g_object_ref (self), g_object_unref);
}

/**
 * lineup_camera_start_async:
 *
 * Opens the camera; finishes when the first frame arrived (the
 * #LineupCamera::frame signal for it follows at once) or it failed with a
 * %LINEUP_CAMERA_ERROR. Cancelling, or lineup_camera_stop(), ends it with
 * %G_IO_ERROR_CANCELLED.
 */
void
lineup_camera_start_async (LineupCamera        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  StartWait *wait;

  g_return_if_fail (LINEUP_IS_CAMERA (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  lineup_camera_stop (self);

  self->start_task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->start_task, lineup_camera_start_async);
  g_task_set_check_cancellable (self->start_task, FALSE);
  if (cancellable != NULL)
    {
      self->cancellable = g_object_ref (cancellable);
      self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self, NULL);
    }

  self->n_frames = 0;
  self->n_dropped = 0;
  self->started_at = g_get_monotonic_time ();
  g_clear_pointer (&self->full, lineup_camera_frame_unref);
  self->stream = _lineup_camera_stream_new (self->device, self->preview_width, self->preview_height,
                                            deliver, self);
  if (self->preview_sink != NULL && self->preview_width > 0)
    _lineup_camera_stream_set_preview_sink (self->stream, self->preview_sink);
  g_clear_object (&self->preview_sink);

  /* From now: a start that hangs in its thread fails here in time. */
  self->watchdog_id = g_timeout_add_seconds (1, watchdog, self);

  wait = g_new0 (StartWait, 1);
  g_weak_ref_init (&wait->camera, self);
  wait->generation = self->generation;
  _lineup_camera_stream_start_async (self->stream, started_cb, wait);
}

gboolean
lineup_camera_start_finish (LineupCamera  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lineup_camera_stop:
 *
 * Releases the camera at once (the pipeline shuts down in a worker
 * thread); no #LineupCamera::frame follows. The last frame stays.
 */
void
lineup_camera_stop (LineupCamera *self)
{
  gboolean was_running;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LINEUP_IS_CAMERA (self));

  was_running = lineup_camera_get_running (self);
  self->generation++;
  task = g_steal_pointer (&self->start_task);

  disconnect_cancellable (self);
  if (self->bus_source != NULL)
    {
      g_source_destroy (self->bus_source);
      g_clear_pointer (&self->bus_source, g_source_unref);
    }
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
  g_clear_signal_handler (&self->connected_id, self->device);
  if (self->stream != NULL)
    {
      pull_full_frame (self);   /* the last one, for a capture after the end */
      self->n_dropped += _lineup_camera_stream_get_dropped (self->stream);
      _lineup_camera_stream_stop (g_steal_pointer (&self->stream));
    }

  if (task != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Camera stopped");
  if (was_running)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/**
 * lineup_camera_get_running:
 *
 * Returns: whether frames are arriving (from the first one until it stops)
 */
gboolean
lineup_camera_get_running (LineupCamera *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA (self), FALSE);
  return self->stream != NULL && self->n_frames > 0;
}

/**
 * lineup_camera_get_frame:
 *
 * The frame to capture or search: full size even when a preview size is
 * set.
 *
 * Returns: (transfer none) (nullable): the newest frame, which stays
 *   after the camera stops
 */
LineupCameraFrame *
lineup_camera_get_frame (LineupCamera *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA (self), NULL);

  if (self->preview_width <= 0)
    return self->frame;
  pull_full_frame (self);
  return self->full ? self->full : self->frame;
}

guint64
lineup_camera_get_n_frames (LineupCamera *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA (self), 0);
  return self->n_frames;
}

/**
 * lineup_camera_get_n_dropped:
 *
 * Returns: how many frames were dropped because the main loop had not
 *   taken the one before
 */
guint64
lineup_camera_get_n_dropped (LineupCamera *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA (self), 0);
  return self->n_dropped + (self->stream ? _lineup_camera_stream_get_dropped (self->stream) : 0);
}
