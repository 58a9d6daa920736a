/* test-camera.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lineup-camera.h"
#include "lineup-camera-monitor.h"
#include "lineup-camera-private.h"
#include "lineup-test-camera.h"
#include "lineup-test-util.h"

#define SMPTE_640 LINEUP_TEST_SMPTE_640

typedef struct
{
  LineupCamera          *camera;
  GAsyncResult          *result;
  LineupTestCameraWatch  watch;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LineupCameraDevice) device = lineup_camera_device_new_for_pipeline (data);

  fixture->camera = lineup_camera_new (device);
  lineup_test_camera_watch (fixture->camera, &fixture->watch);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lineup_camera_stop (fixture->camera);
  g_assert_finalize_object (fixture->camera);
  lineup_test_camera_watch_clear (&fixture->watch);
}

static void
test_capture (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  LineupCameraFrame *frame;

  g_assert_true (lineup_test_camera_start (fixture->camera, &error));
  g_assert_no_error (error);
  g_assert_true (lineup_camera_get_running (fixture->camera));
  LINEUP_TEST_WAIT_FOR (fixture->watch.frames >= 3, 10);

  frame = lineup_camera_get_frame (fixture->camera);
  g_assert_nonnull (frame);
  g_assert_cmpint (lineup_camera_frame_get_width (frame), ==, 640);
  g_assert_cmpint (lineup_camera_frame_get_height (frame), ==, 480);
  g_assert_cmpuint (lineup_camera_frame_get_stride (frame), >=, 640 * 4);
  g_assert_cmpint (lineup_camera_frame_get_format (frame), ==, LINEUP_CAMERA_FORMAT_BGRA);

  lineup_camera_frame_prepare_async (frame, FALSE, NULL, lineup_test_keep_result, &fixture->result);
  result = lineup_test_wait_result (&fixture->result);
  image = lineup_camera_frame_prepare_finish (result, &error);
  g_assert_no_error (error);

  /* The probe: the frame's size, a JPEG, and a picture, not a blank. */
  g_assert_cmpint (lineup_image_get_width (image), ==, 640);
  g_assert_cmpint (lineup_image_get_height (image), ==, 480);
  g_assert_cmpstr (lineup_image_get_content_type (image), ==, "image/jpeg");
  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, lineup_image_get_bytes (image), &error));
  g_assert_true (gdk_pixbuf_loader_close (loader, &error));
  decoded = g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
  g_assert_cmpint (gdk_pixbuf_get_width (decoded), ==, 640);
  g_assert_cmpfloat (lineup_test_luma_stddev (decoded), >, 30);
  g_assert_cmpfloat (lineup_test_luma_stddev (lineup_image_get_preview (image)), >, 30);
}

static void
on_preview_frame (LineupCamera      *camera,
                  LineupCameraFrame *frame,
                  int               *width)
{
  *width = lineup_camera_frame_get_width (frame);
}

/* A preview size: the frames shown are scaled to fit it in GStreamer,
 * the frame to capture stays full size. */
static void
test_preview_size (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LineupCameraFrame *frame;
  int shown = 0;

  g_signal_connect (fixture->camera, "frame", G_CALLBACK (on_preview_frame), &shown);
  lineup_camera_set_preview_size (fixture->camera, 200, 200);
  g_assert_true (lineup_test_camera_start (fixture->camera, &error));
  g_assert_no_error (error);
  LINEUP_TEST_WAIT_FOR (shown == 200, 10);

  frame = lineup_camera_get_frame (fixture->camera);
  g_assert_cmpint (lineup_camera_frame_get_width (frame), ==, 640);
  g_assert_cmpint (lineup_camera_frame_get_height (frame), ==, 480);
  /* Again, with no new full frame since: the same one */
  g_assert_true (lineup_camera_get_frame (fixture->camera) == frame ||
                 lineup_camera_frame_get_width (lineup_camera_get_frame (fixture->camera)) == 640);

  /* Resized while running */
  lineup_camera_set_preview_size (fixture->camera, 100, 100);
  LINEUP_TEST_WAIT_FOR (shown == 100, 10);
  lineup_camera_stop (fixture->camera);
  g_assert_cmpint (lineup_camera_frame_get_width (lineup_camera_get_frame (fixture->camera)), ==, 640);
}

