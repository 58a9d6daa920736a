/* test-camera-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "lineup-app-test-util.h"
#include "lineup-camera-paintable.h"
#include "lineup-camera-view.h"
#include "lineup-demo-seed.h"
#include "lineup-demo-server.h"
#include "lineup-match.h"
#include "lineup-probe-pane.h"
#include "lineup-results-pane.h"
#include "lineup-search-page.h"
#include "lineup-test-camera.h"
#include "lineup-test-util.h"

/* The camera view on its own, in a window, with test sources set
 * through the camera-pipeline setting: the preview, Capture and Retake,
 * releasing the camera, each failure's page, and live mode against the
 * demo service with a still photo of a sample portrait. Then in the real
 * window: Camera, Capture and Search; live mode filling the results
 * pane; a file opened while the camera shows. */

#define SMPTE_640 LINEUP_TEST_SMPTE_640

typedef struct
{
  GSettings        *settings;
  GtkWindow        *window;
  LineupCameraView *view;
  LineupImage      *captured;
  GPtrArray        *live_results;
  guint             closed;
} Fixture;

#define GET(name) lineup_app_test_get (GTK_WIDGET (fixture->window), (name))
#define LABEL(name) lineup_app_test_label (GTK_WIDGET (fixture->window), (name))
#define STATE() lineup_camera_view_get_state (fixture->view)

static void
on_captured (LineupCameraView *view,
             LineupImage      *image,
             Fixture          *fixture)
{
  g_set_object (&fixture->captured, image);
}

static void
on_live_result (LineupCameraView   *view,
                LineupSearchResult *result,
                LineupImage        *probe,
                Fixture            *fixture)
{
  g_ptr_array_add (fixture->live_results, g_object_ref (result));
}

static void
on_closed (LineupCameraView *view,
           Fixture          *fixture)
{
  fixture->closed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new (SCHEMA_ID);
  g_settings_set_string (fixture->settings, "camera-pipeline", data ? data : "");
  g_settings_reset (fixture->settings, "camera-mirror");
  g_settings_set_int (fixture->settings, "live-search-interval", 1);
  fixture->live_results = g_ptr_array_new_with_free_func (g_object_unref);

  fixture->window = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  gtk_window_set_default_size (fixture->window, 480, 420);
  fixture->view = LINEUP_CAMERA_VIEW (lineup_camera_view_new ());
  g_signal_connect (fixture->view, "captured", G_CALLBACK (on_captured), fixture);
  g_signal_connect (fixture->view, "live-result", G_CALLBACK (on_live_result), fixture);
  g_signal_connect (fixture->view, "closed", G_CALLBACK (on_closed), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  LINEUP_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (fixture->view)), 10);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lineup_camera_view_stop (fixture->view);
  g_clear_object (&fixture->captured);
  g_ptr_array_unref (fixture->live_results);
  lineup_app_test_destroy_window (g_steal_pointer (&fixture->window));
  g_settings_reset (fixture->settings, "camera-pipeline");
  g_settings_reset (fixture->settings, "live-search-interval");
  g_settings_reset (fixture->settings, "group");
  g_settings_reset (fixture->settings, "threshold");
  g_clear_object (&fixture->settings);
}

static void
start_preview (Fixture *fixture)
{
  lineup_camera_view_start (fixture->view);
  g_assert_cmpstr (STATE (), ==, "starting");
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (STATE (), "starting") != 0, 20);
  g_assert_cmpstr (STATE (), ==, "preview");
  g_assert_nonnull (lineup_camera_view_get_camera (fixture->view));
}

