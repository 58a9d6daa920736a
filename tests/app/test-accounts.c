/* test-accounts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "lineup-app-test-util.h"
#include "lineup-application.h"
#include "lineup-demo-server.h"
#include "lineup-preferences-window.h"
#include "lineup-test-util.h"
#include "lineup-test-widgets.h"

/* The whole application, as an operator meets it: the welcome page on a
 * first run, the demo's mode line, the preferences (app.preferences,
 * Ctrl+comma) and an account connected from them while the window is
 * open, without a restart. The "real" service is a demo server on
 * loopback that knows only the test account. With
 * $LINEUP_TEST_KEYRING=available (under tests/keyring-session.sh) the
 * secret goes to a real keyring and lineup-cli ($LINEUP_CLI) reads it
 * back; otherwise there is no keyring at all. */

#define KEY    "accounts-test-key"
#define SECRET "accounts-test-secret-Qm3$not-in-settings"

typedef struct
{
  LineupApplication *app;
  GSettings         *settings;
  LineupDemoServer  *remote;
  char              *remote_root;
} Fixture;

#define WINDOW() GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)))
#define GET(name) lineup_app_test_get (WINDOW (), (name))

static LineupService *
service (Fixture *fixture)
{
  return lineup_application_get_service (fixture->app);
}

static void
wait_state (Fixture            *fixture,
            LineupServiceMode   mode,
            LineupServiceState  state)
{
  LINEUP_TEST_WAIT_FOR (lineup_service_get_mode (service (fixture)) == mode &&
                        lineup_service_get_state (service (fixture)) == state, 30);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *url;

  fixture->settings = g_settings_new (SCHEMA_ID);
  fixture->remote = lineup_demo_server_new (KEY, SECRET);
  g_assert_true (lineup_demo_server_start (fixture->remote, 0, &error));
  g_assert_no_error (error);
  url = lineup_demo_server_get_base_url (fixture->remote);
  fixture->remote_root = g_strndup (url, strstr (url, LINEUP_DEMO_PATH) - url);

  /* The real application, without a D-Bus name of its own. A registered
   * one is never finalized on GLib 2.74, so each test exports its
   * actions at a path of its own. */
  fixture->app = lineup_application_new ();
  {
    static guint n_apps;
    g_autofree char *id = g_strdup_printf (APP_ID ".Test%u", ++n_apps);

    g_application_set_application_id (G_APPLICATION (fixture->app), id);
  }
  g_application_set_flags (G_APPLICATION (fixture->app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (fixture->app));
  lineup_test_widgets_present (WINDOW ());
  wait_state (fixture, LINEUP_SERVICE_MODE_DEMO, LINEUP_SERVICE_STATE_READY);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *windows;

  lineup_keyring_clear_sync (lineup_service_get_keyring (service (fixture)), KEY, NULL, NULL);
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app))) != NULL)
    gtk_window_destroy (windows->data);
  lineup_test_widgets_settle ();
  lineup_service_shutdown (service (fixture));
  /* a registered GApplication keeps a reference of its own */
  g_clear_object (&fixture->app);

  lineup_demo_server_stop (fixture->remote);
  g_clear_object (&fixture->remote);
  g_free (fixture->remote_root);
  lineup_test_reset_settings (fixture->settings);
  g_clear_object (&fixture->settings);
}

