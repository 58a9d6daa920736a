/* lineup-camera-monitor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-camera"

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <libportal/portal.h>

#include "lineup-camera-monitor.h"
#include "lineup-camera-private.h"

/* The cameras there are, kept up to date while the monitor runs.
 *
 * Outside Flatpak that is GstDeviceMonitor's Video/Source list (PipeWire
 * and V4L2 providers), or, when no provider finds anything, a bare
 * v4l2src per /dev/video* node. Inside Flatpak the sandbox sees no device:
 * the Camera portal grants access and hands over a PipeWire remote, and
 * the PipeWire provider lists the cameras on that remote. A pipeline
 * override replaces all of it with one "device". */
struct _LineupCameraMonitor
{
  GObject             parent_instance;
  LineupCameraSource  source;
  char               *pipeline;
  GListStore         *devices;
  GstDeviceMonitor   *monitor;
  GstDeviceProvider  *provider;
  XdpPortal          *portal;
  int                 fd;
  guint               bus_watch;
  gboolean            starting;
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
  const char *env = g_getenv ("LINEUP_CAMERA_PIPELINE");
  g_autofree char *value = NULL;

  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  if (env != NULL && *g_strstrip (g_strdup (env)) != '\0')
    return g_strstrip (g_strdup (env));
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
  self->fd = -1;
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
  device = _lineup_camera_device_new_for_gst (gst_device, self->fd);
  g_debug ("Camera added: %s (%s)", lineup_camera_device_get_display_name (device),
           lineup_camera_device_get_id (device));
  g_list_store_append (self->devices, device);
}

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  LineupCameraMonitor *self = user_data;
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
  return G_SOURCE_CONTINUE;
}

static void
watch_bus (LineupCameraMonitor *self,
           GstBus              *bus)
{
  g_autoptr(GSource) source = gst_bus_create_watch (bus);

  g_source_set_callback (source, (GSourceFunc)(GCallback)on_bus_message, self, NULL);
  self->bus_watch = g_source_attach (source, g_main_context_get_thread_default ());
  gst_object_unref (bus);
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

/* Outside Flatpak */

static void
start_monitor_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  /* Providers connect to PipeWire and probe devices: not on the main thread. */
  if (!gst_device_monitor_start (task_data))
    g_debug ("The device monitor found no provider to start");
  g_task_return_boolean (task, TRUE);
}

static void
monitor_started_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LineupCameraMonitor *self = g_task_get_source_object (task);
  GstDeviceMonitor *monitor = g_task_get_task_data (G_TASK (result));
  GList *gst_devices;

  /* Stopped, or started again, while the providers were starting */
  if (monitor != self->monitor)
    {
      gst_device_monitor_stop (monitor);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Stopped");
      return;
    }
  self->starting = FALSE;
  if (g_task_return_error_if_cancelled (task))
    {
      lineup_camera_monitor_stop (self);
      return;
    }

  gst_devices = gst_device_monitor_get_devices (self->monitor);
  add_devices (self, gst_devices);
  g_list_free_full (gst_devices, gst_object_unref);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->devices)) == 0)
    add_v4l2_fallback (self);
  watch_bus (self, gst_device_monitor_get_bus (self->monitor));
  return_devices (self, task);
}

static void
start_devices (LineupCameraMonitor *self,
               GTask               *task)
{
  g_autoptr(GTask) thread_task = NULL;

  self->monitor = gst_device_monitor_new ();
  gst_device_monitor_add_filter (self->monitor, "Video/Source", NULL);

  self->starting = TRUE;
  thread_task = g_task_new (NULL, NULL, monitor_started_cb, g_object_ref (task));
  g_task_set_task_data (thread_task, g_object_ref (self->monitor), g_object_unref);
  g_task_run_in_thread (thread_task, start_monitor_thread);
}

/* Inside Flatpak: the Camera portal */

typedef struct
{
  XdpPortal         *portal;
  GstDeviceProvider *provider;
  int                fd;
  GList             *devices;
} PortalData;

static void
portal_data_free (gpointer data)
{
  PortalData *portal_data = data;

  g_clear_object (&portal_data->portal);
  g_clear_object (&portal_data->provider);
  if (portal_data->fd >= 0)
    close (portal_data->fd);
  g_list_free_full (portal_data->devices, gst_object_unref);
  g_free (portal_data);
}

static void
camera_present_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  PortalData *portal_data = task_data;

  /* A synchronous D-Bus property read */
  g_task_return_boolean (task, xdp_portal_is_camera_present (portal_data->portal));
}

