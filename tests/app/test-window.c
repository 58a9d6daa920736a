/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "lineup-app-test-util.h"
#include "lineup-demo-seed.h"
#include "lineup-demo-server.h"
#include "lineup-help-window.h"
#include "lineup-match-detail.h"
#include "lineup-match-row.h"
#include "lineup-results-pane.h"
#include "lineup-search-page.h"
#include "lineup-test-util.h"
#include "lineup-window.h"

/* The real window on the real service object, running the built-in demo
 * service: open a photo, search through the window's actions, read what
 * a user would read. */

typedef struct
{
  GSettings     *settings;
  LineupService *service;
  LineupWindow  *window;
} Fixture;

#define GET(name) lineup_app_test_get (GTK_WIDGET (fixture->window), (name))
#define PAGE(name) lineup_app_test_stack_page (GTK_WIDGET (fixture->window), (name))
#define LABEL(name) lineup_app_test_label (GTK_WIDGET (fixture->window), (name))

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new (SCHEMA_ID);
  g_settings_reset (fixture->settings, "threshold");
  g_settings_reset (fixture->settings, "limit");
  g_settings_reset (fixture->settings, "rotate");
  /* a returning user: the welcome page was answered */
  g_settings_set_boolean (fixture->settings, "welcome-done", TRUE);
  fixture->service = lineup_app_test_demo_service (fixture->settings);

  fixture->window = g_object_ref_sink (lineup_window_new (NULL, fixture->service));
  gtk_window_present (GTK_WINDOW (fixture->window));

  /* The library list arrives from the service. */
  LINEUP_TEST_WAIT_FOR (adw_combo_row_get_selected_item (ADW_COMBO_ROW (GET ("group-row"))) != NULL, 20);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *detail;

  while ((detail = lineup_app_test_find_toplevel (LINEUP_TYPE_MATCH_DETAIL)))
    gtk_window_destroy (GTK_WINDOW (detail));
  if (fixture->window != NULL)
    lineup_app_test_destroy_window (g_steal_pointer (&fixture->window));
  lineup_service_shutdown (fixture->service);
  lineup_app_test_finalize (g_steal_pointer (&fixture->service));
  g_clear_object (&fixture->settings);
}

static LineupDemoServer *
demo_server (Fixture *fixture)
{
  return LINEUP_DEMO_SERVER (lineup_app_test_demo_server (fixture->service));
}

static void
open_probe (Fixture         *fixture,
            LineupDemoProbe  probe)
{
  lineup_app_test_open_probe (fixture->window, probe);
}

static GPtrArray *
rows (Fixture *fixture)
{
  GPtrArray *array = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GET ("results-list")); child;
       child = gtk_widget_get_next_sibling (child))
    if (LINEUP_IS_MATCH_ROW (child))
      g_ptr_array_add (array, child);
  return array;
}

static const char *
row_label (GtkWidget  *row,
           const char *name)
{
  return lineup_app_test_label (row, name);
}

static gboolean
all_faces_loaded (Fixture *fixture)
{
  g_autoptr(GPtrArray) list = rows (fixture);

  for (guint i = 0; i < list->len; i++)
    if (lineup_match_get_face (lineup_match_row_get_match (g_ptr_array_index (list, i))) == NULL)
      return FALSE;
  return list->len > 0;
}

static void
search (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  g_assert_cmpstr (PAGE ("results-stack"), ==, "searching");
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (PAGE ("results-stack"), "searching") != 0, 20);
}

