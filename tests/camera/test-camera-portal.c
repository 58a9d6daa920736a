/* test-camera-portal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lineup-camera.h"
#include "lineup-camera-monitor.h"
#include "lineup-test-camera.h"
#include "lineup-test-util.h"

/* The path inside Flatpak, run outside it (LINEUP_CAMERA_PORTAL=1): the
 * Camera portal grants access, hands over a PipeWire remote, and the
 * fake camera on it streams through pipewiresrc fd=N. The program runs
 * its own D-Bus session with xdg-desktop-portal, its GTK backend (which
 * needs a display, hence the display suite) and PipeWire; the user's
 * answer is given beforehand in the permission store. */

static LineupTestSession *session;

static void
test_stream (void)
{
  g_autoptr(LineupCameraMonitor) monitor = lineup_camera_monitor_new (NULL);
  g_autoptr(LineupCamera) camera = NULL;
  g_autoptr(GError) error = NULL;
  LineupTestCameraWatch watch = { 0 };
  LineupCameraDevice *device;
  LineupCameraFrame *frame;

  lineup_test_session_permit (session, TRUE, &error);
  g_assert_no_error (error);

  g_assert_cmpint (lineup_camera_monitor_get_source (monitor), ==, LINEUP_CAMERA_SOURCE_PORTAL);
  g_assert_true (lineup_test_camera_monitor_start (monitor, &error));
  g_assert_no_error (error);
  device = lineup_camera_monitor_find (monitor, NULL);
  g_assert_nonnull (device);
  g_test_message ("Camera on the portal's remote: %s", lineup_camera_device_get_display_name (device));

  camera = lineup_camera_new (device);
  lineup_test_camera_watch (camera, &watch);
  g_assert_true (lineup_test_camera_start (camera, &error));
  g_assert_no_error (error);
  LINEUP_TEST_WAIT_FOR (watch.frames >= 5, 10);
  frame = lineup_camera_get_frame (camera);
  g_assert_cmpint (lineup_camera_frame_get_width (frame), ==, 640);
  g_assert_cmpint (lineup_camera_frame_get_height (frame), ==, 480);
  lineup_camera_stop (camera);
  lineup_camera_monitor_stop (monitor);
  g_clear_object (&camera);
  lineup_test_camera_watch_clear (&watch);
}

static void
test_denied (void)
{
  g_autoptr(LineupCameraMonitor) monitor = lineup_camera_monitor_new (NULL);
  g_autoptr(GError) error = NULL;

  lineup_test_session_permit (session, FALSE, &error);
  g_assert_no_error (error);

  g_assert_false (lineup_test_camera_monitor_start (monitor, &error));
  g_assert_error (error, LINEUP_CAMERA_ERROR, LINEUP_CAMERA_ERROR_PERMISSION_DENIED);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_camera_monitor_get_devices (monitor)), ==, 0);
  g_clear_error (&error);

  lineup_test_session_permit (session, TRUE, &error);
  g_assert_no_error (error);
}

/* Without a device monitor on the portal's remote, the frames stopping
 * is what tells the camera went away. */
static void
test_unplug (void)
{
  g_autoptr(LineupCameraMonitor) monitor = lineup_camera_monitor_new (NULL);
  g_autoptr(LineupCamera) camera = NULL;
  g_autoptr(GError) error = NULL;
  LineupTestCameraWatch watch = { 0 };

  g_assert_true (lineup_test_camera_monitor_start (monitor, &error));
  camera = lineup_camera_new (lineup_camera_monitor_find (monitor, NULL));
  lineup_test_camera_watch (camera, &watch);
  g_assert_true (lineup_test_camera_start (camera, &error));

  lineup_test_session_unplug (session);
  LINEUP_TEST_WAIT_FOR (watch.failure != NULL, 15);
  g_assert_error (watch.failure, LINEUP_CAMERA_ERROR, LINEUP_CAMERA_ERROR_UNPLUGGED);
  g_assert_false (lineup_camera_get_running (camera));
  g_clear_object (&camera);
  lineup_test_camera_watch_clear (&watch);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("DISPLAY") == NULL)
    return 77;
  /* Before anything in this process connects to D-Bus */
  if (!(session = lineup_test_session_new (TRUE, &error)))
    {
      g_printerr ("No portal session: %s\n", error->message);
      return 77;
    }
  lineup_test_camera_init ();
  g_setenv ("LINEUP_CAMERA_PORTAL", "1", TRUE);
  lineup_test_session_add_camera (session, &error);
  g_assert_no_error (error);

  g_test_add_func ("/lineup/camera/portal/denied", test_denied);
  g_test_add_func ("/lineup/camera/portal/stream", test_stream);
  g_test_add_func ("/lineup/camera/portal/unplug", test_unplug);

  status = g_test_run ();
  g_clear_pointer (&session, lineup_test_session_free);
  return status;
}