/* The app's own preview sink (gtk4paintablesink where GStreamer has it;
 * a fakesink stands in for it here): it gets the scaled branch, the
 * frames still reach the main loop, Capture still has full frames, and
 * the next start goes back to the appsink. */
static int sink_buffers;

static void
on_sink_handoff (GstElement *sink,
                 GstBuffer  *buffer,
                 GstPad     *pad,
                 gpointer    user_data)
{
  g_atomic_int_inc (&sink_buffers);
}

static void
test_preview_sink (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GstElement) sink = gst_object_ref_sink (gst_element_factory_make ("fakesink", NULL));
  g_autoptr(GError) error = NULL;
  int shown = 0;

  g_assert_nonnull (sink);
  g_object_set (sink, "signal-handoffs", TRUE, "sync", TRUE, NULL);
  g_signal_connect (sink, "handoff", G_CALLBACK (on_sink_handoff), NULL);
  g_signal_connect (fixture->camera, "frame", G_CALLBACK (on_preview_frame), &shown);
  lineup_camera_set_preview_size (fixture->camera, 200, 200);
  _lineup_camera_set_preview_sink (fixture->camera, sink);
  g_assert_true (lineup_test_camera_start (fixture->camera, &error));
  g_assert_no_error (error);
  LINEUP_TEST_WAIT_FOR (lineup_camera_get_n_frames (fixture->camera) >= 10, 10);
  g_assert_cmpint (shown, ==, 200);
  g_assert_cmpint (g_atomic_int_get (&sink_buffers), >=, 5);
  g_assert_cmpint (lineup_camera_frame_get_width (lineup_camera_get_frame (fixture->camera)), ==, 640);
  lineup_camera_stop (fixture->camera);

  /* Used once: the next start draws through the appsink again. */
  LINEUP_TEST_WAIT_FOR (GST_OBJECT_PARENT (sink) == NULL, 10);
  g_atomic_int_set (&sink_buffers, 0);
  g_assert_true (lineup_test_camera_start (fixture->camera, &error));
  g_assert_no_error (error);
  LINEUP_TEST_WAIT_FOR (lineup_camera_get_n_frames (fixture->camera) >= 5, 10);
  g_assert_cmpint (g_atomic_int_get (&sink_buffers), ==, 0);
  lineup_camera_stop (fixture->camera);
}

static void
test_mirror (void)
{
  /* 2×1 BGRA: red, then blue */
  static const guint8 pixels[] = { 0, 0, 255, 255, 255, 0, 0, 255 };
  g_autoptr(GBytes) bytes = g_bytes_new_static (pixels, sizeof pixels);
  g_autoptr(LineupCameraFrame) frame = lineup_camera_frame_new (LINEUP_CAMERA_FORMAT_BGRA, 2, 1, 8, bytes);
  g_autoptr(GdkPixbuf) plain = lineup_camera_frame_to_pixbuf (frame, FALSE);
  g_autoptr(GdkPixbuf) mirrored = lineup_camera_frame_to_pixbuf (frame, TRUE);
  const guint8 *p = gdk_pixbuf_get_pixels (plain);
  const guint8 *m = gdk_pixbuf_get_pixels (mirrored);

  g_assert_cmpint (gdk_pixbuf_get_has_alpha (plain), ==, FALSE);
  g_assert_cmpmem (p, 6, ((const guint8[]) { 255, 0, 0, 0, 0, 255 }), 6);
  g_assert_cmpmem (m, 6, ((const guint8[]) { 0, 0, 255, 255, 0, 0 }), 6);
}