static void
test_search_fills_rows (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  double previous = 101;

  g_assert_cmpstr (PAGE ("results-stack"), ==, "idle");
  open_probe (fixture, LINEUP_DEMO_PROBE_STRONG);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (GET ("limit-spin")), 5);
  search (fixture);
  g_assert_cmpstr (PAGE ("results-stack"), ==, "results");
  LINEUP_TEST_WAIT_FOR (all_faces_loaded (fixture), 20);

  list = rows (fixture);
  g_assert_cmpuint (list->len, ==, 5);
  for (guint i = 0; i < list->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (list, i);
      LineupMatch *match = lineup_match_row_get_match (LINEUP_MATCH_ROW (row));
      g_autofree char *rank = g_strdup_printf ("%u", i + 1);

      g_assert_cmpstr (row_label (row, "rank"), ==, rank);
      g_assert_cmpfloat (lineup_match_get_score (match), <=, previous);
      previous = lineup_match_get_score (match);
    }

  /* The best row is the enrolled person, with their stored details. */
  g_assert_cmpstr (row_label (g_ptr_array_index (list, 0), "user-id"), ==, "emp-0004");
  g_assert_true (g_str_has_prefix (row_label (g_ptr_array_index (list, 0), "user-data"), "Dmitri Volkov"));
  g_assert_cmpstr (row_label (g_ptr_array_index (list, 0), "verdict"), ==, "Above");
  g_assert_cmpstr (row_label (g_ptr_array_index (list, 1), "verdict"), ==, "Below");
  g_assert_cmpstr (LABEL ("results-title"), ==, "1 Match");
  /* The summary names the library by its name; the request id is not there. */
  g_assert_nonnull (strstr (LABEL ("results-summary"), "in “"));
  g_assert_null (strstr (LABEL ("results-summary"), "request"));
}

static void
test_threshold_rejudges (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  GtkSpinButton *threshold = NULL;
  g_autofree char *shown = NULL;
  double shown_value;

  open_probe (fixture, LINEUP_DEMO_PROBE_STRONG);
  search (fixture);
  list = rows (fixture);

  /* Moving the threshold re-judges the rows without a new search. */
  threshold = GTK_SPIN_BUTTON (GET ("threshold-spin"));
  gtk_spin_button_set_value (threshold, 99.9);
  g_assert_cmpstr (row_label (g_ptr_array_index (list, 0), "verdict"), ==, "Below");
  g_assert_cmpstr (LABEL ("results-title"), ==, "No match above 99.9");
  /* Rotation detection is off: the hint says it may help. */
  g_assert_true (gtk_widget_get_visible (GET ("rotate-hint")));
  gtk_spin_button_set_value (threshold, 10);
  g_assert_cmpstr (row_label (g_ptr_array_index (list, 0), "verdict"), ==, "Above");

  /* A threshold equal to the score as shown is not passed: the verdict
   * follows the number on screen, not hidden decimals. */
  shown = g_strdup (row_label (g_ptr_array_index (list, 0), "score"));
  shown_value = g_ascii_strtod (shown, NULL);
  gtk_spin_button_set_value (threshold, shown_value);
  g_assert_cmpstr (row_label (g_ptr_array_index (list, 0), "verdict"), ==, "Below");
  gtk_spin_button_set_value (threshold, shown_value - 0.1);
  g_assert_cmpstr (row_label (g_ptr_array_index (list, 0), "verdict"), ==, "Above");

  /* The slider keeps the threshold at the precision shown. */
  gtk_range_set_value (GTK_RANGE (GET ("threshold-scale")), 80.04);
  g_assert_cmpfloat (gtk_spin_button_get_value (threshold), ==, 80.0);

  /* The vendor's presets set the same threshold. */
  gtk_widget_activate_action (GET ("probe-pane"), "probe.threshold-preset", "d", 95.0);
  g_assert_cmpfloat (gtk_spin_button_get_value (threshold), ==, 95.0);
}

static void
test_spin_refuses_text (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkSpinButton *limit = GTK_SPIN_BUTTON (GET ("limit-spin"));
  GtkSpinButton *threshold = GTK_SPIN_BUTTON (GET ("threshold-spin"));
  g_autofree char *text = NULL;

  gtk_spin_button_set_value (limit, 7);
  gtk_editable_set_text (GTK_EDITABLE (limit), "abc");
  gtk_spin_button_update (limit);
  g_assert_cmpfloat (gtk_spin_button_get_value (limit), ==, 7);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (limit)), ==, "7");

  /* The limit is a whole number. */
  gtk_editable_set_text (GTK_EDITABLE (limit), "2.5");
  gtk_spin_button_update (limit);
  g_assert_cmpfloat (gtk_spin_button_get_value (limit), ==, 7);

  gtk_editable_set_text (GTK_EDITABLE (threshold), "high");
  gtk_spin_button_update (threshold);
  g_assert_cmpfloat (gtk_spin_button_get_value (threshold), ==, 75);

  /* The toast says why. */
  text = lineup_app_test_collect_text (GTK_WIDGET (fixture->window));
  g_assert_nonnull (strstr (text, "is not a number"));
}

