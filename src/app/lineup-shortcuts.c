/* lineup-shortcuts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-shortcuts"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "lineup-shortcuts.h"

/* The keyboard shortcuts, listed once. libadwaita 1.8 shows them in an
 * AdwShortcutsDialog; before that a GtkShortcutsWindow (deprecated from
 * GTK 4.18) is built from the same table. Either is built only when
 * asked for: GtkApplication would otherwise build its help overlay with
 * every window, before the first frame. */

typedef struct
{
  const char *section;   /* starts a new section when not NULL */
  const char *title;
  const char *accelerator;
} Shortcut;

static const Shortcut shortcuts[] = {
  { N_("Search"), N_("Open image"), "<Control>o" },
  { NULL, N_("Paste image"), "<Control>v" },
  { NULL, N_("Camera"), "<Control><Shift>c" },
  { NULL, N_("Capture the camera picture"), "space" },
  { NULL, N_("Search"), "<Control>Return" },
  { NULL, N_("Cancel the search"), "Escape" },
  { NULL, N_("Show requests"), "<Control>i" },
  { N_("General"), N_("Preferences"), "<Control>comma" },
  { NULL, N_("Help"), "F1" },
  { NULL, N_("Keyboard shortcuts"), "<Control>question" },
  { NULL, N_("Quit"), "<Control>q" },
};

#if ADW_CHECK_VERSION (1, 8, 0)
void
lineup_shortcuts_present (GtkWindow *parent)
{
  AdwDialog *dialog = adw_shortcuts_dialog_new ();
  AdwShortcutsSection *section = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      if (shortcuts[i].section != NULL)
        {
          section = adw_shortcuts_section_new (_(shortcuts[i].section));
          adw_shortcuts_dialog_add (ADW_SHORTCUTS_DIALOG (dialog), section);
        }
      adw_shortcuts_section_add (section, adw_shortcuts_item_new (_(shortcuts[i].title),
                                                                 shortcuts[i].accelerator));
    }
  adw_dialog_present (dialog, GTK_WIDGET (parent));
}
#else
static void
append_property (GString    *xml,
                 const char *name,
                 const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);

  g_string_append_printf (xml, "<property name=\"%s\">%s</property>", name, escaped);
}

void
lineup_shortcuts_present (GtkWindow *parent)
{
  g_autoptr(GString) xml = g_string_new ("<interface><object class=\"GtkShortcutsWindow\" id=\"window\">"
                                         "<property name=\"modal\">True</property>"
                                         "<child><object class=\"GtkShortcutsSection\">"
                                         "<property name=\"section-name\">shortcuts</property>");
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  g_return_if_fail (GTK_IS_WINDOW (parent));

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      if (shortcuts[i].section != NULL)
        {
          if (i > 0)
            g_string_append (xml, "</object></child>");
          g_string_append (xml, "<child><object class=\"GtkShortcutsGroup\">");
          append_property (xml, "title", _(shortcuts[i].section));
        }
      g_string_append (xml, "<child><object class=\"GtkShortcutsShortcut\">");
      append_property (xml, "title", _(shortcuts[i].title));
      append_property (xml, "accelerator", shortcuts[i].accelerator);
      g_string_append (xml, "</object></child>");
    }
  g_string_append (xml, "</object></child></object></child></object></interface>");

  if (!gtk_builder_add_from_string (builder, xml->str, xml->len, &error))
    {
      g_critical ("The shortcuts window does not build: %s", error->message);
      return;
    }
  window = GTK_WINDOW (gtk_builder_get_object (builder, "window"));
  gtk_window_set_transient_for (window, parent);
  gtk_window_present (window);
}
#endif