static GdkPixbuf *
decode (LineupImage *image)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_loader_write_bytes (loader, lineup_image_get_bytes (image), &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static void
test_capture_and_retake (Fixture       *fixture,
                         gconstpointer  data)
{
  GdkPaintable *paintable = lineup_camera_view_get_paintable (fixture->view);
  g_autoptr(GdkPixbuf) decoded = NULL;

  start_preview (fixture);
  /* GtkPicture shows the frames as they come */
  g_assert_true (GTK_IS_PICTURE (GET ("camera-picture")));
  g_assert_true (gtk_picture_get_paintable (GTK_PICTURE (GET ("camera-picture"))) == paintable);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 640);
  LINEUP_TEST_WAIT_FOR (lineup_camera_paintable_get_n_drawn (LINEUP_CAMERA_PAINTABLE (paintable)) >= 3, 10);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (GET ("capture-button"))), ==, "Capture");
  /* One camera: no selector */
  g_assert_false (gtk_widget_get_visible (GET ("camera-selector")));

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "camera.capture", NULL);
  g_assert_cmpstr (STATE (), ==, "captured");
  g_assert_null (lineup_camera_view_get_camera (fixture->view));   /* released on capture */
  LINEUP_TEST_WAIT_FOR (fixture->captured != NULL, 10);

  g_assert_cmpint (lineup_image_get_width (fixture->captured), ==, 640);
  g_assert_cmpint (lineup_image_get_height (fixture->captured), ==, 480);
  decoded = decode (fixture->captured);
  g_assert_cmpfloat (lineup_test_luma_stddev (decoded), >, 30);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (GET ("retake-button"))), ==, "Retake");

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "camera.retake", NULL);
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (STATE (), "preview") == 0, 20);
  g_assert_nonnull (lineup_camera_view_get_camera (fixture->view));
}

/* SMPTE bars: white on the left, blue-ish on the right. The preview may
 * be mirrored; the photo never is. */
static void
test_mirror_preview_only (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GdkPixbuf) decoded = NULL;
  const guint8 *p;

  start_preview (fixture);
  g_assert_true (lineup_camera_paintable_get_mirror (LINEUP_CAMERA_PAINTABLE (lineup_camera_view_get_paintable (fixture->view))));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "camera.mirror", NULL);
  g_assert_false (g_settings_get_boolean (fixture->settings, "camera-mirror"));
  g_assert_false (lineup_camera_paintable_get_mirror (LINEUP_CAMERA_PAINTABLE (lineup_camera_view_get_paintable (fixture->view))));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "camera.mirror", NULL);
  g_assert_true (g_settings_get_boolean (fixture->settings, "camera-mirror"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "camera.capture", NULL);
  LINEUP_TEST_WAIT_FOR (fixture->captured != NULL, 10);
  decoded = decode (fixture->captured);
  /* The leftmost bar is light grey (all channels high), not the right edge's colour */
  p = gdk_pixbuf_get_pixels (decoded) + 100 * gdk_pixbuf_get_rowstride (decoded) + 10 * 3;
  g_assert_cmpint (p[0], >, 150);
  g_assert_cmpint (p[1], >, 150);
  g_assert_cmpint (p[2], >, 150);
}

static void
test_close_releases (Fixture       *fixture,
                     gconstpointer  data)
{
  start_preview (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "camera.close", NULL);
  g_assert_cmpstr (STATE (), ==, "idle");
  g_assert_null (lineup_camera_view_get_camera (fixture->view));
  g_assert_cmpuint (fixture->closed, ==, 1);
}

/* A page switch unmaps the view, and so does hiding the window. */
static void
test_hidden_releases (Fixture       *fixture,
                      gconstpointer  data)
{
  start_preview (fixture);

  gtk_widget_set_visible (GTK_WIDGET (fixture->view), FALSE);
  g_assert_null (lineup_camera_view_get_camera (fixture->view));
  gtk_widget_set_visible (GTK_WIDGET (fixture->view), TRUE);
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (STATE (), "preview") == 0 && lineup_camera_view_get_camera (fixture->view), 20);

  gtk_widget_set_visible (GTK_WIDGET (fixture->window), FALSE);
  g_assert_null (lineup_camera_view_get_camera (fixture->view));
  gtk_window_present (fixture->window);
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (STATE (), "preview") == 0 && lineup_camera_view_get_camera (fixture->view), 20);
}

