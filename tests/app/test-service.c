/* test-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "lineup-app-test-util.h"
#include "lineup-demo-server.h"
#include "lineup-search-page.h"
#include "lineup-test-util.h"
#include "lineup-window.h"

/* The service object and a window following it: a service that fails
 * at start is never a dead end, and switching services needs no
 * restart. Accounts come from the environment here, as in scripted
 * demos; the "real" service is a second demo server on loopback. */

typedef struct
{
  GSettings        *settings;
  LineupService    *service;
  LineupWindow     *window;
  LineupDemoServer *remote;
} Fixture;

#define GET(name) lineup_app_test_get (GTK_WIDGET (fixture->window), (name))
#define PAGE(name) lineup_app_test_stack_page (GTK_WIDGET (fixture->window), (name))

static char *
closed_port_url (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return g_strdup_printf ("http://127.0.0.1:%u" LINEUP_DEMO_PATH, port);
}

static void
start_remote (Fixture    *fixture,
              const char *secret)
{
  g_autoptr(GError) error = NULL;

  fixture->remote = lineup_demo_server_new ("remote-key", secret);
  g_assert_true (lineup_demo_server_start (fixture->remote, 0, &error));
}

static void
use_account (const char *url,
             const char *secret)
{
  g_setenv ("LINEUP_API_KEY", "remote-key", TRUE);
  g_setenv ("LINEUP_API_SECRET", secret, TRUE);
  g_setenv ("LINEUP_BASE_URL", url, TRUE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new (SCHEMA_ID);
  g_settings_reset (fixture->settings, "use-demo");
  /* a returning user: the welcome page was answered */
  g_settings_set_boolean (fixture->settings, "welcome-done", TRUE);
  g_unsetenv ("LINEUP_API_KEY");
  g_unsetenv ("LINEUP_API_SECRET");
  g_unsetenv ("LINEUP_BASE_URL");
}

static void
open_window (Fixture *fixture)
{
  fixture->service = lineup_service_new (fixture->settings);
  fixture->window = g_object_ref_sink (lineup_window_new (NULL, fixture->service));
  gtk_window_present (GTK_WINDOW (fixture->window));
  lineup_service_start (fixture->service);
  LINEUP_TEST_WAIT_FOR (lineup_service_get_state (fixture->service) == LINEUP_SERVICE_STATE_READY ||
                        lineup_service_get_state (fixture->service) == LINEUP_SERVICE_STATE_FAILED, 30);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lineup_app_test_destroy_window (g_steal_pointer (&fixture->window));
  lineup_service_shutdown (fixture->service);
  lineup_app_test_finalize (g_steal_pointer (&fixture->service));
  if (fixture->remote != NULL)
    {
      lineup_demo_server_stop (fixture->remote);
      g_clear_object (&fixture->remote);
    }
  g_clear_object (&fixture->settings);
}

static void
wait_state (Fixture            *fixture,
            LineupServiceState  state)
{
  LINEUP_TEST_WAIT_FOR (lineup_service_get_state (fixture->service) == state, 30);
}

static void
test_closed_port_then_try_again (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *closed = closed_port_url ();
  AdwStatusPage *page;

  use_account (closed, "right");
  open_window (fixture);
  wait_state (fixture, LINEUP_SERVICE_STATE_FAILED);

  /* What happened, in plain words, and a Try Again that works. */
  g_assert_cmpstr (PAGE ("results-stack"), ==, "error");
  page = ADW_STATUS_PAGE (GET ("error-page"));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Service Unavailable");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "refused the connection"));
  gtk_expander_set_expanded (GTK_EXPANDER (GET ("error-details-expander")), TRUE);
  g_assert_nonnull (strstr (lineup_app_test_label (GTK_WIDGET (fixture->window), "error-details"), "g-io-error-quark"));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (GET ("try-again-button"))), ==, "win.retry-service");
  g_assert_true (gtk_widget_is_sensitive (GET ("try-again-button")));
  g_assert_true (gtk_widget_get_visible (GET ("use-demo-button")));

  /* The service comes up; Try Again finds it and the error page goes. */
  start_remote (fixture, "right");
  use_account (lineup_demo_server_get_base_url (fixture->remote), "right");
  gtk_widget_activate_action (GET ("try-again-button"), "win.retry-service", NULL);
  wait_state (fixture, LINEUP_SERVICE_STATE_READY);
  g_assert_cmpstr (PAGE ("results-stack"), ==, "idle");
  g_assert_cmpuint (g_list_model_get_n_items (lineup_service_get_groups (fixture->service)), ==, 1);
}

