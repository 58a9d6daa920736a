/* test-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "lineup-app-test-util.h"
#include "lineup-demo-server.h"
#include "lineup-preferences-window.h"
#include "lineup-test-util.h"
#include "lineup-test-widgets.h"

/* The preferences window driven as a user would: rows found by their
 * titles (their accessible names), apply buttons, the service radio
 * action, Test Connection against real servers on loopback. Without
 * $LINEUP_TEST_KEYRING=available there is no keyring (the session bus
 * address points nowhere), so secrets fall back to memory; under
 * tests/keyring-session.sh they land in a real keyring. */

#define KEY    "prefs-test-key"
#define SECRET "prefs-test-secret-Zt9!not-in-settings"

typedef struct
{
  GSettings        *settings;
  LineupKeyring    *keyring;
  LineupDemoServer *server;
  char             *server_root;   /* http://127.0.0.1:PORT */
  GtkWidget        *window;
  guint             applied;
} Fixture;

static void
on_applied (GtkWidget *window,
            Fixture   *fixture)
{
  fixture->applied++;
}

static void
open_window (Fixture *fixture)
{
  fixture->window = lineup_preferences_window_new (fixture->settings, fixture->keyring);
  g_signal_connect (fixture->window, "applied", G_CALLBACK (on_applied), fixture);
  lineup_test_widgets_present (fixture->window);
}

static void
close_window (Fixture *fixture)
{
  GtkWidget *window = g_steal_pointer (&fixture->window);

  g_object_ref (window);
  lineup_test_widgets_dismiss (window);
  lineup_test_widgets_settle ();
  g_assert_finalize_object (window);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *url;

  fixture->settings = g_settings_new (SCHEMA_ID);
  fixture->keyring = lineup_keyring_new ();
  fixture->server = lineup_demo_server_new (KEY, SECRET);
  g_assert_true (lineup_demo_server_start (fixture->server, 0, &error));
  g_assert_no_error (error);
  url = lineup_demo_server_get_base_url (fixture->server);
  fixture->server_root = g_strndup (url, strstr (url, LINEUP_DEMO_PATH) - url);
  open_window (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    close_window (fixture);
  lineup_demo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  g_free (fixture->server_root);
  lineup_keyring_clear_sync (fixture->keyring, KEY, NULL, NULL);
  g_clear_object (&fixture->keyring);

  lineup_test_reset_settings (fixture->settings);
  g_clear_object (&fixture->settings);
}

static GtkWidget *
row (Fixture    *fixture,
     const char *title)
{
  return lineup_test_widgets_find_row (fixture->window, title);
}

static void
type_and_apply (Fixture    *fixture,
                const char *title,
                const char *text)
{
  GtkWidget *entry_row = row (fixture, title);

  g_assert_true (ADW_IS_ENTRY_ROW (entry_row));
  gtk_editable_set_text (GTK_EDITABLE (entry_row), text);
  g_signal_emit_by_name (entry_row, "apply");
  lineup_test_widgets_settle ();
}

static const char *
status_text (Fixture *fixture)
{
  return gtk_label_get_text (GTK_LABEL (lineup_app_test_get (fixture->window, "account-status")));
}

/* No setting, of whatever type, holds the secret. */
static void
assert_secret_not_in_settings (Fixture *fixture)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (fixture->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (fixture->settings, keys[i]);
      g_autofree char *printed = g_variant_print (value, FALSE);

      g_assert_null (strstr (printed, SECRET));
    }
}

static void
test_rows_by_name (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const titles[] = {
    "Built-in demo", "FaceSearch account", "Region", "Service Address", "Path Prefix", "API Key", "API Secret",
    "Signature Validity", "Connection Timeout", "Request Timeout", "Maximum Concurrent Lookups",
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_nonnull (row (fixture, titles[i]));
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (row (fixture, "API Secret")));
  g_assert_true (GTK_IS_BUTTON (lineup_test_widgets_find_button (fixture->window, "Test Connection")));
  /* the custom address only shows for a custom service */
  g_assert_false (gtk_widget_get_visible (row (fixture, "Service Address")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture, "Path Prefix"))), ==,
                   "/finauth/search/group");
  lineup_test_widgets_shoot (fixture->window, "preferences");
}