static LineupPreferencesWindow *
open_preferences (Fixture *fixture)
{
  GtkWidget *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  lineup_test_widgets_settle ();
  preferences = lineup_app_test_find_toplevel (LINEUP_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  return LINEUP_PREFERENCES_WINDOW (preferences);
}

static void
apply_row (LineupPreferencesWindow *preferences,
           const char              *title,
           const char              *text)
{
  GtkWidget *row = lineup_test_widgets_find_row (GTK_WIDGET (preferences), title);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  lineup_test_widgets_settle ();
}

static void
test_welcome_try_demo (Fixture       *fixture,
                       gconstpointer  data)
{
  g_assert_cmpstr (lineup_app_test_stack_page (WINDOW (), "main-stack"), ==, "welcome");
  g_assert_true (GTK_IS_BUTTON (lineup_test_widgets_find_button (GET ("welcome-page"), "_Try the Demo")));
  g_assert_true (GTK_IS_BUTTON (lineup_test_widgets_find_button (GET ("welcome-page"), "_Connect an Account")));
  lineup_test_widgets_shoot (WINDOW (), "welcome");

  gtk_widget_activate_action (GET ("try-demo-button"), "app.try-demo", NULL);
  lineup_test_widgets_settle ();
  g_assert_true (g_settings_get_boolean (fixture->settings, "welcome-done"));
  g_assert_cmpstr (lineup_app_test_stack_page (WINDOW (), "main-stack"), ==, "main");
  LINEUP_TEST_WAIT_FOR (!gtk_stack_get_transition_running (GTK_STACK (GET ("main-stack"))), 5);

  /* the mode line says what the demo is */
  g_assert_true (gtk_widget_get_visible (GET ("mode-line")));
  g_assert_cmpstr (lineup_app_test_label (WINDOW (), "mode-line-label"), ==, "Demo service: results are not real");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (GET ("mode-line-button"))), ==,
                   "app.connect-account");
  lineup_test_widgets_shoot (WINDOW (), "main-demo-mode-line");

  /* and the welcome page is not shown again */
  gtk_window_destroy (GTK_WINDOW (WINDOW ()));
  lineup_test_widgets_settle ();
  g_application_activate (G_APPLICATION (fixture->app));
  g_assert_cmpstr (lineup_app_test_stack_page (WINDOW (), "main-stack"), ==, "main");
  lineup_test_widgets_settle ();
  g_assert_false (gtk_widget_get_mapped (GET ("welcome-page")));
  g_assert_true (gtk_widget_get_mapped (GET ("search-page")));
}

static void
test_welcome_connect_account (Fixture       *fixture,
                              gconstpointer  data)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), "app.preferences");
  GtkWidget *preferences;

  g_assert_true (g_strv_contains ((const char * const *)accels, "<Control>comma"));

  gtk_widget_activate_action (GET ("connect-account-button"), "app.connect-account", NULL);
  lineup_test_widgets_settle ();
  g_assert_true (g_settings_get_boolean (fixture->settings, "welcome-done"));
  g_assert_cmpstr (lineup_app_test_stack_page (WINDOW (), "main-stack"), ==, "main");
  preferences = lineup_app_test_find_toplevel (LINEUP_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  LINEUP_TEST_WAIT_FOR (lineup_test_widgets_focus_within (lineup_test_widgets_find_row (preferences, "API Key")), 10);

  /* one preferences window, however often it is asked for */
  g_assert_true (GTK_WIDGET (open_preferences (fixture)) == preferences);
}

static void
test_connect_without_restart (Fixture       *fixture,
                              gconstpointer  data)
{
  gboolean keyring = g_strcmp0 (g_getenv ("LINEUP_TEST_KEYRING"), "available") == 0;
  g_autofree char *host = g_strdup (strstr (fixture->remote_root, "127.0.0.1"));
  g_autofree char *text = NULL;
  LineupPreferencesWindow *preferences;

  g_settings_set_boolean (fixture->settings, "welcome-done", TRUE);
  preferences = open_preferences (fixture);

  /* the operator fills in the account; the open window follows */
  adw_combo_row_set_selected (ADW_COMBO_ROW (lineup_test_widgets_find_row (GTK_WIDGET (preferences), "Region")), 2);
  apply_row (preferences, "Service Address", fixture->remote_root);
  apply_row (preferences, "API Key", KEY);
  g_assert_cmpint (lineup_service_get_mode (service (fixture)), ==, LINEUP_SERVICE_MODE_DEMO);
  apply_row (preferences, "API Secret", SECRET);
  wait_state (fixture, LINEUP_SERVICE_MODE_ACCOUNT, LINEUP_SERVICE_STATE_READY);

  g_assert_cmpstr (lineup_service_get_label (service (fixture)), ==, host);
  g_assert_false (gtk_widget_get_visible (GET ("mode-line")));
  /* the header names the host */
  text = lineup_app_test_collect_text (WINDOW ());
  g_assert_nonnull (strstr (text, host));
  g_assert_cmpstr (lineup_client_get_base_url (lineup_service_get_client (service (fixture))), ==,
                   lineup_demo_server_get_base_url (fixture->remote));
  g_assert_cmpuint (g_list_model_get_n_items (lineup_service_get_groups (service (fixture))), ==, 1);
  g_assert_true (keyring != lineup_keyring_has_session_secret (lineup_service_get_keyring (service (fixture)), KEY));
  lineup_test_widgets_shoot (WINDOW (), "main-account");

  /* a changed setting applies at once: a path the service does not know */
  apply_row (preferences, "Path Prefix", "/no/such/prefix");
  wait_state (fixture, LINEUP_SERVICE_MODE_ACCOUNT, LINEUP_SERVICE_STATE_FAILED);
  g_assert_cmpstr (lineup_app_test_stack_page (WINDOW (), "results-stack"), ==, "error");
  apply_row (preferences, "Path Prefix", LINEUP_DEMO_PATH);
  wait_state (fixture, LINEUP_SERVICE_MODE_ACCOUNT, LINEUP_SERVICE_STATE_READY);

  /* and back to the demo, still without a restart */
  gtk_widget_activate_action (GTK_WIDGET (preferences), "prefs.service", "s", "demo");
  wait_state (fixture, LINEUP_SERVICE_MODE_DEMO, LINEUP_SERVICE_STATE_READY);
  g_assert_true (gtk_widget_get_visible (GET ("mode-line")));
  gtk_widget_activate_action (GTK_WIDGET (preferences), "prefs.service", "s", "account");
  wait_state (fixture, LINEUP_SERVICE_MODE_ACCOUNT, LINEUP_SERVICE_STATE_READY);
}

