/* test-probe-pane.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "lineup-app-test-util.h"
#include "lineup-crop-view.h"
#include "lineup-demo-seed.h"
#include "lineup-image-notice.h"
#include "lineup-test-util.h"
#include "lineup-window.h"

/* The probe photo in the real window on the demo service: what is sent
 * follows the crop drawn on it, the caption says what was done, the
 * exchange record has the crop, and a refused photo shows its notice and
 * keeps the previous one; an animation can be sent by its first frame. */

typedef struct
{
  GSettings     *settings;
  LineupService *service;
  LineupWindow  *window;
  char          *dir;
} Fixture;

#define GET(name) lineup_app_test_get (GTK_WIDGET (fixture->window), (name))
#define PAGE(name) lineup_app_test_stack_page (GTK_WIDGET (fixture->window), (name))
#define LABEL(name) lineup_app_test_label (GTK_WIDGET (fixture->window), (name))

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new (SCHEMA_ID);
  fixture->service = lineup_app_test_demo_service (fixture->settings);
  fixture->window = g_object_ref_sink (lineup_window_new (NULL, fixture->service));
  fixture->dir = g_dir_make_tmp ("lineup-probe-XXXXXX", NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  LINEUP_TEST_WAIT_FOR (adw_combo_row_get_selected_item (ADW_COMBO_ROW (GET ("group-row"))) != NULL, 20);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", fixture->dir);

  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  g_free (fixture->dir);
  lineup_app_test_destroy_window (g_steal_pointer (&fixture->window));
  lineup_service_shutdown (fixture->service);
  lineup_app_test_finalize (g_steal_pointer (&fixture->service));
  g_clear_object (&fixture->settings);
}

static void
open_path (Fixture    *fixture,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  lineup_window_open_files (fixture->window, &file, 1);
}

static void
open_probe (Fixture         *fixture,
            LineupDemoProbe  probe)
{
  lineup_app_test_open_probe (fixture->window, probe);
}

static LineupExchange *
last_exchange (Fixture *fixture)
{
  GListModel *exchanges = lineup_client_get_exchanges (lineup_service_get_client (fixture->service));
  guint n = g_list_model_get_n_items (exchanges);
  g_autoptr(LineupExchange) exchange = n ? g_list_model_get_item (exchanges, n - 1) : NULL;

  return exchange;   /* the model keeps it */
}

static void
test_crop_is_searched (Fixture       *fixture,
                       gconstpointer  data)
{
  LineupCropView *view;
  LineupExchange *exchange;
  LineupImageRect crop;
  const char *description;

  open_probe (fixture, LINEUP_DEMO_PROBE_STRONG);
  view = LINEUP_CROP_VIEW (GET ("crop-view"));
  g_assert_nonnull (strstr (LABEL ("image-info"), "sent as is"));
  g_assert_false (gtk_widget_get_visible (GET ("whole-photo-button")));

  /* An arrow key makes a crop in the middle; the caption says it once it
   * is prepared, and until then there is nothing to search. */
  gtk_widget_activate_action (GTK_WIDGET (view), "crop.move", "(ii)", 0, -1);
  g_assert_true (lineup_crop_view_get_crop (view, &crop));
  g_assert_cmpstr (LABEL ("image-info"), ==, "Preparing the crop…");
  LINEUP_TEST_WAIT_FOR (strstr (LABEL ("image-info"), "cropped to") != NULL, 20);
  g_assert_true (gtk_widget_get_visible (GET ("whole-photo-button")));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (PAGE ("results-stack"), "searching") != 0, 20);
  exchange = last_exchange (fixture);
  g_assert_nonnull (exchange);
  description = lineup_exchange_get_request_description (exchange);
  g_test_message ("%s", description);
  {
    g_autofree char *wanted = g_strdup_printf ("cropped to %d×%d at %d,%d", crop.width, crop.height, crop.x, crop.y);
    g_assert_nonnull (strstr (description, wanted));
  }

  /* Whole Photo: the photo as it was, sent as is */
  g_signal_emit_by_name (GET ("whole-photo-button"), "clicked");
  g_assert_false (lineup_crop_view_get_has_crop (view));
  g_assert_nonnull (strstr (LABEL ("image-info"), "sent as is"));
}

static void
test_refusal_notice (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *empty = g_build_filename (fixture->dir, "empty.jpg", NULL);
  g_autofree char *before = NULL;
  LineupImageNotice *notice;

  open_probe (fixture, LINEUP_DEMO_PROBE_WEAK);
  before = g_strdup (LABEL ("image-info"));
  notice = LINEUP_IMAGE_NOTICE (GET ("image-notice"));
  g_assert_null (lineup_image_notice_get_error (notice));

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  open_path (fixture, empty);
  LINEUP_TEST_WAIT_FOR (lineup_image_notice_get_error (notice) != NULL, 20);
  g_assert_error (lineup_image_notice_get_error (notice), LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_EMPTY);
  g_assert_cmpstr (lineup_image_notice_get_title (notice), ==, "The File Is Empty");
  g_assert_cmpstr (LABEL ("notice-message"), ==, "“empty.jpg” is empty: the file has no data.");
  /* The previous photo stays */
  g_assert_cmpstr (PAGE ("image-stack"), ==, "image");
  g_assert_cmpstr (LABEL ("image-info"), ==, before);

  /* The next good photo clears the notice */
  open_probe (fixture, LINEUP_DEMO_PROBE_STRONG);
  g_assert_null (lineup_image_notice_get_error (notice));
}

static void
test_gif_first_frame (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *gif = g_build_filename (fixture->dir, "party.gif", NULL);
  g_autofree char *command = g_strdup_printf ("convert -delay 20 -size 240x180 xc:red xc:green xc:blue '%s'", gif);
  g_autofree char *convert = g_find_program_in_path ("convert");
  LineupImageNotice *notice = LINEUP_IMAGE_NOTICE (GET ("image-notice"));

  if (convert == NULL)
    {
      g_test_skip ("ImageMagick is not installed");
      return;
    }
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  open_path (fixture, gif);
  LINEUP_TEST_WAIT_FOR (lineup_image_notice_get_error (notice) != NULL, 20);
  g_assert_error (lineup_image_notice_get_error (notice), LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_ANIMATED);
  g_assert_true (gtk_widget_get_visible (GET ("use-first-frame")));
  g_assert_cmpstr (PAGE ("image-stack"), ==, "empty");

  g_signal_emit_by_name (GET ("use-first-frame"), "clicked");
  LINEUP_TEST_WAIT_FOR (g_str_has_prefix (LABEL ("image-info"), "party.gif"), 20);
  g_assert_cmpstr (PAGE ("image-stack"), ==, "image");
  g_assert_nonnull (strstr (LABEL ("image-info"), "first frame of 3, converted from GIF"));
  g_assert_null (lineup_image_notice_get_error (notice));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/lineup/app/probe-pane/crop-is-searched", Fixture, NULL, fixture_set_up, test_crop_is_searched,
              fixture_tear_down);
  g_test_add ("/lineup/app/probe-pane/refusal-notice", Fixture, NULL, fixture_set_up, test_refusal_notice,
              fixture_tear_down);
  g_test_add ("/lineup/app/probe-pane/gif-first-frame", Fixture, NULL, fixture_set_up, test_gif_first_frame,
              fixture_tear_down);
  return g_test_run ();
}
