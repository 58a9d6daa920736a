/* lineup-help-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-help"

#include "config.h"

#include "lineup-help-window.h"

/* A short built-in help page (F1): it works offline and inside the
 * sandbox, where there may be no help browser. */
struct _LineupHelpWindow
{
  AdwWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (LineupHelpWindow, lineup_help_window, ADW_TYPE_WINDOW)

static void
lineup_help_window_class_init (LineupHelpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/ui/lineup-help-window.ui");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lineup_help_window_init (LineupHelpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lineup_help_window_new (GtkWindow *parent)
{
  return g_object_new (LINEUP_TYPE_HELP_WINDOW, "transient-for", parent, NULL);
}
