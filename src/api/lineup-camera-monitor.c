/* lineup-camera-monitor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-camera"

#include "config.h"

#include <unistd.h>
#include <glib/gi18n.h>

#include "lineup-camera-monitor.h"
#include "lineup-camera-private.h"

/* The cameras there are, kept up to date while the monitor runs.
 *
 * Outside Flatpak that is GstDeviceMonitor's Video/Source list (PipeWire
 * and V4L2 providers), or, when no provider finds anything, a bare
 * v4l2src per /dev/video* node. Inside Flatpak the sandbox sees no device:
 * the Camera portal grants access and hands over a PipeWire remote with
 * the camera on it. A pipeline
 * override replaces all of it with one "device". */
struct _LineupCameraMonitor
{
  GObject             parent_instance;
  LineupCameraSource  source;
  char               *pipeline;
  GListStore         *devices;
  XdpPortal          *portal;
  GstBus             *bus;
  gulong              message_id;
  guint               generation;
};

G_DEFINE_FINAL_TYPE (LineupCameraMonitor, lineup_camera_monitor, G_TYPE_OBJECT)

#define PORTAL_ENV "LINEUP_CAMERA_PORTAL"

/**
 * lineup_camera_dup_pipeline_override:
 * @settings: (nullable): the app's settings, for `camera-pipeline`
 *
 * LINEUP_CAMERA_PIPELINE wins over the setting, so that a test or a demo
 * need not change anyone's settings.
 *
 * Returns: (transfer full) (nullable): a source description, or %NULL to
 *   use a real camera
 */
char *
lineup_camera_dup_pipeline_override (GSettings *settings)
{
  g_autofree char *env = g_strdup (g_getenv ("LINEUP_CAMERA_PIPELINE"));
  g_autofree char *value = NULL;

  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  if (env != NULL && *g_strstrip (env) != '\0')
    return g_steal_pointer (&env);
  if (settings == NULL)
    return NULL;
  value = g_strstrip (g_settings_get_string (settings, "camera-pipeline"));
  return *value != '\0' ? g_steal_pointer (&value) : NULL;
}

static void
lineup_camera_monitor_dispose (GObject *object)
{
  LineupCameraMonitor *self = (LineupCameraMonitor *)object;

  lineup_camera_monitor_stop (self);
  g_clear_object (&self->portal);

  G_OBJECT_CLASS (lineup_camera_monitor_parent_class)->dispose (object);
}

static void
lineup_camera_monitor_finalize (GObject *object)
{
  LineupCameraMonitor *self = (LineupCameraMonitor *)object;

  g_clear_object (&self->devices);
  g_clear_pointer (&self->pipeline, g_free);

  G_OBJECT_CLASS (lineup_camera_monitor_parent_class)->finalize (object);
}

static void
lineup_camera_monitor_class_init (LineupCameraMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lineup_camera_monitor_dispose;
  object_class->finalize = lineup_camera_monitor_finalize;
}

static void
lineup_camera_monitor_init (LineupCameraMonitor *self)
{
  self->devices = g_list_store_new (LINEUP_TYPE_CAMERA_DEVICE);
}

/**
 * lineup_camera_monitor_new:
 * @pipeline: (nullable): an override from
 *   lineup_camera_dup_pipeline_override(), or %NULL
 *
 * Returns: (transfer full): a monitor; call
 *   lineup_camera_monitor_start_async() to find the cameras
 */
LineupCameraMonitor *
lineup_camera_monitor_new (const char *pipeline)
{
  LineupCameraMonitor *self;

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);

  self = g_object_new (LINEUP_TYPE_CAMERA_MONITOR, NULL);
  if (pipeline != NULL && *pipeline != '\0')
    {
      self->source = LINEUP_CAMERA_SOURCE_PIPELINE;
      self->pipeline = g_strdup (pipeline);
    }
  else if (xdp_portal_running_under_flatpak () || g_strcmp0 (g_getenv (PORTAL_ENV), "1") == 0)
    self->source = LINEUP_CAMERA_SOURCE_PORTAL;
  else
    self->source = LINEUP_CAMERA_SOURCE_DEVICES;
  return self;
}

LineupCameraSource
lineup_camera_monitor_get_source (LineupCameraMonitor *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA_MONITOR (self), LINEUP_CAMERA_SOURCE_DEVICES);
  return self->source;
}

/**
 * lineup_camera_monitor_get_devices:
 *
 * Returns: (transfer none): a list of #LineupCameraDevice that follows
 *   cameras being plugged in and out
 */
