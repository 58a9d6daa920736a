/* lineup-camera-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-camera-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-camera-view-private.h"
#include "lineup-texture.h"
#include "lineup-toast.h"

/* The camera in the probe area: a live preview with Capture (Space),
 * Retake, a camera selector when there are several, a mirror toggle for
 * the preview only, and live mode (lineup-camera-view-live.c). Every
 * failure gets its own message and a way on.
 *
 * The camera is held only while the preview shows: Capture, Close, an
 * error, the view leaving the screen (page switch, window hidden) or the
 * window being minimized release it; coming back restarts it. */

G_DEFINE_FINAL_TYPE (LineupCameraView, lineup_camera_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STATE,
  PROP_MIRROR,
  PROP_LIVE,
  N_PROPS
};

enum {
  CAPTURED,
  LIVE_RESULT,
  CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_lineup_camera_view_set_state (LineupCameraView *self,
                               const char       *state)
{
  if (g_strcmp0 (self->state, state) == 0)
    return;

  self->state = state;
  if (g_strcmp0 (state, "idle") != 0)
    gtk_stack_set_visible_child_name (self->stack, state);
  if (g_strcmp0 (state, "starting") == 0)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.capture", g_strcmp0 (state, "preview") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.retake", g_strcmp0 (state, "captured") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.retry", g_strcmp0 (state, "error") == 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
cancel (LineupCameraView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/* Lets go of the camera device; the last frame stays in the paintable. */
void
_lineup_camera_view_release_camera (LineupCameraView *self)
{
  _lineup_camera_view_stop_live (self);
  cancel (self);
  if (self->camera != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->camera, self);
      lineup_camera_stop (self->camera);
      g_clear_object (&self->camera);
    }
}

/* Failures */

void
_lineup_camera_view_show_error (LineupCameraView *self,
                                const GError     *error)
{
  const char *icon = "camera-disabled-symbolic";
  const char *title;
  const char *description;
  const char *detail;

  _lineup_camera_view_release_camera (self);
  g_clear_error (&self->error);
  self->error = g_error_copy (error);

  switch (error->domain == LINEUP_CAMERA_ERROR ? error->code : LINEUP_CAMERA_ERROR_PIPELINE)
    {
    case LINEUP_CAMERA_ERROR_NO_CAMERA:
      title = _("No Camera Found");
      description = _("Connect a camera and try again, or use a photo instead.");
      break;
    case LINEUP_CAMERA_ERROR_PERMISSION_DENIED:
      title = _("No Access to the Camera");
      description = _("Allow Lineup to use the camera in Settings, under Privacy, then try again.");
      break;
    case LINEUP_CAMERA_ERROR_BUSY:
      icon = "camera-web-symbolic";
      title = _("Camera in Use");
      description = _("Another app is using the camera. Close it, then try again.");
      break;
    case LINEUP_CAMERA_ERROR_UNPLUGGED:
      icon = "camera-hardware-disabled-symbolic";
      title = _("Camera Disconnected");
      description = _("The camera went away or stopped sending pictures. Reconnect it and try again.");
      break;
    case LINEUP_CAMERA_ERROR_PIPELINE:
    default:
      title = _("The Camera Failed");
      description = _("Try again, or use a photo instead. A test source set in camera-pipeline or "
                      "LINEUP_CAMERA_PIPELINE may be wrong.");
      break;
    }

  g_debug ("Camera error: %s", error->message);
  detail = lineup_camera_error_get_detail (error);
  if (error->domain != LINEUP_CAMERA_ERROR)
    detail = error->message;
  gtk_image_set_from_icon_name (self->error_icon, icon);
  gtk_label_set_text (self->error_title, title);
  gtk_label_set_text (self->error_description, description);
  gtk_label_set_text (self->error_details, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_details), detail != NULL);
  _lineup_camera_view_set_state (self, "error");
}

/* Pausing while off screen */

static gboolean
is_live_state (LineupCameraView *self)
{
  return g_strcmp0 (self->state, "preview") == 0 || g_strcmp0 (self->state, "starting") == 0;
}

static void
pause_camera (LineupCameraView *self)
{
  if (!is_live_state (self))
    return;
  g_debug ("Off screen: releasing the camera");
  _lineup_camera_view_release_camera (self);
  self->resume = TRUE;
  _lineup_camera_view_set_state (self, "starting");
}

static void
resume_camera (LineupCameraView *self)
{
  if (!self->resume || self->paused || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->resume = FALSE;
  if (self->monitor_ready)
    _lineup_camera_view_start_camera (self);
  else
    lineup_camera_view_start (self);
}

static void
on_toplevel_state (LineupCameraView *self)
{
  self->paused = (gdk_toplevel_get_state (self->toplevel) & GDK_TOPLEVEL_STATE_MINIMIZED) != 0;
  if (self->paused)
    pause_camera (self);
  else
    resume_camera (self);
}

static void
lineup_camera_view_map (GtkWidget *widget)
{
  LineupCameraView *self = LINEUP_CAMERA_VIEW (widget);
  GdkSurface *surface;

  GTK_WIDGET_CLASS (lineup_camera_view_parent_class)->map (widget);

  surface = gtk_native_get_surface (gtk_widget_get_native (widget));
  if (GDK_IS_TOPLEVEL (surface))
    {
      self->toplevel = GDK_TOPLEVEL (surface);
      self->toplevel_state_id = g_signal_connect_object (surface, "notify::state", G_CALLBACK (on_toplevel_state),
                                                         self, G_CONNECT_SWAPPED);
    }
  resume_camera (self);
}

static void
lineup_camera_view_unmap (GtkWidget *widget)
{
  LineupCameraView *self = LINEUP_CAMERA_VIEW (widget);

  if (self->toplevel != NULL)
    g_clear_signal_handler (&self->toplevel_state_id, self->toplevel);
  self->toplevel = NULL;
  self->paused = FALSE;
  pause_camera (self);

  GTK_WIDGET_CLASS (lineup_camera_view_parent_class)->unmap (widget);
}

/* Actions */

static void
captured_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LineupCameraView) self = user_data;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GError) error = NULL;

  image = lineup_camera_frame_prepare_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (image == NULL)
    {
      lineup_toast_show_error (GTK_WIDGET (self), error);
      return;
    }
  g_signal_emit (self, signals[CAPTURED], 0, image);
}