static void
test_service_choice (Fixture       *fixture,
                     gconstpointer  data)
{
  g_assert_true (g_settings_get_boolean (fixture->settings, "use-demo"));

  gtk_widget_activate_action (fixture->window, "prefs.service", "s", "account");
  g_assert_false (g_settings_get_boolean (fixture->settings, "use-demo"));
  g_assert_cmpuint (fixture->applied, ==, 1);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (
    lineup_test_widgets_find_check (row (fixture, "FaceSearch account")))));

  /* the same choice again changes nothing */
  gtk_widget_activate_action (fixture->window, "prefs.service", "s", "account");
  g_assert_cmpuint (fixture->applied, ==, 1);

  gtk_widget_activate_action (fixture->window, "prefs.service", "s", "demo");
  g_assert_true (g_settings_get_boolean (fixture->settings, "use-demo"));
  g_assert_cmpuint (fixture->applied, ==, 2);

  /* Connect an Account: the focus goes to the key; nothing switches yet */
  lineup_preferences_window_show_account (LINEUP_PREFERENCES_WINDOW (fixture->window));
  g_assert_true (g_settings_get_boolean (fixture->settings, "use-demo"));
  LINEUP_TEST_WAIT_FOR (lineup_test_widgets_focus_within (row (fixture, "API Key")), 10);
}

static void
test_region_and_address (Fixture       *fixture,
                         gconstpointer  data)
{
  AdwComboRow *region = ADW_COMBO_ROW (row (fixture, "Region"));
  g_autofree char *root = NULL;

  adw_combo_row_set_selected (region, 1);
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "region"), ==, "indonesia");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (region)), ==, "https://api-idn.yljz.com");
  g_assert_cmpuint (fixture->applied, ==, 1);

  /* custom: taken on once it has an address */
  adw_combo_row_set_selected (region, 2);
  g_assert_true (gtk_widget_get_visible (row (fixture, "Service Address")));
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "region"), ==, "indonesia");
  g_assert_cmpuint (fixture->applied, ==, 1);

  type_and_apply (fixture, "Service Address", "not an address");
  g_assert_true (gtk_widget_has_css_class (row (fixture, "Service Address"), "error"));
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "region"), ==, "indonesia");

  type_and_apply (fixture, "Service Address", fixture->server_root);
  g_assert_false (gtk_widget_has_css_class (row (fixture, "Service Address"), "error"));
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "region"), ==, "custom");
  root = g_settings_get_string (fixture->settings, "custom-base-url");
  g_assert_cmpstr (root, ==, fixture->server_root);
  g_assert_false (g_settings_get_boolean (fixture->settings, "allow-insecure-http"));

  type_and_apply (fixture, "Path Prefix", "v2/faces/");
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "path-prefix"), ==, "/v2/faces");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture, "Path Prefix"))), ==, "/v2/faces");
}

/* The plain-HTTP question: an AdwAlertDialog from libadwaita 1.5, an
 * AdwMessageDialog below. */
static GtkWidget *
find_dialog (void)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return lineup_app_test_find_toplevel (ADW_TYPE_ALERT_DIALOG);
#else
  return lineup_app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
#endif
}

static char *
dialog_heading (GtkWidget *dialog)
{
  char *heading = NULL;

  g_object_get (dialog, "heading", &heading, NULL);
  return heading;
}

/* A click on the response button labelled @label; the dialog goes. */
static void
respond (GtkWidget  *dialog,
         const char *label)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_signal_emit_by_name (lineup_test_widgets_find_button (dialog, label), "clicked");
  LINEUP_TEST_WAIT_FOR (dialog == NULL, 10);
  lineup_test_widgets_settle ();
}

static void
test_plain_http_needs_consent (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  adw_combo_row_set_selected (ADW_COMBO_ROW (row (fixture, "Region")), 2);

  type_and_apply (fixture, "Service Address", "http://faces.example.com");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  heading = dialog_heading (dialog);
  g_assert_cmpstr (heading, ==, "Send Key Unencrypted?");
  lineup_test_widgets_shoot (dialog, "plain-http-warning");
  respond (dialog, "_Cancel");
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "custom-base-url"), ==, "");
  g_assert_true (gtk_widget_has_css_class (row (fixture, "Service Address"), "error"));

  type_and_apply (fixture, "Service Address", "http://faces.example.com");
  dialog = find_dialog ();
  respond (dialog, "_Use Plain HTTP");
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "custom-base-url"), ==, "http://faces.example.com");
  g_assert_true (g_settings_get_boolean (fixture->settings, "allow-insecure-http"));
  g_assert_nonnull (strstr (status_text (fixture), "unencrypted"));

  /* an https address takes the consent back */
  type_and_apply (fixture, "Service Address", "https://faces.example.com");
  g_assert_null (find_dialog ());
  g_assert_false (g_settings_get_boolean (fixture->settings, "allow-insecure-http"));

  /* loopback needs no consent */
  type_and_apply (fixture, "Service Address", "http://127.0.0.1:9");
  g_assert_null (find_dialog ());
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "custom-base-url"), ==, "http://127.0.0.1:9");
}