static void
test_override (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autofree char *from_setting = NULL;
  g_autofree char *from_env = NULL;
  g_autofree char *none = NULL;
  g_autoptr(LineupCameraMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *devices;

  g_unsetenv ("LINEUP_CAMERA_PIPELINE");
  g_assert_null (lineup_camera_dup_pipeline_override (settings));
  g_settings_set_string (settings, "camera-pipeline", "  videotestsrc  ");
  from_setting = lineup_camera_dup_pipeline_override (settings);
  g_assert_cmpstr (from_setting, ==, "videotestsrc");
  g_setenv ("LINEUP_CAMERA_PIPELINE", "videotestsrc pattern=ball", TRUE);
  from_env = lineup_camera_dup_pipeline_override (settings);
  g_assert_cmpstr (from_env, ==, "videotestsrc pattern=ball");
  g_setenv ("LINEUP_CAMERA_PIPELINE", " ", TRUE);
  g_settings_reset (settings, "camera-pipeline");
  none = lineup_camera_dup_pipeline_override (settings);
  g_assert_null (none);
  g_unsetenv ("LINEUP_CAMERA_PIPELINE");

  monitor = lineup_camera_monitor_new (from_env);
  g_assert_cmpint (lineup_camera_monitor_get_source (monitor), ==, LINEUP_CAMERA_SOURCE_PIPELINE);
  g_assert_true (lineup_test_camera_monitor_start (monitor, &error));
  g_assert_no_error (error);
  devices = lineup_camera_monitor_get_devices (monitor);
  g_assert_cmpuint (g_list_model_get_n_items (devices), ==, 1);
  g_assert_cmpstr (lineup_camera_device_get_id (lineup_camera_monitor_find (monitor, NULL)), ==, "pipeline");
}

static void
test_start_fails (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *description = data;
  int expected = LINEUP_CAMERA_ERROR_PIPELINE;

  if (strstr (description, "fail=busy"))
    expected = LINEUP_CAMERA_ERROR_BUSY;
  else if (strstr (description, "fail=denied"))
    expected = LINEUP_CAMERA_ERROR_PERMISSION_DENIED;
  else if (strstr (description, "fail=not-found"))
    expected = LINEUP_CAMERA_ERROR_NO_CAMERA;

  g_assert_false (lineup_test_camera_start (fixture->camera, &error));
  g_assert_error (error, LINEUP_CAMERA_ERROR, expected);
  g_test_message ("%s → %s", description, error->message);
  g_assert_false (lineup_camera_get_running (fixture->camera));
  g_assert_null (lineup_camera_get_frame (fixture->camera));
  g_assert_null (fixture->watch.failure);
}

static void
test_fails_while_running (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_test_camera_start (fixture->camera, &error));
  g_assert_no_error (error);
  LINEUP_TEST_WAIT_FOR (fixture->watch.failure != NULL, 10);
  g_assert_error (fixture->watch.failure, LINEUP_CAMERA_ERROR, LINEUP_CAMERA_ERROR_UNPLUGGED);
  g_test_message ("%s → %s", (const char *)data, fixture->watch.failure->message);
  g_assert_false (lineup_camera_get_running (fixture->camera));
  /* The last picture stays, for the view to show under the message. */
  g_assert_nonnull (lineup_camera_get_frame (fixture->camera));
  g_assert_cmpuint (lineup_camera_get_n_frames (fixture->camera), >=, 1);
}

/* A main loop that is late gets the newest frame, not a queue of them. */
static void
test_late_frames_dropped (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint64 before;

  g_assert_true (lineup_test_camera_start (fixture->camera, &error));
  before = fixture->watch.frames;
  g_usleep (G_USEC_PER_SEC / 2);   /* a busy main loop: 15 frames come meanwhile */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (fixture->watch.frames, ==, before + 1);
  g_assert_cmpuint (lineup_camera_get_n_dropped (fixture->camera), >=, 10);
}