/* Each failure: its page, its words, and a way on. */
static void
test_failure (Fixture       *fixture,
              gconstpointer  data)
{
  const char *pipeline = data;
  const char *title;

  if (strstr (pipeline, "busy"))
    title = "Camera in Use";
  else if (strstr (pipeline, "denied"))
    title = "No Access to the Camera";
  else if (strstr (pipeline, "fail=read"))
    title = "Camera Disconnected";
  else
    title = "The Camera Failed";

  lineup_camera_view_start (fixture->view);
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (STATE (), "error") == 0, 20);
  g_assert_null (lineup_camera_view_get_camera (fixture->view));
  g_assert_cmpstr (LABEL ("camera-error-title"), ==, title);
  g_assert_cmpstr (LABEL ("camera-error-description"), !=, "");
  /* What GStreamer said, under our words */
  g_assert_cmpstr (LABEL ("camera-error-details"), ==,
                   lineup_camera_error_get_detail (lineup_camera_view_get_error (fixture->view)));
  g_test_message ("%s: %s — %s", title, LABEL ("camera-error-description"), LABEL ("camera-error-details"));
  if (strstr (pipeline, "nosuchelement"))
    g_assert_nonnull (strstr (LABEL ("camera-error-details"), "nosuchelement"));

  /* What to do next: try again (it fails the same way) or use a photo */
  g_assert_true (gtk_widget_is_sensitive (GET ("camera-retry")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "camera.retry", NULL);
  g_assert_cmpstr (STATE (), ==, "starting");
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (STATE (), "error") == 0, 20);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "camera.close", NULL);
  g_assert_cmpuint (fixture->closed, ==, 1);
}

static void
test_no_camera (Fixture       *fixture,
                gconstpointer  data)
{
  if (g_file_test ("/dev/video0", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("This machine has a camera");
      return;
    }

  lineup_camera_view_start (fixture->view);
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (STATE (), "error") == 0, 20);
  g_assert_error (lineup_camera_view_get_error (fixture->view), LINEUP_CAMERA_ERROR, LINEUP_CAMERA_ERROR_NO_CAMERA);
  g_assert_cmpstr (LABEL ("camera-error-title"), ==, "No Camera Found");
  g_assert_false (gtk_widget_get_visible (GET ("camera-error-details")));
}

static LineupClient *
demo_client (LineupDemoServer *server)
{
  g_autoptr(LineupSigner) signer = lineup_signer_new (lineup_demo_server_get_api_key (server),
                                                      lineup_demo_server_get_api_secret (server));

  return lineup_client_new (lineup_demo_server_get_base_url (server), signer);
}

static void
test_live (Fixture       *fixture,
           gconstpointer  data)
{
  const char *expected = lineup_demo_probe_get_expected_user_id (LINEUP_DEMO_PROBE_STRONG);
  g_autoptr(LineupDemoServer) server = lineup_demo_server_new (NULL, NULL);
  g_autoptr(LineupClient) client = NULL;
  g_autoptr(GFile) photo = lineup_test_write_probe (LINEUP_DEMO_PROBE_STRONG);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (photo);
  g_autofree char *pipeline = lineup_test_still_pipeline (path);
  guint n;

  g_assert_true (lineup_demo_server_start (server, 0, &error));
  client = demo_client (server);
  g_settings_set_string (fixture->settings, "camera-pipeline", pipeline);
  lineup_camera_view_set_client (fixture->view, client);
  /* Live mode searches with what the operator chose in the probe pane */
  g_settings_set_string (fixture->settings, "group", LINEUP_DEMO_GROUP_ID);
  g_settings_set_double (fixture->settings, "threshold", 75);
  start_preview (fixture);

  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (GET ("live-button"))), ==, "Live");
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "camera.live", NULL);
  g_assert_true (lineup_camera_view_get_live (fixture->view));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (GET ("live-overlay")))));
  LINEUP_TEST_WAIT_FOR (fixture->live_results->len >= 2, 30);

  /* The overlay names the best match, its score, and that it is above the threshold */
  g_assert_cmpstr (LABEL ("live-title"), ==, expected);
  g_assert_nonnull (strstr (LABEL ("live-detail"), "above the 75.0 threshold"));
  {
    GListModel *matches = lineup_search_result_get_matches (g_ptr_array_index (fixture->live_results, 0));
    g_autoptr(LineupMatch) best = g_list_model_get_item (matches, 0);

    g_assert_cmpstr (lineup_face_get_user_id (lineup_match_get_face (best)), ==, expected);
  }

  /* A higher threshold: the same match is now below it, in words */
  g_settings_set_double (fixture->settings, "threshold", 99.5);
  n = fixture->live_results->len;
  LINEUP_TEST_WAIT_FOR (fixture->live_results->len > n, 30);
  g_assert_nonnull (strstr (LABEL ("live-detail"), "below the 99.5 threshold"));

  /* Closing the preview stops live mode: no search follows */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "camera.close", NULL);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (GET ("live-overlay")))));
  n = fixture->live_results->len;
  {
    gint64 end = g_get_monotonic_time () + 1500 * 1000;

    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpuint (fixture->live_results->len, ==, n);

  lineup_demo_server_stop (server);
  g_file_delete (photo, NULL, NULL);
}

