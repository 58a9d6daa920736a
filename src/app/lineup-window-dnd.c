/* lineup-window-dnd.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-window"

#include "config.h"

#include "lineup-window-private.h"

/* Dropping a photo anywhere on the window opens it: files from a file
 * manager, or image data from applications that offer only pixels. */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         LineupWindow  *self)
{
  LineupProbePane *pane = _lineup_window_get_probe_pane (self);

  lineup_probe_pane_set_drop_highlight (pane, FALSE);

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      g_autoptr(GPtrArray) files = g_ptr_array_new ();

      for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
        g_ptr_array_add (files, l->data);
      if (files->len == 0)
        return FALSE;
      lineup_probe_pane_open_files (pane, (GFile **)files->pdata, files->len);
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      lineup_probe_pane_open_file (pane, g_value_get_object (value));
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    {
      g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (g_value_get_object (value));

      lineup_probe_pane_open_bytes (pane, png, "dropped-image.png");
      return TRUE;
    }

  return FALSE;
}

static GdkDragAction
on_drop_enter (GtkDropTarget *target,
               double         x,
               double         y,
               LineupWindow  *self)
{
  lineup_probe_pane_set_drop_highlight (_lineup_window_get_probe_pane (self), TRUE);
  return GDK_ACTION_COPY;
}

static void
on_drop_leave (GtkDropTarget *target,
               LineupWindow  *self)
{
  lineup_probe_pane_set_drop_highlight (_lineup_window_get_probe_pane (self), FALSE);
}

void
_lineup_window_dnd_init (LineupWindow *self)
{
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE, GDK_TYPE_TEXTURE };
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, 0);
  g_signal_connect_object (target, "enter", G_CALLBACK (on_drop_enter), self, 0);
  g_signal_connect_object (target, "leave", G_CALLBACK (on_drop_leave), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
