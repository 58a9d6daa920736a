/* test-about.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "lineup-about.h"
#include "lineup-app-test-util.h"
#include "lineup-test-util.h"

/* The About dialog carries meson's version, the links and the app icon,
 * whichever libadwaita class shows it. */

static void
close_about (GtkWidget *about)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_force_close (ADW_DIALOG (about));
#else
  gtk_window_destroy (GTK_WINDOW (about));
#endif
}

static void
test_about_version_and_links (void)
{
  GtkWidget *window = adw_window_new ();
  g_autofree char *version = NULL;
  g_autofree char *website = NULL;
  g_autofree char *issue_url = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *debug_info = NULL;
  GtkLicense license;
  GtkWidget *about;

  gtk_window_present (GTK_WINDOW (window));
  lineup_about_present (window);
#if ADW_CHECK_VERSION (1, 5, 0)
  LINEUP_TEST_WAIT_FOR ((about = GTK_WIDGET (adw_window_get_visible_dialog (ADW_WINDOW (window)))) != NULL, 10);
  g_assert_true (ADW_IS_ABOUT_DIALOG (about));
#else
  LINEUP_TEST_WAIT_FOR ((about = lineup_app_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW)) != NULL, 10);
#endif

  g_object_get (about,
                "version", &version,
                "website", &website,
                "issue-url", &issue_url,
                "application-icon", &icon,
                "license-type", &license,
                "debug-info", &debug_info,
                NULL);
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_cmpstr (website, ==, PACKAGE_WEBSITE);
  g_assert_cmpstr (issue_url, ==, PACKAGE_BUGREPORT);
  g_assert_cmpstr (icon, ==, APP_ID);
  g_assert_cmpint (license, ==, GTK_LICENSE_GPL_3_0);
  g_assert_nonnull (strstr (debug_info, "Lineup " PACKAGE_VERSION " (" APP_ID));

  close_about (about);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_about_icons_in_resources (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  /* What GtkApplication adds for the resource base path, so that an
   * uninstalled build shows the icon too. */
  gtk_icon_theme_add_resource_path (theme, "/io/github/lineup/Lineup/icons");
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID "-symbolic"));
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL)
    return 77;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/lineup/app/about/version-and-links", test_about_version_and_links);
  g_test_add_func ("/lineup/app/about/icons-in-resources", test_about_icons_in_resources);

  return g_test_run ();
}