static void
test_key_and_secret (Fixture       *fixture,
                     gconstpointer  data)
{
  gboolean keyring = g_strcmp0 (g_getenv ("LINEUP_TEST_KEYRING"), "available") == 0;
  g_autofree char *found = NULL;
  g_autoptr(GError) error = NULL;

  type_and_apply (fixture, "API Secret", SECRET);
  /* no key yet: nothing stored, and the secret stays where it was typed */
  g_assert_false (lineup_keyring_has_session_secret (fixture->keyring, ""));

  type_and_apply (fixture, "API Key", "  " KEY " ");
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "api-key"), ==, KEY);
  LINEUP_TEST_WAIT_FOR (strstr (status_text (fixture), "No API secret is stored") != NULL ||
                        strstr (status_text (fixture), "keyring") != NULL, 10);

  type_and_apply (fixture, "API Secret", SECRET);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture, "API Secret"))), ==, "");
  if (keyring)
    {
      LINEUP_TEST_WAIT_FOR (strstr (status_text (fixture), "stored in the keyring") != NULL, 10);
      g_assert_false (lineup_keyring_has_session_secret (fixture->keyring, KEY));
    }
  else
    {
      /* no keyring: said so, and kept for the session */
      LINEUP_TEST_WAIT_FOR (strstr (status_text (fixture), "only until Lineup quits") != NULL, 10);
      g_assert_nonnull (strstr (status_text (fixture), "No keyring is available"));
      g_assert_true (lineup_keyring_has_session_secret (fixture->keyring, KEY));
      lineup_test_widgets_shoot (fixture->window, "no-keyring");
    }
  found = lineup_keyring_lookup_sync (fixture->keyring, KEY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, SECRET);
  g_assert_cmpuint (fixture->applied, >=, 2);
  /* entering the secret is asking to use the account */
  g_assert_false (g_settings_get_boolean (fixture->settings, "use-demo"));
  g_assert_cmpstr (gtk_check_button_get_active (GTK_CHECK_BUTTON (
    lineup_test_widgets_find_check (row (fixture, "FaceSearch account")))) ? "account" : "demo", ==, "account");
  assert_secret_not_in_settings (fixture);
}

static void
test_requests_settings (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkSpinButton *validity = GTK_SPIN_BUTTON (lineup_test_widgets_find_spin (row (fixture, "Signature Validity")));
  GtkSpinButton *lookups = GTK_SPIN_BUTTON (lineup_test_widgets_find_spin (row (fixture, "Maximum Concurrent Lookups")));

  g_assert_cmpfloat (gtk_spin_button_get_value (validity), ==, 100);
  gtk_spin_button_set_value (validity, 250);
  gtk_spin_button_set_value (lookups, 3);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "signature-validity"), ==, 250);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "max-concurrency"), ==, 3);

  /* the service is told once the buttons rest */
  g_assert_cmpuint (fixture->applied, ==, 0);
  LINEUP_TEST_WAIT_FOR (fixture->applied == 1, 5);

  /* and a change closing the window does not wait */
  gtk_spin_button_set_value (lookups, 4);
  close_window (fixture);
  g_assert_cmpuint (fixture->applied, ==, 2);
}

static void
test_persistence (Fixture       *fixture,
                  gconstpointer  data)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (fixture, "Region")), 2);
  type_and_apply (fixture, "Service Address", "https://faces.example.com:8443");
  type_and_apply (fixture, "API Key", KEY);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (lineup_test_widgets_find_spin (row (fixture, "Request Timeout"))), 90);
  close_window (fixture);

  open_window (fixture);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row (fixture, "Region"))), ==, 2);
  g_assert_true (gtk_widget_get_visible (row (fixture, "Service Address")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture, "Service Address"))), ==,
                   "https://faces.example.com:8443");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture, "API Key"))), ==, KEY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture, "API Secret"))), ==, "");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (
    lineup_test_widgets_find_spin (row (fixture, "Request Timeout")))), ==, 90);
}

/* Test Connection */

static LineupConnectionOutcome *
test_connection (Fixture *fixture)
{
  LineupPreferencesWindow *window = LINEUP_PREFERENCES_WINDOW (fixture->window);
  LineupConnectionOutcome *before = lineup_preferences_window_get_outcome (window);

  gtk_widget_activate_action (fixture->window, "prefs.test-connection", NULL);
  LINEUP_TEST_WAIT_FOR (lineup_preferences_window_get_outcome (window) != before &&
                        gtk_widget_is_sensitive (lineup_test_widgets_find_button (fixture->window, "Test Connection")),
                        30);
  return lineup_preferences_window_get_outcome (window);
}