static void
test_live_needs_service (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *group = g_settings_get_string (fixture->settings, "group");

  g_assert_cmpstr (group, !=, "");
  start_preview (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "camera.live", NULL);
  /* No client: live mode says why and turns itself off */
  g_assert_false (lineup_camera_view_get_live (fixture->view));
  g_assert_cmpstr (LABEL ("live-title"), ==, "Live search is not ready");
  g_assert_cmpstr (STATE (), ==, "preview");
}

/* In the window */

typedef struct
{
  GSettings     *settings;
  LineupService *service;
  LineupWindow  *window;
} WindowFixture;

#define WGET(name) lineup_app_test_get (GTK_WIDGET (fixture->window), (name))
#define WPAGE(name) lineup_app_test_stack_page (GTK_WIDGET (fixture->window), (name))
#define WLABEL(name) lineup_app_test_label (GTK_WIDGET (fixture->window), (name))
#define WVIEW() LINEUP_CAMERA_VIEW (WGET ("camera-view"))

static void
window_set_up (WindowFixture *fixture,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *pipeline = NULL;

  fixture->settings = g_settings_new (SCHEMA_ID);
  /* A still photo of a sample portrait as the camera */
  {
    g_autoptr(GFile) photo = lineup_test_write_probe (GPOINTER_TO_UINT (data) - 1);

    path = g_file_get_path (photo);
    pipeline = lineup_test_still_pipeline (path);
    g_settings_set_string (fixture->settings, "camera-pipeline", pipeline);
  }
  g_settings_set_int (fixture->settings, "live-search-interval", 1);
  fixture->service = lineup_app_test_demo_service (fixture->settings);
  fixture->window = g_object_ref_sink (lineup_window_new (NULL, fixture->service));
  gtk_window_present (GTK_WINDOW (fixture->window));
  LINEUP_TEST_WAIT_FOR (adw_combo_row_get_selected_item (ADW_COMBO_ROW (WGET ("group-row"))) != NULL, 20);
}

static void
window_tear_down (WindowFixture *fixture,
                  gconstpointer  data)
{
  lineup_app_test_destroy_window (g_steal_pointer (&fixture->window));
  lineup_service_shutdown (fixture->service);
  lineup_app_test_finalize (g_steal_pointer (&fixture->service));
  g_settings_reset (fixture->settings, "camera-pipeline");
  g_settings_reset (fixture->settings, "live-search-interval");
  g_clear_object (&fixture->settings);
}

static void
open_camera (WindowFixture *fixture)
{
  /* The button "Camera" beside the caption, and win.camera (Ctrl+Shift+C) */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (WGET ("camera-button"))), ==, "probe.camera");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.camera", NULL);
  g_assert_cmpstr (WPAGE ("image-stack"), ==, "camera");
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (lineup_camera_view_get_state (WVIEW ()), "preview") == 0, 20);
}

static void
test_window_capture_search (WindowFixture *fixture,
                            gconstpointer  data)
{
  LineupProbePane *pane = LINEUP_PROBE_PANE (WGET ("probe-pane"));
  g_autoptr(LineupMatch) best = NULL;
  LineupSearchResult *result;

  open_camera (fixture);
  gtk_widget_activate_action (GTK_WIDGET (WVIEW ()), "camera.capture", NULL);
  LINEUP_TEST_WAIT_FOR (lineup_probe_pane_get_image (pane) != NULL, 20);

  /* The probe, prepared as an opened file is, named and sized in the caption */
  g_assert_cmpstr (lineup_image_get_filename (lineup_probe_pane_get_image (pane)), ==, "camera.jpg");
  g_assert_cmpint (lineup_image_get_width (lineup_probe_pane_get_image (pane)), ==, 512);
  g_assert_true (g_str_has_prefix (WLABEL ("image-info"), "camera.jpg · 512 × 640"));
  g_assert_cmpstr (WPAGE ("image-stack"), ==, "camera");
  g_assert_cmpstr (lineup_camera_view_get_state (WVIEW ()), ==, "captured");
  g_assert_null (lineup_camera_view_get_camera (WVIEW ()));

  /* Searched like a file: the portrait's person comes first */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (WPAGE ("results-stack"), "searching") != 0, 20);
  result = lineup_results_pane_get_result (LINEUP_RESULTS_PANE (WGET ("results-pane")));
  g_assert_nonnull (result);
  best = g_list_model_get_item (lineup_search_result_get_matches (result), 0);
  LINEUP_TEST_WAIT_FOR (lineup_match_get_face (best) != NULL, 20);
  g_assert_cmpstr (lineup_face_get_user_id (lineup_match_get_face (best)), ==,
                   lineup_demo_probe_get_expected_user_id (LINEUP_DEMO_PROBE_STRONG));

  /* Closing the camera shows the captured photo like any other */
  gtk_widget_activate_action (GTK_WIDGET (WVIEW ()), "camera.close", NULL);
  g_assert_cmpstr (WPAGE ("image-stack"), ==, "image");
}