static void
test_bad_image_keeps_previous (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-test-XXXXXX", &error);
  g_autofree char *gif = g_build_filename (dir, "animation.gif", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (gif);
  g_autofree char *info_before = NULL;

  open_probe (fixture, LINEUP_DEMO_PROBE_WEAK);
  info_before = g_strdup (LABEL ("image-info"));

  g_file_set_contents (gif, "GIF89a\x01\x00\x01\x00\x00\x00\x00;", 14, &error);
  g_assert_no_error (error);
  lineup_window_open_files (fixture->window, &file, 1);
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (PAGE ("image-stack"), "loading") != 0, 20);

  /* The GIF is refused with a message; the photo before it stays. */
  g_assert_cmpstr (PAGE ("image-stack"), ==, "image");
  g_assert_cmpstr (LABEL ("image-info"), ==, info_before);
}

static void
test_several_files_first_used (Fixture       *fixture,
                               gconstpointer  data)
{
  GFile *files[2] = {
    lineup_test_write_probe (LINEUP_DEMO_PROBE_WEAK),
    lineup_test_write_probe (LINEUP_DEMO_PROBE_STRONG),
  };
  g_autofree char *text = NULL;

  lineup_window_open_files (fixture->window, files, 2);
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (PAGE ("image-stack"), "image") == 0, 20);
  g_assert_true (g_str_has_prefix (LABEL ("image-info"), "probe-weak.jpg"));
  text = lineup_app_test_collect_text (GTK_WIDGET (fixture->window));
  g_assert_nonnull (strstr (text, "Only the first of 2 files is used"));

  g_object_unref (files[0]);
  g_object_unref (files[1]);
}

static void
test_open_sample (Fixture       *fixture,
                  gconstpointer  data)
{
  /* Offered on the demo service, labelled, in the empty photo area. */
  g_assert_true (gtk_widget_get_visible (GET ("samples-button")));
  g_assert_true (gtk_widget_get_visible (GET ("header-samples-button")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-sample", "u", LINEUP_DEMO_PROBE_WEAK);
  LINEUP_TEST_WAIT_FOR (g_str_has_prefix (LABEL ("image-info"), "probe-weak.jpg"), 20);
  g_assert_cmpstr (PAGE ("image-stack"), ==, "image");
}

static void
test_new_photo_marks_results_stale (Fixture       *fixture,
                                    gconstpointer  data)
{
  GtkWidget *list = GET ("results-list");

  open_probe (fixture, LINEUP_DEMO_PROBE_STRONG);
  search (fixture);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (GET ("stale-bar"))));

  /* A new photo: the results on show are the previous photo's. */
  open_probe (fixture, LINEUP_DEMO_PROBE_STRANGER);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (GET ("stale-bar"))));
  g_assert_true (gtk_widget_has_css_class (list, "stale"));
  g_assert_cmpstr (LABEL ("stale-label"), ==, "These results are for the previous photo");

  /* The bar's Search searches the new photo, and the mark goes. */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (GET ("stale-search-button"))), ==, "search.run");
  gtk_widget_activate_action (GET ("stale-search-button"), "search.run", NULL);
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (PAGE ("results-stack"), "searching") != 0, 20);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (GET ("stale-bar"))));
  g_assert_false (gtk_widget_has_css_class (list, "stale"));
}