static void
use_address (Fixture    *fixture,
             const char *root)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (fixture, "Region")), 2);
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "Service Address")), root);
}

static void
assert_outcome (Fixture                *fixture,
                LineupConnectionStatus  status,
                const char             *title,
                const char             *shot)
{
  LineupConnectionOutcome *outcome = test_connection (fixture);
  AdwActionRow *test_row = ADW_ACTION_ROW (row (fixture, title));

  g_assert_cmpint (lineup_connection_outcome_get_status (outcome), ==, status);
  g_assert_cmpstr (adw_action_row_get_subtitle (test_row), ==, lineup_connection_outcome_get_detail (outcome));
  /* as after a click: the button's group is in view */
  lineup_test_widgets_scroll_to (lineup_test_widgets_find_button (fixture->window, "Test Connection"));
  lineup_test_widgets_shoot (fixture->window, shot);
}

static void
test_connection_outcomes (Fixture       *fixture,
                          gconstpointer  data)
{
  static const LineupTestCanned tls_reply = { 200, "application/json", "{\"request_id\":\"1,x\",\"group_infos\":[]}" };
  static const LineupTestCanned html = { 200, "text/html", "<!doctype html><title>Welcome</title>" };
  g_autofree char *closed = g_strdup_printf ("http://127.0.0.1:%u", lineup_test_closed_port ());
  g_autofree char *tls_url = NULL;
  g_autofree char *html_url = NULL;
  g_autoptr(SoupServer) tls_server = lineup_test_canned_server_new (&tls_reply, TRUE, &tls_url);
  g_autoptr(SoupServer) html_server = lineup_test_canned_server_new (&html, FALSE, &html_url);

  /* what the rows show is tested, applied or not */
  use_address (fixture, fixture->server_root);
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "API Key")), KEY);
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "API Secret")), SECRET);
  assert_outcome (fixture, LINEUP_CONNECTION_CONNECTED, "Connected", "test-connected");
  g_assert_cmpuint (fixture->applied, ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "API Secret")), "not-the-secret");
  assert_outcome (fixture, LINEUP_CONNECTION_WRONG_CREDENTIALS, "Wrong API key or secret", "test-wrong-secret");

  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "API Secret")), SECRET);
  lineup_demo_server_set_clock_offset (fixture->server, 3 * 3600);
  assert_outcome (fixture, LINEUP_CONNECTION_CLOCK_SKEW, "Clock skew suspected", "test-clock-skew");
  lineup_demo_server_set_clock_offset (fixture->server, 0);

  use_address (fixture, closed);
  assert_outcome (fixture, LINEUP_CONNECTION_UNREACHABLE, "Host unreachable", "test-unreachable");

  *strstr (tls_url, "/finauth") = '\0';
  use_address (fixture, tls_url);
  assert_outcome (fixture, LINEUP_CONNECTION_TLS_FAILURE, "Secure connection failed", "test-tls");

  *strstr (html_url, "/finauth") = '\0';
  use_address (fixture, html_url);
  assert_outcome (fixture, LINEUP_CONNECTION_NOT_FACESEARCH, "Not a FaceSearch service", "test-not-facesearch");

  use_address (fixture, "http://faces.example.com");
  assert_outcome (fixture, LINEUP_CONNECTION_BAD_ADDRESS, "Unencrypted connection refused", "test-plain-http");

  /* nothing typed: the secret comes from the keyring, or its stand-in */
  use_address (fixture, fixture->server_root);
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "API Secret")), "");
  assert_outcome (fixture, LINEUP_CONNECTION_BAD_ADDRESS, "Key or secret missing", "test-no-secret");
  lineup_keyring_store_sync (fixture->keyring, KEY, SECRET, NULL, NULL);
  assert_outcome (fixture, LINEUP_CONNECTION_CONNECTED, "Connected", "test-connected-keyring");

  g_assert_cmpuint (fixture->applied, ==, 0);
  assert_secret_not_in_settings (fixture);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL)
    return 77;
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  lineup_test_widgets_init ();
  lineup_test_forbid_in_logs (SECRET);

#define ADD(path, func) \
  g_test_add ("/lineup/app/preferences/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("rows-by-name", test_rows_by_name);
  ADD ("service-choice", test_service_choice);
  ADD ("region-and-address", test_region_and_address);
  ADD ("plain-http-needs-consent", test_plain_http_needs_consent);
  ADD ("key-and-secret", test_key_and_secret);
  ADD ("requests-settings", test_requests_settings);
  ADD ("persistence", test_persistence);
  ADD ("connection-outcomes", test_connection_outcomes);
#undef ADD

  return g_test_run ();
}
