/* lineup-camera-device.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-camera"

#include "config.h"

#include <unistd.h>
#include <glib/gi18n.h>
#include <gio/gunixsocketaddress.h>

#include "lineup-camera-private.h"

/* A camera the user can pick: a GstDevice found by the device monitor (or
 * on the camera portal's PipeWire remote), or a gst-launch description of
 * a source (the test-pipeline override, a bare v4l2src). It knows how to
 * make its source element; LineupCamera builds the rest of the pipeline. */
struct _LineupCameraDevice
{
  GObject    parent_instance;
  char      *id;
  char      *display_name;
  char      *description;
  GstDevice *device;
  int        fd;           /* the Camera portal's PipeWire remote, our copy */
  gboolean   connected;

  /* A pipeline is torn down in a worker thread; the next one waits for
   * it, or a camera that allows one user at a time reports "busy". */
  GMutex     lock;
  GCond      released;
  guint      users;
};

G_DEFINE_FINAL_TYPE (LineupCameraDevice, lineup_camera_device, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_CONNECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lineup_camera_device_finalize (GObject *object)
{
  LineupCameraDevice *self = (LineupCameraDevice *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_object (&self->device);
  if (self->fd >= 0)
    close (self->fd);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->released);

  G_OBJECT_CLASS (lineup_camera_device_parent_class)->finalize (object);
}

static void
lineup_camera_device_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LineupCameraDevice *self = LINEUP_CAMERA_DEVICE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_camera_device_class_init (LineupCameraDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_camera_device_finalize;
  object_class->get_property = lineup_camera_device_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_camera_device_init (LineupCameraDevice *self)
{
  self->fd = -1;
  self->connected = TRUE;
  g_mutex_init (&self->lock);
  g_cond_init (&self->released);
}

/* A name that stays the same when the camera is plugged in again, for
 * the camera-device setting. */
static char *
device_id (GstDevice *device)
{
  static const char * const keys[] = { "node.name", "api.v4l2.path", "device.path", "object.path" };
  g_autoptr(GstStructure) props = gst_device_get_properties (device);

  for (guint i = 0; props != NULL && i < G_N_ELEMENTS (keys); i++)
    {
      const char *value = gst_structure_get_string (props, keys[i]);

      if (value != NULL && *value != '\0')
        return g_strdup (value);
    }
  return gst_device_get_display_name (device);
}

LineupCameraDevice *
_lineup_camera_device_new_for_gst (GstDevice *device)
{
  LineupCameraDevice *self = g_object_new (LINEUP_TYPE_CAMERA_DEVICE, NULL);

  self->device = g_object_ref (device);
  self->id = device_id (device);
  self->display_name = gst_device_get_display_name (device);
  return self;
}

/**
 * _lineup_camera_device_new_for_portal:
 * @fd: the Camera portal's PipeWire remote; the device keeps a copy
 */
LineupCameraDevice *
_lineup_camera_device_new_for_portal (int fd)
{
  LineupCameraDevice *self = g_object_new (LINEUP_TYPE_CAMERA_DEVICE, NULL);

  self->id = g_strdup ("portal");
  self->display_name = g_strdup (_("Camera"));
  self->fd = dup (fd);
  return self;
}

LineupCameraDevice *
_lineup_camera_device_new_for_description (const char *id,
                                           const char *display_name,
                                           const char *description)
{
  LineupCameraDevice *self = g_object_new (LINEUP_TYPE_CAMERA_DEVICE, NULL);

  self->id = g_strdup (id);
  self->display_name = g_strdup (display_name);
  self->description = g_strdup (description);
  return self;
}

/**
 * lineup_camera_device_new_for_pipeline:
 * @description: a gst-launch description whose last element sends raw
 *   video, such as `videotestsrc is-live=true`
 *
 * A test source in place of a camera (the camera-pipeline setting,
 * LINEUP_CAMERA_PIPELINE, lineup-cli capture --pipeline). It is parsed
 * only when a camera starts, so a bad description fails there.
 *
 * Returns: (transfer full): a device
 */
LineupCameraDevice *
lineup_camera_device_new_for_pipeline (const char *description)
{
  g_return_val_if_fail (description != NULL, NULL);

  return _lineup_camera_device_new_for_description ("pipeline", _("Test pipeline"), description);
}

const char *
lineup_camera_device_get_id (LineupCameraDevice *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA_DEVICE (self), NULL);
  return self->id;
}

const char *
lineup_camera_device_get_display_name (LineupCameraDevice *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA_DEVICE (self), NULL);
  return self->display_name;
}

/**
 * lineup_camera_device_get_connected:
 *
 * Returns: %FALSE once the monitor saw the device go away
 */