static gboolean
no_face_set (LineupSearchResult *result)
{
  GListModel *matches = lineup_search_result_get_matches (result);

  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(LineupMatch) match = g_list_model_get_item (matches, i);

      if (lineup_match_get_face (match) != NULL || lineup_match_get_face_error (match) != NULL)
        return FALSE;
    }
  return TRUE;
}

static void
test_new_search_cancels_lookups (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWidget *results = GET ("results-pane");
  g_autoptr(LineupSearchResult) first = NULL;

  /* Slow lookups, so that the next search starts while they run. */
  lineup_demo_server_set_fault (demo_server (fixture), "face_info", LINEUP_DEMO_FAULT_LATENCY, 400);
  open_probe (fixture, LINEUP_DEMO_PROBE_STRONG);
  search (fixture);
  first = g_object_ref (lineup_results_pane_get_result (LINEUP_RESULTS_PANE (results)));

  open_probe (fixture, LINEUP_DEMO_PROBE_WEAK);
  search (fixture);
  LINEUP_TEST_WAIT_FOR (all_faces_loaded (fixture), 20);

  /* The first search's lookups, started earlier, were stopped: none of
   * its matches ever heard back. */
  g_assert_true (no_face_set (first));
}

static void
test_row_accessible_and_detail (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  GtkWidget *detail;
  GtkWidget *row;

  open_probe (fixture, LINEUP_DEMO_PROBE_STRONG);
  search (fixture);
  LINEUP_TEST_WAIT_FOR (all_faces_loaded (fixture), 20);
  list = rows (fixture);
  row = g_ptr_array_index (list, 0);

  /* Every row is one stop; its content labels are not. */
  g_assert_true (gtk_widget_get_focusable (row));
  g_assert_false (gtk_label_get_selectable (GTK_LABEL (lineup_app_test_get (row, "user-id"))));
  /* Thumbnails take one size, so bars line up. */
  g_assert_cmpint (gtk_image_get_pixel_size (GTK_IMAGE (lineup_app_test_get (row, "thumbnail"))), ==, 48);

  g_signal_emit_by_name (GET ("results-list"), "row-activated", row);
  detail = lineup_app_test_find_toplevel (LINEUP_TYPE_MATCH_DETAIL);
  g_assert_nonnull (detail);
  g_assert_cmpstr (lineup_app_test_label (detail, "detail-user-id"), ==, "emp-0004");
  g_assert_true (g_str_has_prefix (lineup_app_test_label (detail, "detail-user-data"), "Dmitri Volkov"));
  g_assert_cmpstr (lineup_app_test_label (detail, "detail-face-token"), ==,
                   lineup_match_get_face_token (lineup_match_row_get_match (LINEUP_MATCH_ROW (row))));
  g_assert_cmpstr (lineup_app_test_label (detail, "detail-library"), !=, "");
  g_assert_cmpstr (lineup_app_test_label (detail, "detail-request-id"), !=, "");
  /* The demo keeps the enrolled photo: it shows beside the probe. */
  LINEUP_TEST_WAIT_FOR (gtk_picture_get_paintable (GTK_PICTURE (lineup_app_test_get (detail, "detail-enrolled"))) != NULL, 20);
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (lineup_app_test_get (detail, "detail-probe"))));
  gtk_window_destroy (GTK_WINDOW (detail));
}

static void
test_failed_lookup_retry (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  GtkWidget *row;
  GtkWidget *retry;

  /* Every lookup of this search gets a cut-off reply, once. */
  lineup_demo_server_set_fault_full (demo_server (fixture), "face_info", LINEUP_DEMO_FAULT_TRUNCATED,
                                     0, 0, 3, 1.0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (GET ("limit-spin")), 3);
  open_probe (fixture, LINEUP_DEMO_PROBE_STRONG);
  search (fixture);
  list = rows (fixture);
  row = g_ptr_array_index (list, 0);
  LINEUP_TEST_WAIT_FOR (lineup_match_get_face_error (lineup_match_row_get_match (LINEUP_MATCH_ROW (row))) != NULL, 20);

  g_assert_cmpstr (row_label (row, "user-id"), ==, "Unknown face");
  retry = lineup_app_test_get (row, "retry-lookup");
  g_assert_true (gtk_widget_get_visible (retry));
  g_signal_emit_by_name (retry, "clicked");
  LINEUP_TEST_WAIT_FOR (lineup_match_get_face (lineup_match_row_get_match (LINEUP_MATCH_ROW (row))) != NULL, 20);
  g_assert_cmpstr (row_label (row, "user-id"), ==, "emp-0004");
  g_assert_false (gtk_widget_get_visible (retry));
}

