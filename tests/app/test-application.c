/* test-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "lineup-app-test-util.h"
#include "lineup-application.h"
#include "lineup-test-util.h"

/* The application as a user starts it: the service waits for the first
 * frame, and Ctrl+Q (app.quit) saves the window's state as its close
 * button does. */

static void
test_quit_saves_window_state (void)
{
  g_autoptr(LineupApplication) app = lineup_application_new ();
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  LineupService *service;

  g_settings_set_int (settings, "window-width", 900);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (window);
  service = lineup_application_get_service (app);
  /* Started once the window has drawn, not before. */
  LINEUP_TEST_WAIT_FOR (lineup_service_get_state (service) != LINEUP_SERVICE_STATE_IDLE, 20);
  lineup_app_test_wait_ready (service);

  gtk_window_set_default_size (window, 720, 560);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  LINEUP_TEST_WAIT_FOR (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL, 20);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 720);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 560);
  lineup_service_shutdown (service);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/lineup/app/application/quit-saves-window-state", test_quit_saves_window_state);
  return g_test_run ();
}