/* The app stores, lineup-cli reads the same keyring entry. */
static void
test_cli_reads_app_secret (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (fixture->remote_root, LINEUP_DEMO_PATH, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  LineupPreferencesWindow *preferences;

  g_settings_set_boolean (fixture->settings, "welcome-done", TRUE);
  preferences = open_preferences (fixture);
  apply_row (preferences, "API Key", KEY);
  apply_row (preferences, "API Secret", SECRET);
  LINEUP_TEST_WAIT_FOR (strstr (lineup_app_test_label (GTK_WIDGET (preferences), "account-status"),
                                "stored in the keyring") != NULL, 10);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "LINEUP_API_SECRET");
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LINEUP_CLI"),
                                         "--base-url", url, "--api-key", KEY, "groups", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("lineup-cli: %s%s", out, err);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (out, "\"group_infos\""));
  g_assert_null (strstr (out, SECRET));
}

/* No keyring and no secret in memory: a clear message, and a way out. */
static void
test_no_keyring_message (Fixture       *fixture,
                         gconstpointer  data)
{
  const GError *error;

  g_settings_set_boolean (fixture->settings, "welcome-done", TRUE);
  g_settings_set_string (fixture->settings, "api-key", KEY);
  g_settings_set_boolean (fixture->settings, "use-demo", FALSE);
  lineup_service_use_account (service (fixture));
  wait_state (fixture, LINEUP_SERVICE_MODE_ACCOUNT, LINEUP_SERVICE_STATE_FAILED);

  error = lineup_service_get_error (service (fixture));
  g_assert_nonnull (strstr (error->message, "No keyring is available"));
  g_assert_nonnull (strstr (error->message, "Enter the API secret in Preferences"));
  g_assert_cmpstr (lineup_app_test_stack_page (WINDOW (), "results-stack"), ==, "error");
  g_assert_true (gtk_widget_get_visible (GET ("preferences-button")));
  lineup_test_widgets_shoot (WINDOW (), "main-no-keyring");
}

int
main (int   argc,
      char *argv[])
{
  gboolean keyring = g_strcmp0 (g_getenv ("LINEUP_TEST_KEYRING"), "available") == 0;

  if (g_getenv ("DISPLAY") == NULL)
    return 77;
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  lineup_test_widgets_init ();
  lineup_test_forbid_in_logs (SECRET);

#define ADD(path, func) \
  g_test_add ("/lineup/app/accounts/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("welcome-try-demo", test_welcome_try_demo);
  ADD ("welcome-connect-account", test_welcome_connect_account);
  ADD ("connect-without-restart", test_connect_without_restart);
  if (keyring)
    ADD ("cli-reads-app-secret", test_cli_reads_app_secret);
  else
    ADD ("no-keyring-message", test_no_keyring_message);
#undef ADD

  return g_test_run ();
}
