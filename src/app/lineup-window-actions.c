/* lineup-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-toast.h"
#include "lineup-window-private.h"

/* The window's actions: getting a photo in (file chooser, clipboard,
 * samples, camera) and the shortcuts that reach into the search page. */

static GtkFileFilter *
image_filter (void)
{
  GtkFileFilter *images = gtk_file_filter_new ();

  gtk_file_filter_set_name (images, _("Images"));
  gtk_file_filter_add_pixbuf_formats (images);
  gtk_file_filter_add_mime_type (images, "image/jpeg");
  gtk_file_filter_add_mime_type (images, "image/png");
  gtk_file_filter_add_mime_type (images, "image/bmp");
  gtk_file_filter_add_suffix (images, "jfif");
  return images;
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
open_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LineupWindow) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL)
    lineup_window_open_files (self, &file, 1);
}

static void
open_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LineupWindow *self = LINEUP_WINDOW (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) images = image_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  g_list_store_append (filters, images);
  g_list_store_append (filters, all);

  gtk_file_dialog_set_title (dialog, _("Open Image"));
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, images);
  gtk_file_dialog_open (dialog, GTK_WINDOW (self), self->cancellable, open_dialog_cb, g_object_ref (self));
}
#else
static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(LineupWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        lineup_window_open_files (self, &file, 1);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LineupWindow *self = LINEUP_WINDOW (widget);
  g_autoptr(GtkFileFilter) images = image_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  /* GtkFileDialog needs GTK 4.10; the native chooser works on 4.8 and
   * goes through the portal inside Flatpak. */
  chooser = gtk_file_chooser_native_new (_("Open Image"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
#endif

static void
on_texture_read (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LineupWindow) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) png = NULL;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, NULL);
  if (texture == NULL)
    {
      lineup_toast_show (GTK_WIDGET (self), _("The clipboard holds no image."));
      return;
    }

  png = gdk_texture_save_to_png_bytes (texture);
  lineup_probe_pane_open_bytes (_lineup_window_get_probe_pane (self), png, "pasted-image.png");
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
    {
      GFile *file = g_value_get_object (value);

      lineup_window_open_files (self, &file, 1);
    }
  else
    gdk_clipboard_read_texture_async (GDK_CLIPBOARD (object), self->cancellable, on_texture_read,
                                      g_steal_pointer (&self));
}

static void
paste_image_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LineupWindow *self = LINEUP_WINDOW (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  /* A copied file keeps its name and bytes; copied pixels become a PNG. */
  if (gdk_content_formats_contain_gtype (formats, G_TYPE_FILE))
    gdk_clipboard_read_value_async (clipboard, G_TYPE_FILE, G_PRIORITY_DEFAULT, self->cancellable,
                                    on_file_read, g_object_ref (self));
  else
    gdk_clipboard_read_texture_async (clipboard, self->cancellable, on_texture_read, g_object_ref (self));
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LineupWindow *self = LINEUP_WINDOW (widget);

  gtk_widget_activate_action_variant (GTK_WIDGET (_lineup_window_get_probe_pane (self)),
                                      "probe.open-sample", parameter);
}

static void
camera_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LineupWindow *self = LINEUP_WINDOW (widget);

  /* Like a photo to search, the camera answers the welcome page: the
   * search page is where it shows. */
  g_settings_set_boolean (self->settings, "welcome-done", TRUE);
  lineup_probe_pane_show_camera (_lineup_window_get_probe_pane (self));
}

static void
forward_to_search_page (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LineupWindow *self = LINEUP_WINDOW (widget);
  const char *target = g_str_equal (action_name, "win.search") ? "search.run" : "search.cancel";

  gtk_widget_activate_action (GTK_WIDGET (self->search_page), target, NULL);
}

static void
service_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LineupWindow *self = LINEUP_WINDOW (widget);

  if (g_str_equal (action_name, "win.reload-groups"))
    lineup_service_reload_groups (self->service);
  else if (g_str_equal (action_name, "win.use-demo"))
    lineup_service_use_demo (self->service);
  else
    lineup_service_retry (self->service);
}

void
_lineup_window_class_actions_init (LineupWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open-image", NULL, open_image_action);
  gtk_widget_class_install_action (widget_class, "win.paste-image", NULL, paste_image_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", "u", open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.camera", NULL, camera_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, forward_to_search_page);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, forward_to_search_page);
  gtk_widget_class_install_action (widget_class, "win.reload-groups", NULL, service_action);
  gtk_widget_class_install_action (widget_class, "win.retry-service", NULL, service_action);
  gtk_widget_class_install_action (widget_class, "win.use-demo", NULL, service_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "win.paste-image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.camera", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
}

void
_lineup_window_actions_init (LineupWindow *self)
{
  for (guint i = 0; i < lineup_demo_seam_get_n_samples (); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (lineup_demo_seam_get_sample_title (i), NULL);

      g_menu_item_set_action_and_target (item, "win.open-sample", "u", i);
      g_menu_append_item (self->samples_section, item);
    }
}
