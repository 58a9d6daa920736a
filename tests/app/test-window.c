/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "lineup-demo-seed.h"
#include "lineup-demo-server.h"
#include "lineup-match-row.h"
#include "lineup-test-util.h"
#include "lineup-window.h"

/* The real window against the demo service: open a photo, search through
 * the window's action, read the rows. */

typedef struct
{
  LineupDemoServer *server;
  LineupClient     *client;
  LineupWindow     *window;
} Fixture;

static GtkWidget *
find_by_name (GtkWidget  *root,
              const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_name (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find (Fixture    *fixture,
      const char *name)
{
  GtkWidget *widget = find_by_name (GTK_WIDGET (fixture->window), name);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
stack_page (Fixture    *fixture,
            const char *name)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (find (fixture, name)));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LineupSigner) signer = lineup_signer_new (LINEUP_DEMO_API_KEY, LINEUP_DEMO_API_SECRET);
  g_autoptr(GError) error = NULL;

  fixture->server = lineup_demo_server_new (NULL, NULL);
  g_assert_true (lineup_demo_server_start (fixture->server, 0, &error));
  fixture->client = lineup_client_new (lineup_demo_server_get_base_url (fixture->server), signer);

  fixture->window = g_object_ref_sink (lineup_window_new (NULL));
  lineup_window_set_demo_server (fixture->window, fixture->server);
  lineup_window_set_client (fixture->window, fixture->client);
  gtk_window_present (GTK_WINDOW (fixture->window));

  /* The library list arrives from the service. */
  LINEUP_TEST_WAIT_FOR (adw_combo_row_get_selected_item (ADW_COMBO_ROW (find (fixture, "group-row"))) != NULL, 20);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->client);
  lineup_demo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
}

static void
open_probe (Fixture         *fixture,
            LineupDemoProbe  probe)
{
  g_autoptr(GFile) file = lineup_test_write_probe (probe);

  lineup_window_open_file (fixture->window, file);
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (stack_page (fixture, "image-stack"), "image") == 0, 20);
}

static GPtrArray *
rows (Fixture *fixture)
{
  GPtrArray *array = g_ptr_array_new ();
  GtkWidget *list = find (fixture, "results-list");

  for (GtkWidget *child = gtk_widget_get_first_child (list); child; child = gtk_widget_get_next_sibling (child))
    if (LINEUP_IS_MATCH_ROW (child))
      g_ptr_array_add (array, child);
  return array;
}

static const char *
row_label (GtkWidget  *row,
           const char *name)
{
  GtkWidget *label = find_by_name (row, name);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
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
test_search_fills_rows (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  double previous = 101;

  g_assert_cmpstr (stack_page (fixture, "results-stack"), ==, "idle");
  open_probe (fixture, LINEUP_DEMO_PROBE_STRONG);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (fixture, "limit-spin")), 5);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (stack_page (fixture, "results-stack"), "results") == 0, 20);
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
  g_assert_cmpstr (row_label (g_ptr_array_index (list, 0), "verdict"), ==, "Above threshold");
  g_assert_cmpstr (row_label (g_ptr_array_index (list, 1), "verdict"), ==, "Below threshold");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find (fixture, "results-title"))), ==, "1 Match");
}

static void
test_threshold_rejudges (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  GtkSpinButton *threshold = NULL;

  open_probe (fixture, LINEUP_DEMO_PROBE_STRONG);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (stack_page (fixture, "results-stack"), "results") == 0, 20);

  /* Moving the threshold re-judges the rows without a new search. */
  threshold = GTK_SPIN_BUTTON (find (fixture, "threshold-spin"));
  gtk_spin_button_set_value (threshold, 99.9);
  list = rows (fixture);
  g_assert_cmpstr (row_label (g_ptr_array_index (list, 0), "verdict"), ==, "Below threshold");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find (fixture, "results-title"))), ==, "No Match");
  gtk_spin_button_set_value (threshold, 10);
  g_assert_cmpstr (row_label (g_ptr_array_index (list, 0), "verdict"), ==, "Above threshold");

  /* The vendor's presets set the same threshold. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.threshold-preset", "d", 95.0);
  g_assert_cmpfloat (gtk_spin_button_get_value (threshold), ==, 95.0);
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
  info_before = g_strdup (gtk_label_get_text (GTK_LABEL (find (fixture, "image-info"))));

  g_file_set_contents (gif, "GIF89a\x01\x00\x01\x00\x00\x00\x00;", 14, &error);
  g_assert_no_error (error);
  lineup_window_open_file (fixture->window, file);
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (stack_page (fixture, "image-stack"), "loading") != 0, 20);

  /* The GIF is refused with a message; the photo before it stays. */
  g_assert_cmpstr (stack_page (fixture, "image-stack"), ==, "image");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find (fixture, "image-info"))), ==, info_before);
}

static void
test_open_sample (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *samples = find (fixture, "samples-button");

  /* Offered only on the demo service. */
  g_assert_true (gtk_widget_get_visible (samples));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-sample", "u", LINEUP_DEMO_PROBE_WEAK);
  LINEUP_TEST_WAIT_FOR (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (find (fixture, "image-info"))),
                                          "probe-weak.jpg"), 20);
  g_assert_cmpstr (stack_page (fixture, "image-stack"), ==, "image");
}

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static void
test_inspector_redacts (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GListModel) toplevels = NULL;
  GtkWidget *inspector = NULL;

  open_probe (fixture, LINEUP_DEMO_PROBE_STRONG);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  LINEUP_TEST_WAIT_FOR (all_faces_loaded (fixture), 20);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-requests", NULL);

  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (w)), "Requests") == 0)
        inspector = w;
    }
  g_assert_nonnull (inspector);
  LINEUP_TEST_WAIT_FOR (find_by_name (inspector, "exchanges-list") != NULL, 5);
  collect_text (inspector, text);

  /* What was sent and what came back is there; the secret is not. */
  g_assert_nonnull (strstr (text->str, "POST search"));
  g_assert_nonnull (strstr (text->str, "group_id: demo"));
  g_assert_nonnull (strstr (text->str, "<redacted>"));
  g_assert_nonnull (strstr (text->str, "\"result\""));
  g_assert_null (strstr (text->str, LINEUP_DEMO_API_SECRET));
  /* Nor is the personal user_data of the faces looked up. */
  g_assert_null (strstr (text->str, "Dmitri Volkov"));
  g_assert_nonnull (strstr (text->str, "characters>"));
}

static void
test_unknown_group_error (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *details;

  /* Delete the library behind the window's back: the service answers
   * INVALID_GROUP_ID and the window says so in plain words. */
  open_probe (fixture, LINEUP_DEMO_PROBE_STRONG);
  g_assert_true (lineup_demo_store_free_group (lineup_demo_server_get_store (fixture->server),
                                               LINEUP_DEMO_GROUP_ID, FALSE, &error));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (stack_page (fixture, "results-stack"), "error") == 0, 20);

  details = find (fixture, "error-details");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (details)), "INVALID_GROUP_ID"));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (find (fixture, "error-page"))),
                            "“demo” does not exist"));
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
  ADD ("bad-image-keeps-previous", test_bad_image_keeps_previous);
  ADD ("unknown-group-error", test_unknown_group_error);
  ADD ("open-sample", test_open_sample);
  ADD ("inspector-redacts", test_inspector_redacts);
#undef ADD

  return g_test_run ();
}
