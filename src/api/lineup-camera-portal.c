/* lineup-camera-portal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-camera"

#include "config.h"

#include <unistd.h>
#include <glib/gi18n.h>

#include "lineup-camera-private.h"

/* Where cameras are found: GstDeviceMonitor outside Flatpak, the Camera
 * portal's PipeWire remote inside.
 *
 * PipeWire 0.3.65's device provider (Debian 12) corrupts the heap some
 * time after a provider is stopped, so each process starts the device
 * monitor once and keeps it; LineupCameraMonitors only watch its bus.
 * For the same reason no provider runs on the portal's remote (there it
 * also breaks the pipewiresrc beside it): pipewiresrc takes the camera
 * the portal offers. */

G_LOCK_DEFINE_STATIC (shared);
static GstDeviceMonitor *shared_monitor;

/**
 * _lineup_camera_shared_monitor:
 *
 * Blocking (providers connect and probe): call it in a worker thread.
 *
 * Returns: (transfer none): the process's running device monitor
 */
GstDeviceMonitor *
_lineup_camera_shared_monitor (void)
{
  GstDeviceMonitor *monitor;

  G_LOCK (shared);
  if (shared_monitor == NULL)
    {
      shared_monitor = gst_device_monitor_new ();
      gst_device_monitor_add_filter (shared_monitor, "Video/Source", NULL);
      if (!gst_device_monitor_start (shared_monitor))
        g_debug ("The device monitor found no provider to start");
    }
  monitor = shared_monitor;
  G_UNLOCK (shared);
  return monitor;
}

/* The Camera portal */

typedef struct
{
  XdpPortal *portal;
} PortalData;

static void
portal_data_free (gpointer data)
{
  PortalData *portal_data = data;

  g_clear_object (&portal_data->portal);
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
  int fd;

  /* A synchronous D-Bus call */
  fd = xdp_portal_open_pipewire_remote_for_camera (portal_data->portal);
  if (fd < 0)
    g_task_return_error (task, _lineup_camera_error_new (LINEUP_CAMERA_ERROR_PERMISSION_DENIED,
                                                         _("The camera portal gave no PipeWire connection.")));
  else
    g_task_return_int (task, fd);
}

static void
remote_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  int fd;

  if ((fd = g_task_propagate_int (G_TASK (result), &error)) < 0)
    g_task_return_error (task, error);
  else if (g_task_return_error_if_cancelled (task))
    close (fd);
  else
    g_task_return_int (task, fd);
}

static void
access_camera_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) thread_task = NULL;

  if (!xdp_portal_access_camera_finish (XDP_PORTAL (object), result, &error))
    {
      g_debug ("Camera portal refused: %s", error->message);
      /* A refusal also comes back as G_IO_ERROR_CANCELLED. */
      if (!g_task_return_error_if_cancelled (task))
        g_task_return_error (task, _lineup_camera_error_new (LINEUP_CAMERA_ERROR_PERMISSION_DENIED, NULL));
      return;
    }

  thread_task = g_task_new (NULL, NULL, remote_opened_cb, g_object_ref (task));
  g_task_set_task_data (thread_task, g_task_get_task_data (task), NULL);
  g_task_run_in_thread (thread_task, open_remote_thread);
}

static void
camera_present_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PortalData *portal_data = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    {
      g_task_return_error (task, _lineup_camera_error_new (LINEUP_CAMERA_ERROR_NO_CAMERA, NULL));
      return;
    }

  /* May show the user a dialog; the answer is remembered. */
  xdp_portal_access_camera (portal_data->portal, NULL, XDP_CAMERA_FLAG_NONE, g_task_get_cancellable (task),
                            access_camera_cb, g_object_ref (task));
}

/**
 * _lineup_camera_portal_open_async:
 *
 * Checks that the portal knows a camera, asks for access, and opens a
 * PipeWire remote that shows the cameras the portal lets us use.
 */
void
_lineup_camera_portal_open_async (XdpPortal           *portal,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GTask) thread_task = NULL;
  PortalData *portal_data = g_new0 (PortalData, 1);

  g_task_set_source_tag (task, _lineup_camera_portal_open_async);
  portal_data->portal = g_object_ref (portal);
  g_task_set_task_data (task, portal_data, portal_data_free);

  thread_task = g_task_new (NULL, NULL, camera_present_cb, g_object_ref (task));
  g_task_set_task_data (thread_task, portal_data, NULL);
  g_task_run_in_thread (thread_task, camera_present_thread);
}

/**
 * _lineup_camera_portal_open_finish:
 *
 * Returns: the remote's file descriptor, which the caller closes, or -1
 *   with %LINEUP_CAMERA_ERROR_NO_CAMERA or _PERMISSION_DENIED
 */
int
_lineup_camera_portal_open_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}