static void
test_narrow_window_shows_error (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *closed = closed_port_url ();
  LineupSearchPage *page;

  use_account (closed, "right");
  fixture->service = lineup_service_new (fixture->settings);
  fixture->window = g_object_ref_sink (lineup_window_new (NULL, fixture->service));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 640);
  gtk_window_present (GTK_WINDOW (fixture->window));
  page = LINEUP_SEARCH_PAGE (GET ("search-page"));
  LINEUP_TEST_WAIT_FOR (lineup_search_page_get_folded (page), 20);
  lineup_service_start (fixture->service);
  wait_state (fixture, LINEUP_SERVICE_STATE_FAILED);

  /* Narrow, the error is a page of its own: it is the one on show, not
   * a photo pane with a greyed-out Search and no reason given. */
  g_assert_true (lineup_search_page_get_results_shown (page));
  g_assert_cmpstr (PAGE ("results-stack"), ==, "error");
}

static void
test_wrong_secret_use_demo (Fixture       *fixture,
                            gconstpointer  data)
{
  AdwStatusPage *page;

  start_remote (fixture, "right");
  use_account (lineup_demo_server_get_base_url (fixture->remote), "wrong");
  open_window (fixture);
  wait_state (fixture, LINEUP_SERVICE_STATE_FAILED);

  page = ADW_STATUS_PAGE (GET ("error-page"));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "secret"));
  g_assert_false (gtk_widget_get_visible (GET ("header-samples-button")));

  /* Use the Demo Service: the same window now works offline. */
  gtk_widget_activate_action (GET ("use-demo-button"), "win.use-demo", NULL);
  wait_state (fixture, LINEUP_SERVICE_STATE_READY);
  g_assert_cmpint (lineup_service_get_mode (fixture->service), ==, LINEUP_SERVICE_MODE_DEMO);
  g_assert_cmpstr (PAGE ("results-stack"), ==, "idle");
  g_assert_true (gtk_widget_get_visible (GET ("header-samples-button")));
  g_assert_cmpstr (lineup_service_get_label (fixture->service), ==, "Built-in demo service");
}

static void
test_server_error (Fixture       *fixture,
                   gconstpointer  data)
{
  start_remote (fixture, "right");
  lineup_demo_server_set_fault (fixture->remote, "group_list", LINEUP_DEMO_FAULT_HTML_502, 0);
  use_account (lineup_demo_server_get_base_url (fixture->remote), "right");
  open_window (fixture);
  wait_state (fixture, LINEUP_SERVICE_STATE_FAILED);

  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (GET ("error-page"))), "502"));

  lineup_demo_server_clear_faults (fixture->remote);
  gtk_widget_activate_action (GET ("try-again-button"), "win.retry-service", NULL);
  wait_state (fixture, LINEUP_SERVICE_STATE_READY);
  g_assert_cmpstr (PAGE ("results-stack"), ==, "idle");
}

static void
test_switch_while_running (Fixture       *fixture,
                           gconstpointer  data)
{
  /* Demo first, with an open window. */
  open_window (fixture);
  g_assert_cmpint (lineup_service_get_state (fixture->service), ==, LINEUP_SERVICE_STATE_READY);
  g_assert_cmpint (lineup_service_get_mode (fixture->service), ==, LINEUP_SERVICE_MODE_DEMO);
  g_assert_nonnull (lineup_service_get_demo (fixture->service));

  /* Then an account, without a restart: the window follows. */
  start_remote (fixture, "right");
  use_account (lineup_demo_server_get_base_url (fixture->remote), "right");
  lineup_service_use_account (fixture->service);
  wait_state (fixture, LINEUP_SERVICE_STATE_READY);
  g_assert_cmpint (lineup_service_get_mode (fixture->service), ==, LINEUP_SERVICE_MODE_ACCOUNT);
  g_assert_cmpstr (lineup_service_get_label (fixture->service), ==, "127.0.0.1");
  g_assert_null (lineup_service_get_demo (fixture->service));
  g_assert_false (gtk_widget_get_visible (GET ("header-samples-button")));
  g_assert_cmpstr (lineup_client_get_base_url (lineup_service_get_client (fixture->service)), ==,
                   lineup_demo_server_get_base_url (fixture->remote));

  /* And back. */
  lineup_service_use_demo (fixture->service);
  wait_state (fixture, LINEUP_SERVICE_STATE_READY);
  g_assert_cmpint (lineup_service_get_mode (fixture->service), ==, LINEUP_SERVICE_MODE_DEMO);
  g_assert_true (gtk_widget_get_visible (GET ("header-samples-button")));
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/lineup/app/service/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("closed-port-then-try-again", test_closed_port_then_try_again);
  ADD ("narrow-window-shows-error", test_narrow_window_shows_error);
  ADD ("wrong-secret-use-demo", test_wrong_secret_use_demo);
  ADD ("server-error", test_server_error);
  ADD ("switch-while-running", test_switch_while_running);
#undef ADD

  return g_test_run ();
}
