/* lineup-camera-view-devices.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-camera-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-camera-view-private.h"

/* The camera view's cameras: the monitor that finds them, the selector
 * when there are several, and the camera that runs, from its start to
 * its failure. */

/* The camera */

/* The preview is scaled in GStreamer to the size it is drawn at, in
 * device pixels: drawing full frames into a small picture costs the
 * renderer several times more. */
static void
update_preview_size (LineupCameraView *self)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->picture));
  int width = gtk_widget_get_width (GTK_WIDGET (self->picture)) * scale;
  int height = gtk_widget_get_height (GTK_WIDGET (self->picture)) * scale;

  if (width <= 0 || height <= 0)
    {
      /* Not laid out yet: a size that suits the probe pane */
      width = 640 * scale;
      height = 480 * scale;
    }
  /* Not on every pixel of a window being resized */
  if (ABS (width - self->preview_width) < 16 && ABS (height - self->preview_height) < 16)
    return;
  self->preview_width = width;
  self->preview_height = height;
  if (self->camera != NULL)
    lineup_camera_set_preview_size (self->camera, width, height);
}

static void
on_frame (LineupCamera      *camera,
          LineupCameraFrame *frame,
          LineupCameraView  *self)
{
  lineup_camera_paintable_set_frame (self->paintable, frame);
  update_preview_size (self);
}

static void
on_camera_failed (LineupCamera     *camera,
                  const GError     *error,
                  LineupCameraView *self)
{
  _lineup_camera_view_show_error (self, error);
}

static void
camera_started_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LineupCameraView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lineup_camera_start_finish (LINEUP_CAMERA (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lineup_camera_view_show_error (self, error);
      return;
    }
  if (LINEUP_CAMERA (object) != self->camera)
    return;

  _lineup_camera_view_set_state (self, "preview");
  gtk_widget_grab_focus (GTK_WIDGET (self->capture_button));
  if (self->live_wanted)
    _lineup_camera_view_start_live (self);
}

static LineupCameraDevice *
chosen_device (LineupCameraView *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "camera-device");

  return lineup_camera_monitor_find (self->monitor, *id ? id : NULL);
}

static void
select_device (LineupCameraView   *self,
               LineupCameraDevice *device)
{
  GListModel *devices = lineup_camera_monitor_get_devices (self->monitor);
  guint n = g_list_model_get_n_items (devices);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupCameraDevice) item = g_list_model_get_item (devices, i);

      if (item == device)
        {
          self->selecting = TRUE;
          gtk_drop_down_set_selected (self->camera_selector, i);
          self->selecting = FALSE;
          break;
        }
    }
}

void
_lineup_camera_view_start_camera (LineupCameraView *self)
{
  LineupCameraDevice *device = chosen_device (self);
  g_autoptr(GObject) sink_paintable = NULL;

  _lineup_camera_view_release_camera (self);
  if (device == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (LINEUP_CAMERA_ERROR, LINEUP_CAMERA_ERROR_NO_CAMERA,
                                                     _("No camera was found."));
      _lineup_camera_view_show_error (self, error);
      return;
    }

  _lineup_camera_view_set_state (self, "starting");
  select_device (self, device);
  self->cancellable = g_cancellable_new ();
  self->camera = lineup_camera_new (device);
  self->preview_width = self->preview_height = 0;
  update_preview_size (self);
  /* gtk4paintablesink where GStreamer has it; our own textures elsewhere */
  sink_paintable = lineup_camera_use_paintable_sink (self->camera);
  lineup_camera_paintable_set_source (self->paintable, GDK_PAINTABLE (sink_paintable));
  g_signal_connect (self->camera, "frame", G_CALLBACK (on_frame), self);
  g_signal_connect (self->camera, "failed", G_CALLBACK (on_camera_failed), self);
  lineup_camera_start_async (self->camera, self->cancellable, camera_started_cb, g_object_ref (self));
}

/* Devices */

static void
monitor_started_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LineupCameraView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lineup_camera_monitor_start_finish (LINEUP_CAMERA_MONITOR (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lineup_camera_view_show_error (self, error);
      return;
    }
  g_clear_object (&self->cancellable);
  self->monitor_ready = TRUE;
  _lineup_camera_view_start_camera (self);
}

static void
on_devices_changed (GListModel       *devices,
                    guint             position,
                    guint             removed,
                    guint             added,
                    LineupCameraView *self)
{
  guint n = g_list_model_get_n_items (devices);

  gtk_widget_set_visible (GTK_WIDGET (self->camera_selector), n > 1);
  /* The camera the error page asks for was plugged in */
  if (n > 0 && self->monitor_ready && g_strcmp0 (self->state, "error") == 0 &&
      g_error_matches (self->error, LINEUP_CAMERA_ERROR, LINEUP_CAMERA_ERROR_NO_CAMERA))
    _lineup_camera_view_start_camera (self);
}

static void
on_device_selected (LineupCameraView *self)
{
  LineupCameraDevice *device = gtk_drop_down_get_selected_item (self->camera_selector);

  if (self->selecting || device == NULL || (self->camera && lineup_camera_get_device (self->camera) == device))
    return;
  g_settings_set_string (self->settings, "camera-device", lineup_camera_device_get_id (device));
  if (g_strcmp0 (self->state, "preview") == 0 || g_strcmp0 (self->state, "starting") == 0)
    _lineup_camera_view_start_camera (self);
}

static void
ensure_monitor (LineupCameraView *self)
{
  g_autofree char *pipeline = NULL;

  if (self->monitor != NULL)
    return;

  pipeline = lineup_camera_dup_pipeline_override (self->settings);
  self->monitor = lineup_camera_monitor_new (pipeline);
  gtk_drop_down_set_model (self->camera_selector, lineup_camera_monitor_get_devices (self->monitor));
  g_signal_connect_object (lineup_camera_monitor_get_devices (self->monitor), "items-changed",
                           G_CALLBACK (on_devices_changed), self, 0);
}

/**
 * lineup_camera_view_start:
 *
 * Finds the cameras (asking the camera portal inside Flatpak) and starts
 * the preview.
 */
void
lineup_camera_view_start (LineupCameraView *self)
{
  g_return_if_fail (LINEUP_IS_CAMERA_VIEW (self));

  _lineup_camera_view_release_camera (self);
  g_clear_error (&self->error);
  lineup_camera_paintable_set_frame (self->paintable, NULL);
  ensure_monitor (self);
  self->monitor_ready = FALSE;
  self->resume = FALSE;
  _lineup_camera_view_set_state (self, "starting");
  self->cancellable = g_cancellable_new ();
  lineup_camera_monitor_start_async (self->monitor, self->cancellable, monitor_started_cb, g_object_ref (self));
}

/**
 * lineup_camera_view_stop:
 *
 * Releases the camera; the view shows nothing more until started again.
 */
void
lineup_camera_view_stop (LineupCameraView *self)
{
  g_return_if_fail (LINEUP_IS_CAMERA_VIEW (self));

  _lineup_camera_view_release_camera (self);
  self->resume = FALSE;
  if (self->monitor != NULL)
    lineup_camera_monitor_stop (self->monitor);
  self->monitor_ready = FALSE;
  _lineup_camera_view_set_state (self, "idle");
}

void
_lineup_camera_view_devices_init (LineupCameraView *self)
{
  g_signal_connect_swapped (self->camera_selector, "notify::selected-item", G_CALLBACK (on_device_selected), self);
}
