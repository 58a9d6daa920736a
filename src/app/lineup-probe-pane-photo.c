/* lineup-probe-pane-photo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-probe-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-probe-pane-private.h"
#include "lineup-texture.h"
#include "lineup-toast.h"

/* The probe pane's photo. Photos are prepared off the main thread; a
 * newer photo cancels the preparation of an older one, and a photo that
 * cannot be used leaves the previous one in place, with a notice that
 * says why (and for an animation offers its first frame). A rectangle
 * drawn on the photo limits the search to one face: the crop is prepared
 * from the original pixels, off the main thread too, and until it is
 * ready there is nothing to search. */

static void
image_options (LineupProbePane    *self,
               gboolean            first_frame,
               LineupImageOptions *options)
{
  *options = (LineupImageOptions) LINEUP_IMAGE_OPTIONS_INIT;
  options->max_side = g_settings_get_int (self->settings, "image-max-side");
  options->max_pixels = (guint64)g_settings_get_int (self->settings, "image-max-megapixels") * 1000000;
  if (first_frame)
    options->flags |= LINEUP_IMAGE_FLAGS_FIRST_FRAME;
}

static char *
describe_image (LineupImage *image)
{
  g_autofree char *done = lineup_image_dup_description (image);

  /* Translators: file name · its own size · what was done ("rotated 90°,
   * scaled 6000×4000 → 4096×2731, 1.4 MB JPEG") */
  return g_strdup_printf (_("%s · %d × %d · %s"), lineup_image_get_source_name (image),
                          lineup_image_get_source_width (image), lineup_image_get_source_height (image), done);
}

/* What is sent: the photo or its crop. NULL while a crop is prepared. */
static void
set_image (LineupProbePane *self,
           LineupImage     *image)
{
  g_autofree char *info = NULL;

  if (!g_set_object (&self->image, image))
    return;

  g_clear_object (&self->paintable);
  if (image != NULL)
    {
      self->paintable = GDK_PAINTABLE (lineup_texture_new_for_pixbuf (lineup_image_get_preview (image)));
      info = describe_image (image);
    }
  else if (self->source_image != NULL)
    info = g_strdup (_("Preparing the crop…"));
  gtk_label_set_text (self->image_info, info ? info : _("No photo yet"));

  _lineup_probe_pane_notify_image (self);
}

static void
cancel_crop (LineupProbePane *self)
{
  g_clear_handle_id (&self->crop_timeout, g_source_remove);
  if (self->crop_cancellable != NULL)
    _lineup_probe_pane_cancel_and_clear (&self->crop_cancellable);
}

/**
 * _lineup_probe_pane_take_photo:
 *
 * Makes @image the photo, without showing the photo page: a capture
 * stays on the camera page until the camera is closed.
 */
void
_lineup_probe_pane_take_photo (LineupProbePane *self,
                               LineupImage     *image)
{
  cancel_crop (self);
  g_set_object (&self->source_image, image);
  lineup_crop_view_set_image (self->crop_view, image);
  set_image (self, image);
}

static void
set_source_image (LineupProbePane *self,
                  LineupImage     *image)
{
  _lineup_probe_pane_take_photo (self, image);
  gtk_stack_set_visible_child_name (self->image_stack, image ? "image" : "empty");
}

static void
crop_prepared_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LineupProbePane) self = user_data;
  g_autoptr(LineupImage) cropped = NULL;
  g_autoptr(GError) error = NULL;

  cropped = lineup_image_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->crop_cancellable);

  if (cropped == NULL)
    {
      lineup_image_notice_set_previous_kept (self->notice, FALSE);
      lineup_image_notice_show_error (self->notice, error);
      lineup_crop_view_set_crop (self->crop_view, NULL);
      return;
    }
  set_image (self, cropped);
}

