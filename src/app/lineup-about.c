/* lineup-about.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-about"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <libsoup/soup.h>

#include "lineup-about.h"

/* The About dialog. libadwaita 1.5 replaced AdwAboutWindow with
 * AdwAboutDialog (and deprecated the window in 1.6); both have the same
 * properties, so only creating, adding sections and presenting differ. */

/* For bug reports: what the user runs, untranslated on purpose. */
static char *
debug_info (GtkWidget *parent)
{
  GString *text = g_string_new (NULL);
  GdkDisplay *display = parent ? gtk_widget_get_display (parent) : gdk_display_get_default ();

  g_string_append_printf (text, "Lineup %s (%s, profile %s)\n", PACKAGE_VERSION, APP_ID, PROFILE);
  g_string_append_printf (text, "Flatpak: %s\n",
                          g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ? "yes" : "no");
  g_string_append_printf (text, "GLib %u.%u.%u\n", glib_major_version, glib_minor_version,
                          glib_micro_version);
  g_string_append_printf (text, "GTK %u.%u.%u\n", gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version ());
  g_string_append_printf (text, "libadwaita %u.%u.%u\n", adw_get_major_version (),
                          adw_get_minor_version (), adw_get_micro_version ());
  g_string_append_printf (text, "libsoup %u.%u.%u\n", soup_get_major_version (),
                          soup_get_minor_version (), soup_get_micro_version ());
  if (display != NULL)
    g_string_append_printf (text, "Display: %s\n", G_OBJECT_TYPE_NAME (display));
  return g_string_free (text, FALSE);
}

/**
 * lineup_about_present:
 * @parent: (nullable): the window (or a widget in it) the dialog belongs to
 *
 * Shows the About dialog with the version from meson, the licence, the
 * website, the issue tracker and the credits.
 */
void
lineup_about_present (GtkWidget *parent)
{
  static const char *developers[] = { "The Lineup Developers " PACKAGE_WEBSITE, NULL };
  static const char *built_with[] = {
    "GTK https://www.gtk.org",
    "libadwaita https://gnome.pages.gitlab.gnome.org/libadwaita/",
    "libsoup https://libsoup.org",
    "JSON-GLib https://gnome.pages.gitlab.gnome.org/json-glib/",
    NULL
  };
  g_autofree char *debug = NULL;
  GObject *about;

  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));

  debug = debug_info (parent);
#if ADW_CHECK_VERSION (1, 5, 0)
  about = G_OBJECT (adw_about_dialog_new ());
#else
  about = G_OBJECT (adw_about_window_new ());
#endif
  g_object_set (about,
                "application-name", _("Lineup"),
                "application-icon", APP_ID,
                "version", PACKAGE_VERSION,
                "developer-name", _("The Lineup Developers"),
                "developers", developers,
                /* Translators: Replace "translator-credits" with your names, one name per line */
                "translator-credits", _("translator-credits"),
                "copyright", _("© 2026 The Lineup Developers"),
                "license-type", GTK_LICENSE_GPL_3_0,
                "website", PACKAGE_WEBSITE,
                "issue-url", PACKAGE_BUGREPORT,
                "debug-info", debug,
                "debug-info-filename", "lineup-debug-info.txt",
                "comments", _("Search a face against a FaceSearch library and read the ranked matches.\n\n"
                              "The built-in demo service compares images with a simple similarity "
                              "measure. It is a demo, not face recognition."),
                NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_about_dialog_add_acknowledgement_section (ADW_ABOUT_DIALOG (about), _("Built With"), built_with);
  adw_dialog_present (ADW_DIALOG (about), parent);
#else
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about), _("Built With"), built_with);
  if (parent != NULL && GTK_IS_WINDOW (gtk_widget_get_root (parent)))
    gtk_window_set_transient_for (GTK_WINDOW (about), GTK_WINDOW (gtk_widget_get_root (parent)));
  gtk_window_present (GTK_WINDOW (about));
#endif
}