static void
capture_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LineupCameraView *self = LINEUP_CAMERA_VIEW (widget);
  g_autoptr(LineupCameraFrame) frame = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (self->camera == NULL || lineup_camera_get_frame (self->camera) == NULL)
    return;

  frame = lineup_camera_frame_ref (lineup_camera_get_frame (self->camera));
  _lineup_camera_view_release_camera (self);

  /* The photo as the camera took it: the preview's mirroring is not in it. */
  texture = lineup_texture_new_for_frame (frame);
  gtk_picture_set_paintable (self->captured_picture, GDK_PAINTABLE (texture));
  _lineup_camera_view_set_state (self, "captured");
  gtk_widget_grab_focus (GTK_WIDGET (gtk_widget_get_first_child (GTK_WIDGET (self))));

  self->cancellable = g_cancellable_new ();
  lineup_camera_frame_prepare_async (frame, FALSE, self->cancellable, captured_cb, g_object_ref (self));
}

static void
retake_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LineupCameraView *self = LINEUP_CAMERA_VIEW (widget);

  if (self->monitor_ready)
    _lineup_camera_view_start_camera (self);
  else
    lineup_camera_view_start (self);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  lineup_camera_view_start (LINEUP_CAMERA_VIEW (widget));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LineupCameraView *self = LINEUP_CAMERA_VIEW (widget);

  lineup_camera_view_stop (self);
  g_signal_emit (self, signals[CLOSED], 0);
}