static void
test_window_live (WindowFixture *fixture,
                  gconstpointer  data)
{
  const char *expected = lineup_demo_probe_get_expected_user_id (LINEUP_DEMO_PROBE_STRONG);
  LineupResultsPane *results = LINEUP_RESULTS_PANE (WGET ("results-pane"));
  LineupSearchResult *result;
  g_autoptr(LineupMatch) best = NULL;

  open_camera (fixture);
  gtk_widget_activate_action (GTK_WIDGET (WVIEW ()), "camera.live", NULL);
  LINEUP_TEST_WAIT_FOR (lineup_results_pane_get_result (results) != NULL, 30);
  result = lineup_results_pane_get_result (results);
  best = g_list_model_get_item (lineup_search_result_get_matches (result), 0);
  LINEUP_TEST_WAIT_FOR (lineup_match_get_face (best) != NULL, 20);
  g_assert_cmpstr (lineup_face_get_user_id (lineup_match_get_face (best)), ==, expected);
  g_assert_cmpstr (WLABEL ("live-title"), ==, expected);

  /* A page switch (here, a file opened) ends the preview and live mode */
  {
    g_autoptr(GFile) file = lineup_test_write_probe (LINEUP_DEMO_PROBE_WEAK);

    lineup_window_open_files (fixture->window, &file, 1);
    g_assert_null (lineup_camera_view_get_camera (WVIEW ()));
    LINEUP_TEST_WAIT_FOR (g_strcmp0 (WPAGE ("image-stack"), "image") == 0, 20);
    g_assert_cmpstr (lineup_camera_view_get_state (WVIEW ()), ==, "idle");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *runtime_dir = NULL;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  /* No PipeWire to find cameras in: the no-camera case is real. */
  runtime_dir = g_dir_make_tmp ("lineup-test-XXXXXX", NULL);
  g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);
  g_unsetenv ("LINEUP_CAMERA_PIPELINE");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  lineup_test_camera_init ();

#define ADD(path, pipeline, func) \
  g_test_add ("/lineup/app/camera-view/" path, Fixture, pipeline, fixture_set_up, func, fixture_tear_down)
  ADD ("capture-and-retake", SMPTE_640, test_capture_and_retake);
  ADD ("mirror-preview-only", SMPTE_640, test_mirror_preview_only);
  ADD ("close-releases", SMPTE_640, test_close_releases);
  ADD ("hidden-releases", SMPTE_640, test_hidden_releases);
  ADD ("no-camera", NULL, test_no_camera);
  ADD ("busy", LINEUP_TEST_FAULT_BUSY, test_failure);
  ADD ("denied", LINEUP_TEST_FAULT_DENIED, test_failure);
  ADD ("unplugged", LINEUP_TEST_FAULT_UNPLUGGED, test_failure);
  ADD ("pipeline-error", LINEUP_TEST_FAULT_BAD_ELEMENT, test_failure);
  ADD ("live", NULL, test_live);
  ADD ("live-needs-service", SMPTE_640, test_live_needs_service);
#undef ADD
  g_test_add ("/lineup/app/camera-view/window/capture-search", WindowFixture,
              GUINT_TO_POINTER (LINEUP_DEMO_PROBE_STRONG + 1),
              window_set_up, test_window_capture_search, window_tear_down);
  g_test_add ("/lineup/app/camera-view/window/live", WindowFixture,
              GUINT_TO_POINTER (LINEUP_DEMO_PROBE_STRONG + 1), window_set_up, test_window_live, window_tear_down);

  return g_test_run ();
}
