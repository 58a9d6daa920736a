/* test-camera-view-pipewire.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "lineup-app-test-util.h"
#include "lineup-camera-view.h"
#include "lineup-test-camera.h"
#include "lineup-test-util.h"

/* The camera view with real devices: two PipeWire fake cameras found by
 * the device monitor. The selector shows only when there are several,
 * switching cameras restarts the preview with the chosen one, and the
 * choice is remembered. The program has its own D-Bus and PipeWire
 * session, made before GTK starts. */

static LineupTestSession *session;

static const char *
running_id (LineupCameraView *view)
{
  LineupCamera *camera = lineup_camera_view_get_camera (view);

  if (camera == NULL || g_strcmp0 (lineup_camera_view_get_state (view), "preview") != 0)
    return NULL;
  return lineup_camera_device_get_id (lineup_camera_get_device (camera));
}

static void
test_selector (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = NULL;
  GtkWindow *window;
  LineupCameraView *view;
  GtkDropDown *selector;
  const char *first;
  const char *other;
  guint other_index;

  if (session == NULL)
    {
      g_test_skip ("PipeWire is not installed");
      return;
    }
  g_assert_true (lineup_test_session_add_camera (session, &error));
  g_assert_no_error (error);
  g_assert_true (lineup_test_session_add_second_camera (session, &error));
  g_assert_no_error (error);

  settings = g_settings_new (SCHEMA_ID);
  g_settings_set_string (settings, "camera-pipeline", "");
  g_settings_set_string (settings, "camera-device", "");
  window = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  gtk_window_set_default_size (window, 480, 420);
  view = LINEUP_CAMERA_VIEW (lineup_camera_view_new ());
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  LINEUP_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (view)), 10);

  lineup_camera_view_start (view);
  LINEUP_TEST_WAIT_FOR (running_id (view) != NULL, 20);
  selector = GTK_DROP_DOWN (lineup_app_test_get (GTK_WIDGET (window), "camera-selector"));
  LINEUP_TEST_WAIT_FOR (g_list_model_get_n_items (gtk_drop_down_get_model (selector)) == 2, 10);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (selector)));

  /* The other one, chosen as the operator would */
  first = running_id (view);
  other = g_str_equal (first, "lineup-fakecam") ? "lineup-othercam" : "lineup-fakecam";
  other_index = 0;
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LineupCameraDevice) device = g_list_model_get_item (gtk_drop_down_get_model (selector), i);

      if (g_str_equal (lineup_camera_device_get_id (device), other))
        other_index = i;
    }
  gtk_drop_down_set_selected (selector, other_index);
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (running_id (view), other) == 0, 20);
  chosen = g_settings_get_string (settings, "camera-device");
  g_assert_cmpstr (chosen, ==, other);

  lineup_camera_view_stop (view);
  lineup_app_test_destroy_window (window);
  lineup_test_session_unplug (session);
  g_settings_reset (settings, "camera-device");
  g_settings_reset (settings, "camera-pipeline");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Before GTK, which would take the bus of the display's session */
  g_unsetenv ("LINEUP_CAMERA_PIPELINE");
  if (!(session = lineup_test_session_new (FALSE, &error)))
    g_printerr ("# No PipeWire session: %s\n", error->message);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  lineup_test_camera_init ();

  g_test_add_func ("/lineup/app/camera-view/pipewire/selector", test_selector);

  status = g_test_run ();
  g_clear_pointer (&session, lineup_test_session_free);
  return status;
}
