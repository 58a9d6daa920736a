/* lineup-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-demo-seed.h"
#include "lineup-window-private.h"

/* Opening photos: the file chooser and the demo's sample photos. */

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     LineupWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        lineup_window_open_file (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
lineup_window_open_image_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  LineupWindow *self = LINEUP_WINDOW (widget);
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  /* GtkFileDialog needs GTK 4.10; the native chooser works on 4.8 and
   * goes through the portal inside Flatpak. */
  chooser = gtk_file_chooser_native_new (_("Open Image"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (images, _("Photos (PNG, JPEG, BMP)"));
  gtk_file_filter_add_mime_type (images, "image/png");
  gtk_file_filter_add_mime_type (images, "image/jpeg");
  gtk_file_filter_add_mime_type (images, "image/bmp");
  gtk_file_filter_add_suffix (images, "jfif");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
render_sample_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GBytes *bytes = lineup_demo_probe_render_jpeg (GPOINTER_TO_UINT (task_data));

  if (bytes != NULL)
    g_task_return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, _("The sample photo could not be drawn."));
}

static void
sample_rendered_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LineupWindow *self = LINEUP_WINDOW (object);
  guint index = GPOINTER_TO_UINT (g_task_get_task_data (G_TASK (result)));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (!(bytes = g_task_propagate_pointer (G_TASK (result), &error)))
    _lineup_window_toast_error (self, error);
  else
    _lineup_window_open_bytes (self, bytes, lineup_demo_probe_get_file_name (index));
}

static void
lineup_window_open_sample_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  guint32 index = g_variant_get_uint32 (parameter);
  g_autoptr(GTask) task = NULL;

  if (index >= LINEUP_DEMO_N_PROBES)
    return;

  /* Drawing and encoding a probe takes some milliseconds: not on the
   * main thread. */
  task = g_task_new (widget, NULL, sample_rendered_cb, NULL);
  g_task_set_task_data (task, GUINT_TO_POINTER (index), NULL);
  g_task_run_in_thread (task, render_sample_thread);
}

static void
on_texture_read (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LineupWindow) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, &error);
  if (texture == NULL)
    {
      g_autoptr(GError) message = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                                       _("The clipboard holds no image."));
      _lineup_window_toast_error (self, message);
      return;
    }

  png = gdk_texture_save_to_png_bytes (texture);
  _lineup_window_open_bytes (self, png, "pasted-image.png");
}

static void
on_file_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LineupWindow) self = user_data;
  const GValue *value;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, NULL);
  if (value != NULL && G_VALUE_HOLDS (value, G_TYPE_FILE))
    lineup_window_open_file (self, g_value_get_object (value));
  else
    gdk_clipboard_read_texture_async (GDK_CLIPBOARD (object), NULL, on_texture_read, g_steal_pointer (&self));
}

static void
lineup_window_paste_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  /* A copied file keeps its name and bytes; copied pixels become a PNG. */
  if (gdk_content_formats_contain_gtype (formats, G_TYPE_FILE))
    gdk_clipboard_read_value_async (clipboard, G_TYPE_FILE, G_PRIORITY_DEFAULT, NULL,
                                    on_file_read, g_object_ref (widget));
  else
    gdk_clipboard_read_texture_async (clipboard, NULL, on_texture_read, g_object_ref (widget));
}

void
_lineup_window_class_actions_init (LineupWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open-image", NULL, lineup_window_open_image_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", "u", lineup_window_open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.paste-image", NULL, lineup_window_paste_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "win.paste-image", NULL);
}

void
_lineup_window_actions_init (LineupWindow *self)
{
  for (guint i = 0; i < LINEUP_DEMO_N_PROBES; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (lineup_demo_probe_get_title (i), NULL);

      g_menu_item_set_action_and_target (item, "win.open-sample", "u", i);
      g_menu_append_item (self->samples_section, item);
    }
}