/* GObject */

static void
lineup_camera_view_dispose (GObject *object)
{
  LineupCameraView *self = (LineupCameraView *)object;

  _lineup_camera_view_release_camera (self);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (lineup_camera_monitor_get_devices (self->monitor), self);
      lineup_camera_monitor_stop (self->monitor);
    }
  g_clear_object (&self->monitor);
  g_clear_object (&self->live);
  /* The stack is both the bin's child and a template child: let the bin
   * drop it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_CAMERA_VIEW);
  g_clear_object (&self->paintable);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lineup_camera_view_parent_class)->dispose (object);
}

static void
lineup_camera_view_finalize (GObject *object)
{
  LineupCameraView *self = (LineupCameraView *)object;

  g_clear_error (&self->error);

  G_OBJECT_CLASS (lineup_camera_view_parent_class)->finalize (object);
}

static void
lineup_camera_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LineupCameraView *self = LINEUP_CAMERA_VIEW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    case PROP_MIRROR:
      g_value_set_boolean (value, self->mirror);
      break;
    case PROP_LIVE:
      g_value_set_boolean (value, self->live_wanted);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_camera_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LineupCameraView *self = LINEUP_CAMERA_VIEW (object);

  switch (prop_id)
    {
    case PROP_MIRROR:
      if (self->mirror != g_value_get_boolean (value))
        {
          self->mirror = g_value_get_boolean (value);
          lineup_camera_paintable_set_mirror (self->paintable, self->mirror);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_LIVE:
      lineup_camera_view_set_live (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_camera_view_class_init (LineupCameraViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_camera_view_dispose;
  object_class->finalize = lineup_camera_view_finalize;
  object_class->get_property = lineup_camera_view_get_property;
  object_class->set_property = lineup_camera_view_set_property;
  widget_class->map = lineup_camera_view_map;
  widget_class->unmap = lineup_camera_view_unmap;

  /**
   * LineupCameraView:state:
   *
   * "idle", "starting", "preview", "captured" or "error".
   */
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, "idle",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIRROR] =
    g_param_spec_boolean ("mirror", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIVE] =
    g_param_spec_boolean ("live", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LineupCameraView::captured:
   * @image: the captured frame, prepared as an opened file is
   */
  signals[CAPTURED] =
    g_signal_new ("captured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LINEUP_TYPE_IMAGE);

  /**
   * LineupCameraView::live-result:
   * @result: what a live search found; its best match's face is known
   * @probe: the frame it searched
   */
  signals[LIVE_RESULT] =
    g_signal_new ("live-result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, LINEUP_TYPE_SEARCH_RESULT, LINEUP_TYPE_IMAGE);

  /**
   * LineupCameraView::closed:
   *
   * The operator closed the camera; it is released.
   */
  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/ui/lineup-camera-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupCameraView, stack);
  gtk_widget_class_bind_template_child (widget_class, LineupCameraView, spinner);
  gtk_widget_class_bind_template_child (widget_class, LineupCameraView, picture);
  gtk_widget_class_bind_template_child (widget_class, LineupCameraView, camera_selector);
  gtk_widget_class_bind_template_child (widget_class, LineupCameraView, capture_button);
  gtk_widget_class_bind_template_child (widget_class, LineupCameraView, live_revealer);
  gtk_widget_class_bind_template_child (widget_class, LineupCameraView, live_box);
  gtk_widget_class_bind_template_child (widget_class, LineupCameraView, live_icon);
  gtk_widget_class_bind_template_child (widget_class, LineupCameraView, live_title);
  gtk_widget_class_bind_template_child (widget_class, LineupCameraView, live_detail);
  gtk_widget_class_bind_template_child (widget_class, LineupCameraView, captured_picture);
  gtk_widget_class_bind_template_child (widget_class, LineupCameraView, error_icon);
  gtk_widget_class_bind_template_child (widget_class, LineupCameraView, error_title);
  gtk_widget_class_bind_template_child (widget_class, LineupCameraView, error_description);
  gtk_widget_class_bind_template_child (widget_class, LineupCameraView, error_details);

  gtk_widget_class_install_action (widget_class, "camera.capture", NULL, capture_action);
  gtk_widget_class_install_action (widget_class, "camera.retake", NULL, retake_action);
  gtk_widget_class_install_action (widget_class, "camera.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "camera.close", NULL, close_action);
  gtk_widget_class_install_property_action (widget_class, "camera.mirror", "mirror");
  gtk_widget_class_install_property_action (widget_class, "camera.live", "live");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "camera.capture", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "camera.close", NULL);

  gtk_widget_class_set_css_name (widget_class, "cameraview");
  g_type_ensure (LINEUP_TYPE_CAMERA_DEVICE);
}

static void
lineup_camera_view_init (LineupCameraView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->state = "idle";
  self->paintable = lineup_camera_paintable_new ();
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (self->paintable));
  self->settings = g_settings_new (SCHEMA_ID);
  g_settings_bind (self->settings, "camera-mirror", self, "mirror", G_SETTINGS_BIND_DEFAULT);
  _lineup_camera_view_live_init (self);
  _lineup_camera_view_devices_init (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.capture", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.retake", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.retry", FALSE);
}

GtkWidget *
lineup_camera_view_new (void)
{
  return g_object_new (LINEUP_TYPE_CAMERA_VIEW, NULL);
}

const char *
lineup_camera_view_get_state (LineupCameraView *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA_VIEW (self), NULL);
  return self->state;
}