/* Stopping releases the device at once; it can start again right away. */
static void
test_restart (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 3; i++)
    {
      g_assert_true (lineup_test_camera_start (fixture->camera, &error));
      g_assert_no_error (error);
      lineup_camera_stop (fixture->camera);
      g_assert_false (lineup_camera_get_running (fixture->camera));
    }
  /* Stopped while starting: the start reports cancelled, nothing leaks. */
  lineup_camera_start_async (fixture->camera, NULL, lineup_test_keep_result, &fixture->result);
  lineup_camera_stop (fixture->camera);
  {
    g_autoptr(GAsyncResult) result = lineup_test_wait_result (&fixture->result);

    g_assert_false (lineup_camera_start_finish (fixture->camera, result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

/* A start stuck in its state change (here for 15 s, longer than the
 * camera waits for a first frame) still ends with an error, before the
 * source would have started: the main loop was never blocked. */
static void
test_hangs (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lineup_test_camera_start (fixture->camera, &error));
  g_assert_error (error, LINEUP_CAMERA_ERROR, LINEUP_CAMERA_ERROR_NO_CAMERA);
  g_assert_false (lineup_camera_get_running (fixture->camera));
}

static void
test_no_camera (void)
{
  g_autoptr(LineupCameraMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *runtime_dir = g_dir_make_tmp ("lineup-test-XXXXXX", NULL);
  g_autoptr(GDir) dev = g_dir_open ("/dev", 0, NULL);
  const char *name;

  while (dev != NULL && (name = g_dir_read_name (dev)) != NULL)
    if (g_str_has_prefix (name, "video"))
      {
        g_test_skip ("This machine has a V4L2 device");
        return;
      }

  /* No PipeWire to be found either */
  g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);
  monitor = lineup_camera_monitor_new (NULL);
  g_assert_cmpint (lineup_camera_monitor_get_source (monitor), ==, LINEUP_CAMERA_SOURCE_DEVICES);
  g_assert_false (lineup_test_camera_monitor_start (monitor, &error));
  g_assert_error (error, LINEUP_CAMERA_ERROR, LINEUP_CAMERA_ERROR_NO_CAMERA);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_camera_monitor_get_devices (monitor)), ==, 0);
  lineup_camera_monitor_stop (monitor);
  g_rmdir (runtime_dir);
}

#define ADD(path, description, func) \
  g_test_add (path, Fixture, description, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  lineup_test_camera_init ();

  g_test_add_func ("/lineup/camera/frame/mirror", test_mirror);
  g_test_add_func ("/lineup/camera/override", test_override);
  ADD ("/lineup/camera/capture", SMPTE_640, test_capture);
  ADD ("/lineup/camera/late-frames-dropped", SMPTE_640, test_late_frames_dropped);
  ADD ("/lineup/camera/preview-size", SMPTE_640, test_preview_size);
  ADD ("/lineup/camera/preview-sink", SMPTE_640, test_preview_sink);
  ADD ("/lineup/camera/restart", SMPTE_640, test_restart);
  ADD ("/lineup/camera/error/bad-description", LINEUP_TEST_FAULT_BAD_ELEMENT, test_start_fails);
  ADD ("/lineup/camera/error/not-video", "audiotestsrc", test_start_fails);
  ADD ("/lineup/camera/error/busy", LINEUP_TEST_FAULT_BUSY, test_start_fails);
  ADD ("/lineup/camera/error/denied", LINEUP_TEST_FAULT_DENIED, test_start_fails);
  ADD ("/lineup/camera/error/not-found", LINEUP_TEST_FAULT_NOT_FOUND, test_start_fails);
  ADD ("/lineup/camera/error/unplugged", LINEUP_TEST_FAULT_UNPLUGGED, test_fails_while_running);
  ADD ("/lineup/camera/error/ended", "videotestsrc num-buffers=3", test_fails_while_running);
  g_test_add_func ("/lineup/camera/error/no-camera", test_no_camera);
  ADD ("/lineup/camera/error/hangs", LINEUP_TEST_FAULT_HANG, test_hangs);

  return g_test_run ();
}
