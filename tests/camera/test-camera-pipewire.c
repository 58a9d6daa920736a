/* test-camera-pipewire.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lineup-camera.h"
#include "lineup-camera-monitor.h"
#include "lineup-test-camera.h"
#include "lineup-test-util.h"

/* The real device path outside Flatpak: a PipeWire camera found by
 * GstDeviceMonitor, streamed through pipewiresrc, and pulled out. The
 * program has its own PipeWire session (the process's device monitor
 * stays connected to the first one it sees); each test plugs in a fake
 * camera. */

static LineupTestSession *session;

typedef struct
{
  LineupCameraMonitor   *monitor;
  LineupTestCameraWatch  watch;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (session == NULL)
    return;
  lineup_test_session_add_camera (session, &error);
  g_assert_no_error (error);
  fixture->monitor = lineup_camera_monitor_new (NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (session != NULL)
    lineup_test_session_unplug (session);
  /* The process's device monitor has seen it go, so the next test does
   * not find this camera's node, gone, under load. */
  if (fixture->monitor != NULL)
    {
      LINEUP_TEST_WAIT_FOR (g_list_model_get_n_items (lineup_camera_monitor_get_devices (fixture->monitor)) == 0, 20);
      lineup_camera_monitor_stop (fixture->monitor);
      g_assert_finalize_object (fixture->monitor);
    }
  lineup_test_camera_watch_clear (&fixture->watch);
}

static LineupCameraDevice *
find_fake_camera (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  LineupCameraDevice *device;

  g_assert_cmpint (lineup_camera_monitor_get_source (fixture->monitor), ==, LINEUP_CAMERA_SOURCE_DEVICES);
  g_assert_true (lineup_test_camera_monitor_start (fixture->monitor, &error));
  g_assert_no_error (error);

  device = lineup_camera_monitor_find (fixture->monitor, "lineup-fakecam");
  g_assert_nonnull (device);
  g_assert_cmpstr (lineup_camera_device_get_id (device), ==, "lineup-fakecam");
  g_assert_cmpstr (lineup_camera_device_get_display_name (device), ==, "FakeCam");
  return device;
}

static void
start (Fixture      *fixture,
       LineupCamera *camera)
{
  g_autoptr(GError) error = NULL;

  lineup_test_camera_watch (camera, &fixture->watch);
  lineup_test_camera_start (camera, &error);
  g_assert_no_error (error);
}

static void
test_stream (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(LineupCamera) camera = NULL;
  LineupCameraFrame *frame;

  if (session == NULL)
    {
      g_test_skip ("PipeWire is not installed");
      return;
    }

  camera = lineup_camera_new (find_fake_camera (fixture));
  start (fixture, camera);
  LINEUP_TEST_WAIT_FOR (fixture->watch.frames >= 5, 10);
  frame = lineup_camera_get_frame (camera);
  g_assert_cmpint (lineup_camera_frame_get_width (frame), ==, 640);
  g_assert_cmpint (lineup_camera_frame_get_height (frame), ==, 480);
  lineup_camera_stop (camera);
  g_assert_null (fixture->watch.failure);
}

/* PipeWire posts no error when a camera goes: the device monitor sees it
 * leave, and the camera reports it unplugged. */
static void
test_unplug (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(LineupCamera) camera = NULL;
  LineupCameraDevice *device;

  if (session == NULL)
    {
      g_test_skip ("PipeWire is not installed");
      return;
    }

  device = find_fake_camera (fixture);
  camera = lineup_camera_new (device);
  start (fixture, camera);
  LINEUP_TEST_WAIT_FOR (fixture->watch.frames >= 3, 10);

  lineup_test_session_unplug (session);
  LINEUP_TEST_WAIT_FOR (fixture->watch.failure != NULL, 10);
  g_assert_error (fixture->watch.failure, LINEUP_CAMERA_ERROR, LINEUP_CAMERA_ERROR_UNPLUGGED);
  g_assert_false (lineup_camera_get_running (camera));
  g_assert_false (lineup_camera_device_get_connected (device));
  g_assert_cmpuint (g_list_model_get_n_items (lineup_camera_monitor_get_devices (fixture->monitor)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  lineup_test_camera_init ();
  if (!(session = lineup_test_session_new (FALSE, &error)))
    g_test_message ("No PipeWire session: %s", error->message);

  g_test_add ("/lineup/camera/pipewire/stream", Fixture, NULL, fixture_set_up, test_stream, fixture_tear_down);
  g_test_add ("/lineup/camera/pipewire/unplug", Fixture, NULL, fixture_set_up, test_unplug, fixture_tear_down);

  status = g_test_run ();
  g_clear_pointer (&session, lineup_test_session_free);
  return status;
}