GListModel *
lineup_camera_monitor_get_devices (LineupCameraMonitor *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA_MONITOR (self), NULL);
  return G_LIST_MODEL (self->devices);
}

/**
 * lineup_camera_monitor_find:
 * @id: (nullable): a device id, as the camera-device setting keeps it
 *
 * Returns: (transfer none) (nullable): the device with @id, or else the
 *   first one, or %NULL when there is none
 */
LineupCameraDevice *
lineup_camera_monitor_find (LineupCameraMonitor *self,
                            const char          *id)
{
  guint n;
  g_autoptr(LineupCameraDevice) first = NULL;

  g_return_val_if_fail (LINEUP_IS_CAMERA_MONITOR (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->devices));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupCameraDevice) device = g_list_model_get_item (G_LIST_MODEL (self->devices), i);

      if (i == 0)
        first = g_object_ref (device);
      if (id != NULL && g_strcmp0 (lineup_camera_device_get_id (device), id) == 0)
        return device;   /* the store keeps it alive */
    }
  return first;
}

static gboolean
find_gst_device (LineupCameraMonitor *self,
                 GstDevice           *gst_device,
                 guint               *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->devices));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupCameraDevice) device = g_list_model_get_item (G_LIST_MODEL (self->devices), i);

      if (_lineup_camera_device_get_gst_device (device) == gst_device)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
add_gst_device (LineupCameraMonitor *self,
                GstDevice           *gst_device)
{
  g_autoptr(LineupCameraDevice) device = NULL;
  guint position;

  if (!gst_device_has_classes (gst_device, "Video/Source") || find_gst_device (self, gst_device, &position))
    return;
  device = _lineup_camera_device_new_for_gst (gst_device);
  g_debug ("Camera added: %s (%s)", lineup_camera_device_get_display_name (device),
           lineup_camera_device_get_id (device));
  g_list_store_append (self->devices, device);
}

static void
on_bus_message (GstBus              *bus,
                GstMessage          *message,
                LineupCameraMonitor *self)
{
  g_autoptr(GstDevice) gst_device = NULL;
  guint position;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_DEVICE_ADDED:
      gst_message_parse_device_added (message, &gst_device);
      add_gst_device (self, gst_device);
      break;

    case GST_MESSAGE_DEVICE_REMOVED:
      gst_message_parse_device_removed (message, &gst_device);
      if (find_gst_device (self, gst_device, &position))
        {
          g_autoptr(LineupCameraDevice) device = g_list_model_get_item (G_LIST_MODEL (self->devices), position);

          g_debug ("Camera removed: %s", lineup_camera_device_get_display_name (device));
          _lineup_camera_device_set_connected (device, FALSE);
          g_list_store_remove (self->devices, position);
        }
      break;

    default:
      break;
    }
}

/* Takes @bus */
static void
watch_bus (LineupCameraMonitor *self,
           GstBus              *bus)
{
  /* The bus is shared by every monitor in the process: a signal watch
   * hands each message to all of them. */
  self->bus = bus;
  gst_bus_add_signal_watch (bus);
  self->message_id = g_signal_connect (bus, "message", G_CALLBACK (on_bus_message), self);
}

static void
add_devices (LineupCameraMonitor *self,
             GList               *gst_devices)
{
  for (GList *l = gst_devices; l != NULL; l = l->next)
    add_gst_device (self, l->data);
}

/* No provider found a camera: try the V4L2 nodes there are, through
 * v4l2src, in case the V4L2 provider is missing or misses one. */
static void
add_v4l2_fallback (LineupCameraMonitor *self)
{
  g_autoptr(GstElementFactory) factory = gst_element_factory_find ("v4l2src");
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (factory == NULL || !(dir = g_dir_open ("/dev", 0, NULL)))
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "video"))
      g_ptr_array_add (nodes, g_build_filename ("/dev", name, NULL));
  g_ptr_array_sort (nodes, (GCompareFunc)(GCallback)g_strcmp0);

  for (guint i = 0; i < nodes->len; i++)
    {
      const char *path = g_ptr_array_index (nodes, i);
      g_autofree char *description = g_strdup_printf ("v4l2src device=%s", path);
      /* Translators: %s is a device file such as /dev/video0 */
      g_autofree char *display_name = g_strdup_printf (_("Camera (%s)"), path);
      g_autoptr(LineupCameraDevice) device =
        _lineup_camera_device_new_for_description (path, display_name, description);

      g_list_store_append (self->devices, device);
    }
}