static void
open_remote_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  PortalData *portal_data = task_data;
  g_autoptr(GstDeviceProviderFactory) factory = NULL;

  portal_data->fd = xdp_portal_open_pipewire_remote_for_camera (portal_data->portal);
  if (portal_data->fd < 0)
    {
      g_task_return_error (task, _lineup_camera_error_new (LINEUP_CAMERA_ERROR_PERMISSION_DENIED,
                                                           _("The camera portal gave no PipeWire connection.")));
      return;
    }

  /* The remote shows only the cameras the portal lets us use. */
  factory = gst_device_provider_factory_find ("pipewiredeviceprovider");
  if (factory != NULL && (portal_data->provider = gst_device_provider_factory_get (factory)) != NULL &&
      g_object_class_find_property (G_OBJECT_GET_CLASS (portal_data->provider), "fd") != NULL)
    {
      g_object_set (portal_data->provider, "fd", portal_data->fd, NULL);
      if (gst_device_provider_start (portal_data->provider))
        portal_data->devices = gst_device_provider_get_devices (portal_data->provider);
      else
        g_clear_object (&portal_data->provider);
    }
  else
    g_clear_object (&portal_data->provider);

  g_task_return_boolean (task, TRUE);
}

static void
remote_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LineupCameraMonitor *self = g_task_get_source_object (task);
  PortalData *portal_data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      if (portal_data->provider != NULL)
        gst_device_provider_stop (portal_data->provider);
      return;
    }

  self->fd = g_steal_fd (&portal_data->fd);
  self->provider = g_steal_pointer (&portal_data->provider);
  add_devices (self, portal_data->devices);
  if (self->provider != NULL)
    watch_bus (self, gst_device_provider_get_bus (self->provider));

  /* No provider to list them: let pipewiresrc pick the default camera. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->devices)) == 0 && self->provider == NULL)
    {
      g_autofree char *description = g_strdup_printf ("pipewiresrc fd=%d", self->fd);
      g_autoptr(LineupCameraDevice) device =
        _lineup_camera_device_new_for_description ("portal", _("Camera"), description);

      g_list_store_append (self->devices, device);
    }
  return_devices (self, task);
}

static void
access_camera_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) thread_task = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  PortalData *portal_data;

  if (!xdp_portal_access_camera_finish (XDP_PORTAL (object), result, &error))
    {
      /* A refusal also comes back as G_IO_ERROR_CANCELLED. */
      if (g_cancellable_is_cancelled (cancellable))
        g_task_return_error_if_cancelled (task);
      else
        g_task_return_error (task, _lineup_camera_error_new (LINEUP_CAMERA_ERROR_PERMISSION_DENIED, NULL));
      g_debug ("Camera portal refused: %s", error->message);
      return;
    }

  portal_data = g_new0 (PortalData, 1);
  portal_data->portal = g_object_ref (XDP_PORTAL (object));
  portal_data->fd = -1;
  thread_task = g_task_new (NULL, NULL, remote_opened_cb, g_object_ref (task));
  g_task_set_task_data (thread_task, portal_data, portal_data_free);
  g_task_run_in_thread (thread_task, open_remote_thread);
}

static void
camera_present_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LineupCameraMonitor *self = g_task_get_source_object (task);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    {
      g_task_return_error (task, _lineup_camera_error_new (LINEUP_CAMERA_ERROR_NO_CAMERA, NULL));
      return;
    }

  xdp_portal_access_camera (self->portal, NULL, XDP_CAMERA_FLAG_NONE, g_task_get_cancellable (task),
                            access_camera_cb, g_object_ref (task));
}

static void
start_portal (LineupCameraMonitor *self,
              GTask               *task)
{
  g_autoptr(GTask) thread_task = NULL;
  PortalData *portal_data;

  if (self->portal == NULL)
    self->portal = xdp_portal_new ();

  portal_data = g_new0 (PortalData, 1);
  portal_data->portal = g_object_ref (self->portal);
  portal_data->fd = -1;
  thread_task = g_task_new (NULL, NULL, camera_present_cb, g_object_ref (task));
  g_task_set_task_data (thread_task, portal_data, portal_data_free);
  g_task_run_in_thread (thread_task, camera_present_thread);
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

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_camera_monitor_start_async);

  lineup_camera_monitor_stop (self);

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
      start_portal (self, task);
      break;
    case LINEUP_CAMERA_SOURCE_DEVICES:
    default:
      start_devices (self, task);
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

  if (self->bus_watch != 0)
    {
      GSource *source = g_main_context_find_source_by_id (g_main_context_get_thread_default (),
                                                          self->bus_watch);
      if (source != NULL)
        g_source_destroy (source);
      self->bus_watch = 0;
    }
  /* A monitor still starting in its thread is stopped when it is done. */
  if (self->monitor != NULL && !self->starting)
    gst_device_monitor_stop (self->monitor);
  g_clear_object (&self->monitor);
  if (self->provider != NULL)
    gst_device_provider_stop (self->provider);
  g_clear_object (&self->provider);
  if (self->fd >= 0)
    close (g_steal_fd (&self->fd));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->devices));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupCameraDevice) device = g_list_model_get_item (G_LIST_MODEL (self->devices), i);

      if (self->source != LINEUP_CAMERA_SOURCE_PIPELINE)
        _lineup_camera_device_set_connected (device, FALSE);
    }
  g_list_store_remove_all (self->devices);
}
