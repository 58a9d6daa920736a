/* lineup-probe-pane-camera.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-probe-pane"

#include "config.h"

#include "lineup-probe-pane-private.h"

/* The photo area's camera page: probe.camera (Camera, Ctrl+Shift+C in
 * the window) turns the photo area into the live preview. A capture
 * becomes the probe as an opened file does, while the frozen frame stays
 * on the camera page with Retake beside it; closing the camera shows the
 * photo page (with its crop), and a photo opened meanwhile takes the
 * camera's place and releases it. */

gboolean
_lineup_probe_pane_camera_shown (LineupProbePane *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->image_stack), "camera") == 0;
}

/* Before another photo takes the photo area */
void
_lineup_probe_pane_leave_camera (LineupProbePane *self)
{
  if (_lineup_probe_pane_camera_shown (self))
    lineup_camera_view_stop (self->camera_view);
}

/**
 * lineup_probe_pane_show_camera:
 *
 * Turns the photo area into the live camera preview.
 */
void
lineup_probe_pane_show_camera (LineupProbePane *self)
{
  g_return_if_fail (LINEUP_IS_PROBE_PANE (self));

  _lineup_probe_pane_cancel_and_clear (&self->image_cancellable);
  _lineup_probe_pane_cancel_and_clear (&self->sample_cancellable);
  gtk_spinner_stop (self->image_spinner);
  lineup_image_notice_dismiss (self->notice);
  gtk_stack_set_visible_child_name (self->image_stack, "camera");
  lineup_camera_view_start (self->camera_view);
}

/**
 * lineup_probe_pane_get_camera_view:
 *
 * Returns: (transfer none): the camera page, for live mode's results
 */
LineupCameraView *
lineup_probe_pane_get_camera_view (LineupProbePane *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANE (self), NULL);
  return self->camera_view;
}

static void
camera_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  lineup_probe_pane_show_camera (LINEUP_PROBE_PANE (widget));
}

static void
on_captured (LineupProbePane *self,
             LineupImage     *image)
{
  _lineup_probe_pane_take_photo (self, image);
}

static void
on_closed (LineupProbePane *self)
{
  gtk_stack_set_visible_child_name (self->image_stack, self->source_image ? "image" : "empty");
}

void
_lineup_probe_pane_class_camera_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (LINEUP_TYPE_CAMERA_VIEW);
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, camera_view);
  gtk_widget_class_install_action (widget_class, "probe.camera", NULL, camera_action);
}

void
_lineup_probe_pane_camera_init (LineupProbePane *self)
{
  g_signal_connect_object (self->camera_view, "captured", G_CALLBACK (on_captured), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->camera_view, "closed", G_CALLBACK (on_closed), self, G_CONNECT_SWAPPED);
}