static void
return_devices (LineupCameraMonitor *self,
                GTask               *task)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->devices)) == 0)
    g_task_return_error (task, _lineup_camera_error_new (LINEUP_CAMERA_ERROR_NO_CAMERA, NULL));
  else
    g_task_return_boolean (task, TRUE);
}

/* A start whose answer came after a stop or a newer start */
static gboolean
is_stale (GTask *task)
{
  LineupCameraMonitor *self = g_task_get_source_object (task);

  if (GPOINTER_TO_UINT (g_task_get_task_data (task)) == self->generation)
    return FALSE;
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Stopped");
  return TRUE;
}

/* Outside Flatpak */

static void
start_monitor_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_task_return_pointer (task, _lineup_camera_shared_monitor (), NULL);
}

static void
monitor_started_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LineupCameraMonitor *self = g_task_get_source_object (task);
  GstDeviceMonitor *monitor = g_task_propagate_pointer (G_TASK (result), NULL);
  GList *gst_devices;

  if (is_stale (task) || g_task_return_error_if_cancelled (task))
    return;

  watch_bus (self, gst_device_monitor_get_bus (monitor));
  gst_devices = gst_device_monitor_get_devices (monitor);
  add_devices (self, gst_devices);
  g_list_free_full (gst_devices, gst_object_unref);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->devices)) == 0)
    add_v4l2_fallback (self);
  return_devices (self, task);
}

/* Inside Flatpak */

static void
portal_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LineupCameraMonitor *self = g_task_get_source_object (task);
  g_autoptr(LineupCameraDevice) device = NULL;
  GError *error = NULL;
  int fd;

  fd = _lineup_camera_portal_open_finish (result, &error);
  if (is_stale (task))
    {
      g_clear_error (&error);
      if (fd >= 0)
        close (fd);
      return;
    }
  if (fd < 0)
    {
      g_task_return_error (task, error);
      return;
    }

  /* pipewiresrc takes the camera the portal offers (see lineup-camera-portal.c). */
  device = _lineup_camera_device_new_for_portal (fd);
  close (fd);
  g_list_store_append (self->devices, device);
  return_devices (self, task);
}

/**
 * lineup_camera_monitor_start_async:
 *
 * Finds the cameras; inside Flatpak this asks the camera portal for
 * access, which may show the user a dialog. Fails with
 * %LINEUP_CAMERA_ERROR_NO_CAMERA when none is found (the monitor still
 * runs, so a camera plugged in later appears in the list) or
 * %LINEUP_CAMERA_ERROR_PERMISSION_DENIED.
 */
void
lineup_camera_monitor_start_async (LineupCameraMonitor *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LINEUP_IS_CAMERA_MONITOR (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  lineup_camera_monitor_stop (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_camera_monitor_start_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (self->generation), NULL);

  switch (self->source)
    {
    case LINEUP_CAMERA_SOURCE_PIPELINE:
      {
        g_autoptr(LineupCameraDevice) device = lineup_camera_device_new_for_pipeline (self->pipeline);

        g_list_store_append (self->devices, device);
        g_task_return_boolean (task, TRUE);
      }
      break;

    case LINEUP_CAMERA_SOURCE_PORTAL:
      if (self->portal == NULL)
        self->portal = xdp_portal_new ();
      _lineup_camera_portal_open_async (self->portal, cancellable, portal_opened_cb, g_object_ref (task));
      break;

    case LINEUP_CAMERA_SOURCE_DEVICES:
    default:
      {
        g_autoptr(GTask) thread_task = g_task_new (NULL, NULL, monitor_started_cb, g_object_ref (task));

        _lineup_camera_run_in_thread (thread_task, start_monitor_thread);
      }
      break;
    }
}

gboolean
lineup_camera_monitor_start_finish (LineupCameraMonitor  *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lineup_camera_monitor_stop:
 *
 * Stops following devices and empties the list; every device in it
 * reports itself disconnected.
 */
void
lineup_camera_monitor_stop (LineupCameraMonitor *self)
{
  guint n;

  g_return_if_fail (LINEUP_IS_CAMERA_MONITOR (self));

  self->generation++;
  if (self->bus != NULL)
    {
      g_clear_signal_handler (&self->message_id, self->bus);
      gst_bus_remove_signal_watch (self->bus);
      gst_clear_object (&self->bus);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->devices));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupCameraDevice) device = g_list_model_get_item (G_LIST_MODEL (self->devices), i);

      if (self->source != LINEUP_CAMERA_SOURCE_PIPELINE)
        _lineup_camera_device_set_connected (device, FALSE);
    }
  g_list_store_remove_all (self->devices);
}