static gboolean
prepare_crop (gpointer user_data)
{
  LineupProbePane *self = user_data;
  LineupImageRect crop;

  self->crop_timeout = 0;
  if (self->source_image == NULL || !lineup_crop_view_get_crop (self->crop_view, &crop))
    return G_SOURCE_REMOVE;

  self->crop_cancellable = g_cancellable_new ();
  lineup_image_crop_async (self->source_image, &crop, self->crop_cancellable, crop_prepared_cb,
                           g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* A drag changes the crop many times a second: prepare it once the
 * rectangle has rested a moment. */
static void
on_crop_changed (LineupProbePane *self)
{
  gboolean cropped = lineup_crop_view_get_has_crop (self->crop_view);

  cancel_crop (self);
  gtk_widget_set_visible (GTK_WIDGET (self->whole_photo_button), cropped);
  /* The hint is for finding the feature, not for every hover after. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->crop_view),
                               cropped ? NULL : _("Drag around a face to search only that face"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "probe.whole-photo", cropped);
  if (!cropped)
    {
      set_image (self, self->source_image);
      return;
    }
  set_image (self, NULL);
  self->crop_timeout = g_timeout_add (120, prepare_crop, self);
}

static void
whole_photo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  lineup_crop_view_set_crop (LINEUP_PROBE_PANE (widget)->crop_view, NULL);
}

static void
image_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LineupProbePane) self = user_data;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GError) error = NULL;

  image = lineup_image_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->image_cancellable);
  gtk_spinner_stop (self->image_spinner);

  if (image == NULL)
    {
      /* The previous photo stays: a bad file loses nothing. */
      gtk_stack_set_visible_child_name (self->image_stack, self->source_image ? "image" : "empty");
      lineup_image_notice_set_previous_kept (self->notice, self->source_image != NULL);
      lineup_image_notice_show_error (self->notice, error);
      return;
    }

  lineup_image_notice_dismiss (self->notice);
  set_source_image (self, image);
}

static void
begin_image_load (LineupProbePane *self)
{
  /* A photo opened while the camera shows takes its place. */
  _lineup_probe_pane_leave_camera (self);
  _lineup_probe_pane_cancel_and_clear (&self->image_cancellable);
  _lineup_probe_pane_cancel_and_clear (&self->sample_cancellable);
  self->image_cancellable = g_cancellable_new ();
  gtk_spinner_start (self->image_spinner);
  gtk_stack_set_visible_child_name (self->image_stack, "loading");
}

static void
open_last (LineupProbePane *self,
           gboolean         first_frame)
{
  LineupImageOptions options;

  image_options (self, first_frame, &options);
  begin_image_load (self);
  if (self->last_file != NULL)
    lineup_image_load_full_async (self->last_file, &options, self->image_cancellable, image_loaded_cb,
                                  g_object_ref (self));
  else if (self->last_bytes != NULL)
    lineup_image_prepare_full_async (self->last_bytes, self->last_name, &options, self->image_cancellable,
                                     image_loaded_cb, g_object_ref (self));
}

/* The notice's "Use First Frame": the same file again, its first frame. */
static void
on_use_first_frame (LineupProbePane *self)
{
  lineup_image_notice_dismiss (self->notice);
  open_last (self, TRUE);
}

/**
 * lineup_probe_pane_open_file:
 *
 * Reads and prepares @file in a worker thread and shows it as the probe.
 */
void
lineup_probe_pane_open_file (LineupProbePane *self,
                             GFile           *file)
{
  g_return_if_fail (LINEUP_IS_PROBE_PANE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->last_file, file);
  g_clear_pointer (&self->last_bytes, g_bytes_unref);
  open_last (self, FALSE);
}

/**
 * lineup_probe_pane_open_files:
 *
 * Opens the first of @files; one photo is searched at a time, and the
 * operator is told when more were given.
 */
void
lineup_probe_pane_open_files (LineupProbePane  *self,
                              GFile           **files,
                              guint             n_files)
{
  g_return_if_fail (LINEUP_IS_PROBE_PANE (self));

  if (n_files == 0)
    return;

  lineup_probe_pane_open_file (self, files[0]);
  if (n_files > 1)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("Only the first of %u file is used: one photo is searched at a time.",
                                   "Only the first of %u files is used: one photo is searched at a time.",
                                   n_files), n_files);

      lineup_toast_show (GTK_WIDGET (self), text);
    }
}

void
lineup_probe_pane_open_bytes (LineupProbePane *self,
                              GBytes          *bytes,
                              const char      *file_name)
{
  g_return_if_fail (LINEUP_IS_PROBE_PANE (self));
  g_return_if_fail (bytes != NULL);

  g_clear_object (&self->last_file);
  g_clear_pointer (&self->last_bytes, g_bytes_unref);
  self->last_bytes = g_bytes_ref (bytes);
  g_free (self->last_name);
  self->last_name = g_strdup (file_name);
  open_last (self, FALSE);
}

void
lineup_probe_pane_set_drop_highlight (LineupProbePane *self,
                                      gboolean         highlight)
{
  g_return_if_fail (LINEUP_IS_PROBE_PANE (self));

  if (highlight)
    gtk_widget_add_css_class (GTK_WIDGET (self->image_stack), "drop-highlight");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->image_stack), "drop-highlight");
}

void
_lineup_probe_pane_class_photo_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (LINEUP_TYPE_CROP_VIEW);
  g_type_ensure (LINEUP_TYPE_IMAGE_NOTICE);
  gtk_widget_class_install_action (widget_class, "probe.whole-photo", NULL, whole_photo_action);
}

void
_lineup_probe_pane_photo_init (LineupProbePane *self)
{
  g_signal_connect_object (self->crop_view, "notify::crop", G_CALLBACK (on_crop_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->notice, "use-first-frame", G_CALLBACK (on_use_first_frame), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "probe.whole-photo", FALSE);
}

void
_lineup_probe_pane_photo_dispose (LineupProbePane *self)
{
  _lineup_probe_pane_cancel_and_clear (&self->image_cancellable);
  cancel_crop (self);
  g_clear_object (&self->image);
  g_clear_object (&self->source_image);
  g_clear_object (&self->paintable);
  g_clear_object (&self->last_file);
  g_clear_pointer (&self->last_bytes, g_bytes_unref);
}