static void
test_inspector_redacts (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkWidget *inspector = NULL;
  GListModel *toplevels;

  open_probe (fixture, LINEUP_DEMO_PROBE_STRONG);
  search (fixture);
  LINEUP_TEST_WAIT_FOR (all_faces_loaded (fixture), 20);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-requests", NULL);

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (w)), "Requests") == 0)
        inspector = w;
    }
  g_assert_nonnull (inspector);
  LINEUP_TEST_WAIT_FOR (lineup_app_test_find (inspector, "exchanges-list") != NULL, 5);
  text = lineup_app_test_collect_text (inspector);

  /* What was sent and what came back is there; the secret is not. */
  g_assert_nonnull (strstr (text, "POST search"));
  g_assert_nonnull (strstr (text, "group_id: demo"));
  g_assert_nonnull (strstr (text, "<redacted>"));
  g_assert_nonnull (strstr (text, "\"result\""));
  g_assert_null (strstr (text, LINEUP_DEMO_API_SECRET));
  /* Nor is the personal user_data of the faces looked up. */
  g_assert_null (strstr (text, "Dmitri Volkov"));
  g_assert_nonnull (strstr (text, "characters>"));
}

static void
test_unknown_group_error (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Delete the library behind the window's back: the service answers
   * INVALID_GROUP_ID and the window says so in plain words. */
  open_probe (fixture, LINEUP_DEMO_PROBE_STRONG);
  g_assert_true (lineup_demo_store_free_group (lineup_demo_server_get_store (demo_server (fixture)),
                                               LINEUP_DEMO_GROUP_ID, FALSE, &error));
  search (fixture);
  g_assert_cmpstr (PAGE ("results-stack"), ==, "error");

  gtk_expander_set_expanded (GTK_EXPANDER (GET ("error-details-expander")), TRUE);
  g_assert_nonnull (strstr (LABEL ("error-details"), "INVALID_GROUP_ID"));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (GET ("error-page"))),
                            "“demo” does not exist"));
  /* Try Again searches again; this is not the service's failure. */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (GET ("try-again-button"))), ==, "search.run");
  g_assert_false (gtk_widget_get_visible (GET ("use-demo-button")));
}

static void
test_no_face_offers_rotation (Fixture       *fixture,
                              gconstpointer  data)
{
  open_probe (fixture, LINEUP_DEMO_PROBE_ROTATED);
  search (fixture);

  /* The rotated sample is found only with rotation detection: without
   * it, the window offers it, and only while it is off. */
  if (g_strcmp0 (PAGE ("results-stack"), "error") == 0)
    {
      g_assert_true (gtk_widget_get_visible (GET ("rotate-button")));
      gtk_widget_activate_action (GET ("rotate-button"), "search.run-rotated", NULL);
    }
  else
    {
      g_assert_true (gtk_widget_get_visible (GET ("rotate-hint")));
      gtk_widget_activate_action (GET ("rotate-hint"), "search.run-rotated", NULL);
    }
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (PAGE ("results-stack"), "searching") != 0, 20);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (GET ("rotate-switch"))));
  g_assert_cmpstr (PAGE ("results-stack"), ==, "results");
  g_assert_false (gtk_widget_get_visible (GET ("rotate-hint")));
}