/**
 * lineup_camera_view_get_error:
 *
 * Returns: (nullable): what the error page shows
 */
const GError *
lineup_camera_view_get_error (LineupCameraView *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA_VIEW (self), NULL);
  return self->error;
}

/**
 * lineup_camera_view_get_camera:
 *
 * Returns: (transfer none) (nullable): the camera while it is held
 */
LineupCamera *
lineup_camera_view_get_camera (LineupCameraView *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA_VIEW (self), NULL);
  return self->camera;
}

/**
 * lineup_camera_view_get_paintable:
 *
 * Returns: (transfer none): what the preview draws
 */
GdkPaintable *
lineup_camera_view_get_paintable (LineupCameraView *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA_VIEW (self), NULL);
  return GDK_PAINTABLE (self->paintable);
}

gboolean
lineup_camera_view_get_live (LineupCameraView *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMERA_VIEW (self), FALSE);
  return self->live_wanted;
}

/**
 * lineup_camera_view_set_live:
 *
 * Turns live mode on or off; on, it runs while the preview shows.
 */
void
lineup_camera_view_set_live (LineupCameraView *self,
                             gboolean          live)
{
  g_return_if_fail (LINEUP_IS_CAMERA_VIEW (self));

  if (self->live_wanted == !!live)
    return;
  self->live_wanted = !!live;
  if (live && g_strcmp0 (self->state, "preview") == 0)
    _lineup_camera_view_start_live (self);
  else if (!live)
    _lineup_camera_view_stop_live (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
}

void
_lineup_camera_view_notify_live (LineupCameraView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
}

/**
 * lineup_camera_view_set_client:
 * @client: (nullable): the client live mode searches with
 *
 * Live mode searches the library and with the options the operator
 * chose last (the group, limit, rotate and threshold settings).
 */
void
lineup_camera_view_set_client (LineupCameraView *self,
                               LineupClient     *client)
{
  g_return_if_fail (LINEUP_IS_CAMERA_VIEW (self));

  if (!g_set_object (&self->client, client))
    return;
  /* A new service: live mode starts again with it, or stops. */
  if (self->live != NULL)
    {
      _lineup_camera_view_stop_live (self);
      if (self->live_wanted && g_strcmp0 (self->state, "preview") == 0)
        _lineup_camera_view_start_live (self);
    }
}