gboolean
lineup_camera_device_get_connected (LineupCameraDevice *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA_DEVICE (self), FALSE);
  return self->connected;
}

void
_lineup_camera_device_set_connected (LineupCameraDevice *self,
                                     gboolean            connected)
{
  if (self->connected == !!connected)
    return;
  self->connected = !!connected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

GstDevice *
_lineup_camera_device_get_gst_device (LineupCameraDevice *self)
{
  return self->device;
}

/* PipeWire 0.3.65's GStreamer plugin (Debian 12) corrupts the heap when
 * a pipewiresrc shares the default connection with the device provider;
 * one connection of its own per pipeline avoids it. The socket is kept
 * with the pipeline. */
static void
give_own_connection (GstElement *source,
                     GstElement *pipeline)
{
  const char *dir = g_getenv ("PIPEWIRE_RUNTIME_DIR");
  const char *remote = g_getenv ("PIPEWIRE_REMOTE");
  g_autofree char *path = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL || *dir == '\0')
    dir = g_get_user_runtime_dir ();
  path = g_build_filename (dir, remote && *remote ? remote : "pipewire-0", NULL);
  address = g_unix_socket_address_new (path);
  if (!(socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, 0, &error)) ||
      !g_socket_connect (socket, address, NULL, &error))
    {
      g_debug ("No connection of its own for pipewiresrc: %s", error->message);
      return;
    }
  g_object_set (source, "fd", g_socket_get_fd (socket), NULL);
  g_object_set_data_full (G_OBJECT (pipeline), "lineup-pipewire-socket", g_steal_pointer (&socket),
                          g_object_unref);
}

/**
 * _lineup_camera_device_create_pipeline:
 * @tail: the description of what follows the source
 *
 * Thread-safe.
 *
 * Returns: (transfer full) (nullable): a pipeline of the source and @tail
 */
GstElement *
_lineup_camera_device_create_pipeline (LineupCameraDevice  *self,
                                       const char          *tail,
                                       GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autofree char *description = NULL;
  GstElement *source;
  GstElement *rest;

  if (self->device == NULL)
    {
      /* One description: a source may end in caps ("... ! video/x-raw,width=640").
       * pipewiresrc makes its own copy of the portal's remote. */
      if (self->fd >= 0)
        description = g_strdup_printf ("pipewiresrc fd=%d ! %s", self->fd, tail);
      else
        description = g_strdup_printf ("%s ! %s", self->description, tail);
      pipeline = gst_parse_launch_full (description, NULL, GST_PARSE_FLAG_FATAL_ERRORS, &local_error);
      if (pipeline == NULL)
        {
          g_autofree char *detail = g_strdup_printf ("“%s”: %s", self->description, local_error->message);

          g_debug ("Could not parse the camera pipeline: %s", detail);
          g_propagate_error (error, _lineup_camera_error_new (LINEUP_CAMERA_ERROR_PIPELINE, detail));
          return NULL;
        }
      return g_steal_pointer (&pipeline);
    }

  if (!(source = gst_device_create_element (self->device, NULL)))
    {
      g_propagate_error (error, _lineup_camera_error_new (LINEUP_CAMERA_ERROR_PIPELINE, self->display_name));
      return NULL;
    }
  pipeline = gst_object_ref_sink (gst_pipeline_new (NULL));
  gst_bin_add (GST_BIN (pipeline), source);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (source), "fd") != NULL)
    give_own_connection (source, pipeline);

  if (!(rest = gst_parse_bin_from_description (tail, TRUE, &local_error)))
    {
      g_propagate_error (error, _lineup_camera_error_new (LINEUP_CAMERA_ERROR_PIPELINE, local_error->message));
      return NULL;
    }
  gst_bin_add (GST_BIN (pipeline), rest);
  if (!gst_element_link (source, rest))
    {
      g_propagate_error (error, _lineup_camera_error_new (LINEUP_CAMERA_ERROR_PIPELINE,
                                                          _("The camera sends no video Lineup can show.")));
      return NULL;
    }
  return g_steal_pointer (&pipeline);
}

/* Waits, in a worker thread, until the last pipeline on this device is
 * gone; gives up after a few seconds and lets the camera report busy. */
void
_lineup_camera_device_acquire (LineupCameraDevice *self)
{
  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  g_mutex_lock (&self->lock);
  while (self->users > 0)
    if (!g_cond_wait_until (&self->released, &self->lock, deadline))
      break;
  self->users++;
  g_mutex_unlock (&self->lock);
}

void
_lineup_camera_device_release (LineupCameraDevice *self)
{
  g_mutex_lock (&self->lock);
  if (self->users > 0)
    self->users--;
  g_cond_broadcast (&self->released);
  g_mutex_unlock (&self->lock);
}