static void
test_narrow_window_navigates (Fixture       *fixture,
                              gconstpointer  data)
{
  LineupSearchPage *page = LINEUP_SEARCH_PAGE (GET ("search-page"));

  g_assert_false (lineup_search_page_get_folded (page));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 640);
  LINEUP_TEST_WAIT_FOR (lineup_search_page_get_folded (page), 20);
  g_assert_false (lineup_search_page_get_results_shown (page));

  /* Searching shows the results page, with a way back. */
  open_probe (fixture, LINEUP_DEMO_PROBE_STRONG);
  search (fixture);
  g_assert_true (lineup_search_page_get_results_shown (page));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (gtk_widget_get_parent (GET ("back-button"))))));
  gtk_widget_activate_action (GET ("back-button"), "search.show-probe", NULL);
  g_assert_false (lineup_search_page_get_results_shown (page));
}

static void
test_narrow_window_closes_while_navigating (Fixture       *fixture,
                                            gconstpointer  data)
{
  LineupSearchPage *page = LINEUP_SEARCH_PAGE (GET ("search-page"));
  LineupWindow *window;
#if ADW_CHECK_VERSION (1, 4, 0)
  GtkWidget *split_view;
#endif

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 640);
  LINEUP_TEST_WAIT_FOR (lineup_search_page_get_folded (page), 20);
  open_probe (fixture, LINEUP_DEMO_PROBE_STRONG);
  search (fixture);
  LINEUP_TEST_WAIT_FOR (all_faces_loaded (fixture), 20);
#if ADW_CHECK_VERSION (1, 4, 0)
  split_view = GET ("search-split-view");
  g_object_add_weak_pointer (G_OBJECT (split_view), (gpointer *)&split_view);
#endif

  /* Back to the photo, and the window is gone before the main loop runs
   * again. From libadwaita 1.4, the split view has an idle pending from
   * the page change, which must find it still alive. */
  gtk_widget_activate_action (GET ("back-button"), "search.show-probe", NULL);
  g_assert_false (lineup_search_page_get_results_shown (page));
  window = g_steal_pointer (&fixture->window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpuint (G_OBJECT (window)->ref_count, ==, 1);
  g_assert_finalize_object (window);
#if ADW_CHECK_VERSION (1, 4, 0)
  g_assert_nonnull (split_view);
  LINEUP_TEST_WAIT_FOR (split_view == NULL, 20);
#endif
}

static void
test_help_and_shortcuts (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *help;
  GtkWidget *shortcuts;

  /* F1 opens the built-in help page. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help", NULL);
  help = lineup_app_test_find_toplevel (LINEUP_TYPE_HELP_WINDOW);
  g_assert_nonnull (help);
  gtk_window_destroy (GTK_WINDOW (help));

  /* The shortcuts window is built when asked for, not with the window. */
  g_assert_null (lineup_app_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-shortcuts", NULL);
  shortcuts = lineup_app_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  gtk_window_destroy (GTK_WINDOW (shortcuts));
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
  g_test_add ("/lineup/app/window/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("search-fills-rows", test_search_fills_rows);
  ADD ("threshold-rejudges", test_threshold_rejudges);
  ADD ("spin-refuses-text", test_spin_refuses_text);
  ADD ("bad-image-keeps-previous", test_bad_image_keeps_previous);
  ADD ("several-files-first-used", test_several_files_first_used);
  ADD ("open-sample", test_open_sample);
  ADD ("new-photo-marks-results-stale", test_new_photo_marks_results_stale);
  ADD ("new-search-cancels-lookups", test_new_search_cancels_lookups);
  ADD ("row-accessible-and-detail", test_row_accessible_and_detail);
  ADD ("failed-lookup-retry", test_failed_lookup_retry);
  ADD ("inspector-redacts", test_inspector_redacts);
  ADD ("unknown-group-error", test_unknown_group_error);
  ADD ("no-face-offers-rotation", test_no_face_offers_rotation);
  ADD ("narrow-window-navigates", test_narrow_window_navigates);
  ADD ("narrow-window-closes-while-navigating", test_narrow_window_closes_while_navigating);
  ADD ("help-and-shortcuts", test_help_and_shortcuts);
#undef ADD

  return g_test_run ();
}
