/* lineup-test-camera.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-test"

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gst/base/gstbasetransform.h>

#include "lineup-test-camera.h"
#include "lineup-test-util.h"

/* Camera fixtures: a filter element that fails the way cameras do, and a
 * private PipeWire session (optionally with its own D-Bus session and the
 * camera portal) with a fake camera in it, like ../shared/tools/fake-camera.sh
 * but owned by the test, so CI needs nothing running beforehand. */

/* lineupfault: passes video through, then fails like a camera. */

#define LINEUP_TYPE_FAULT (lineup_fault_get_type ())
G_DECLARE_FINAL_TYPE (LineupFault, lineup_fault, LINEUP, FAULT, GstBaseTransform)

struct _LineupFault
{
  GstBaseTransform parent_instance;
  char            *fail;
  guint            after;
  guint            seen;
};

G_DEFINE_FINAL_TYPE (LineupFault, lineup_fault, GST_TYPE_BASE_TRANSFORM)

enum { FAULT_PROP_0, FAULT_PROP_FAIL, FAULT_PROP_AFTER };

static gboolean
lineup_fault_post (LineupFault *self)
{
  if (g_strcmp0 (self->fail, "busy") == 0)
    GST_ELEMENT_ERROR (self, RESOURCE, BUSY, ("Device '/dev/video0' is busy"), (NULL));
  else if (g_strcmp0 (self->fail, "denied") == 0)
    GST_ELEMENT_ERROR (self, RESOURCE, NOT_AUTHORIZED, ("Not allowed"), (NULL));
  else if (g_strcmp0 (self->fail, "not-found") == 0)
    GST_ELEMENT_ERROR (self, RESOURCE, NOT_FOUND, ("Cannot identify device '/dev/video0'."), (NULL));
  else if (g_strcmp0 (self->fail, "read") == 0)
    GST_ELEMENT_ERROR (self, RESOURCE, READ, ("Could not read from resource."), ("poll error 1: No such device (19)"));
  else if (g_strcmp0 (self->fail, "stream") == 0)
    GST_ELEMENT_ERROR (self, STREAM, FAILED, ("Internal data stream error."), (NULL));
  else
    return FALSE;
  return TRUE;
}

static gboolean
lineup_fault_start (GstBaseTransform *transform)
{
  LineupFault *self = LINEUP_FAULT (transform);

  /* A camera that never answers: the state change waits */
  if (g_strcmp0 (self->fail, "hang") == 0)
    {
      g_usleep (15 * G_USEC_PER_SEC);
      return TRUE;
    }
  self->seen = 0;
  return self->after > 0 || !lineup_fault_post (self);
}

static GstFlowReturn
lineup_fault_transform_ip (GstBaseTransform *transform,
                           GstBuffer        *buffer)
{
  LineupFault *self = LINEUP_FAULT (transform);

  if (self->after > 0 && ++self->seen > self->after && lineup_fault_post (self))
    return GST_FLOW_ERROR;
  return GST_FLOW_OK;
}

static void
lineup_fault_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LineupFault *self = LINEUP_FAULT (object);

  switch (prop_id)
    {
    case FAULT_PROP_FAIL:
      g_free (self->fail);
      self->fail = g_value_dup_string (value);
      break;
    case FAULT_PROP_AFTER:
      self->after = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_fault_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LineupFault *self = LINEUP_FAULT (object);

  switch (prop_id)
    {
    case FAULT_PROP_FAIL:
      g_value_set_string (value, self->fail);
      break;
    case FAULT_PROP_AFTER:
      g_value_set_uint (value, self->after);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_fault_finalize (GObject *object)
{
  g_free (LINEUP_FAULT (object)->fail);
  G_OBJECT_CLASS (lineup_fault_parent_class)->finalize (object);
}

static void
lineup_fault_class_init (LineupFaultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseTransformClass *transform_class = GST_BASE_TRANSFORM_CLASS (klass);
  static GstStaticPadTemplate sink = GST_STATIC_PAD_TEMPLATE ("sink", GST_PAD_SINK, GST_PAD_ALWAYS,
                                                              GST_STATIC_CAPS ("video/x-raw"));
  static GstStaticPadTemplate src = GST_STATIC_PAD_TEMPLATE ("src", GST_PAD_SRC, GST_PAD_ALWAYS,
                                                             GST_STATIC_CAPS ("video/x-raw"));

  object_class->set_property = lineup_fault_set_property;
  object_class->get_property = lineup_fault_get_property;
  object_class->finalize = lineup_fault_finalize;
  g_object_class_install_property (object_class, FAULT_PROP_FAIL,
    g_param_spec_string ("fail", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, FAULT_PROP_AFTER,
    g_param_spec_uint ("after", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  gst_element_class_add_static_pad_template (element_class, &sink);
  gst_element_class_add_static_pad_template (element_class, &src);
  gst_element_class_set_static_metadata (element_class, "Lineup fault", "Filter/Video",
                                         "Fails like a camera, for tests", "Lineup");
  transform_class->start = lineup_fault_start;
  transform_class->transform_ip = lineup_fault_transform_ip;
  transform_class->passthrough_on_same_caps = TRUE;
}

static void
lineup_fault_init (LineupFault *self)
{
}

/**
 * lineup_test_camera_init:
 *
 * Initialises GStreamer and registers `lineupfault`, usable in pipeline
 * overrides: `videotestsrc ! lineupfault fail=busy` fails at start,
 * `... ! lineupfault fail=read after=10` after ten frames. fail is one of
 * busy, denied, not-found, read, stream; hang blocks starting for 15 s.
 */
void
lineup_test_camera_init (void)
{
  gst_init (NULL, NULL);
  gst_element_register (NULL, "lineupfault", GST_RANK_NONE, LINEUP_TYPE_FAULT);
}

/**
 * lineup_test_still_pipeline:
 *
 * Returns: (transfer full): a live 15 fps source showing the JPEG
 */
char *
lineup_test_still_pipeline (const char *jpeg_path)
{
  return g_strdup_printf ("filesrc location=\"%s\" ! jpegdec ! imagefreeze is-live=true ! "
                          "video/x-raw,framerate=15/1", jpeg_path);
}

/* Watching a camera */

static void
on_watched_frame (LineupCamera          *camera,
                  LineupCameraFrame     *frame,
                  LineupTestCameraWatch *watch)
{
  watch->frames++;
}

static void
on_watched_failure (LineupCamera          *camera,
                    const GError          *error,
                    LineupTestCameraWatch *watch)
{
  if (watch->failure == NULL)
    watch->failure = g_error_copy (error);
}

/**
 * lineup_test_camera_watch:
 * @watch: zeroed, and alive as long as @camera
 */
void
lineup_test_camera_watch (LineupCamera          *camera,
                          LineupTestCameraWatch *watch)
{
  g_signal_connect (camera, "frame", G_CALLBACK (on_watched_frame), watch);
  g_signal_connect (camera, "failed", G_CALLBACK (on_watched_failure), watch);
}

void
lineup_test_camera_watch_clear (LineupTestCameraWatch *watch)
{
  g_clear_error (&watch->failure);
  watch->frames = 0;
}

/**
 * lineup_test_camera_start:
 *
 * Starts @camera and waits (at most 30 s) until its first frame or its
 * failure.
 */
gboolean
lineup_test_camera_start (LineupCamera  *camera,
                          GError       **error)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  lineup_camera_start_async (camera, NULL, lineup_test_keep_result, &slot);
  result = lineup_test_wait_result (&slot);
  return lineup_camera_start_finish (camera, result, error);
}

/**
 * lineup_test_camera_monitor_start:
 *
 * Starts @monitor and waits until it has listed the cameras or failed.
 */
gboolean
lineup_test_camera_monitor_start (LineupCameraMonitor  *monitor,
                                  GError              **error)
{
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  lineup_camera_monitor_start_async (monitor, NULL, lineup_test_keep_result, &slot);
  result = lineup_test_wait_result (&slot);
  return lineup_camera_monitor_start_finish (monitor, result, error);
}

/* The session */

struct _LineupTestSession
{
  char        *runtime_dir;
  char        *old_bus;
  GSubprocess *dbus;
  GSubprocess *pipewire;
  GSubprocess *wireplumber;
  GSubprocess *camera;
  GSubprocess *second_camera;
};

/* A test that aborts must not leave a PipeWire daemon behind. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocess *
spawn (const char * const  *argv,
       GError             **error)
{
  g_autofree char *base = g_path_get_basename (argv[0]);
  g_autofree char *log = g_strdup_printf ("%s/%s.log", g_getenv ("XDG_RUNTIME_DIR"), base);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);

  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, argv, error);
}

static void
stop (GSubprocess **process)
{
  if (*process == NULL)
    return;
  g_subprocess_send_signal (*process, SIGTERM);
  g_subprocess_wait (*process, NULL, NULL);
  g_clear_object (process);
}

static gboolean
wait_for_file (const char  *path,
               GError     **error)
{
  for (int i = 0; i < 100; i++)
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return TRUE;
      g_usleep (50 * 1000);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "%s did not appear", path);
  return FALSE;
}

static char *
make_dir (const char *runtime_dir,
          const char *name)
{
  char *path = g_build_filename (runtime_dir, name, NULL);

  g_mkdir_with_parents (path, 0700);
  return path;
}

/**
 * lineup_test_session_new:
 * @with_portal: whether the camera portal (xdg-desktop-portal and its GTK
 *   backend, which needs $DISPLAY) is to be activated on the session bus
 *
 * Starts a D-Bus session bus, PipeWire and WirePlumber in a new
 * XDG_RUNTIME_DIR and points this process at them; call it before
 * anything in the process uses D-Bus. Fails when a program is missing;
 * callers skip.
 *
 * Returns: (transfer full) (nullable): the session
 */
LineupTestSession *
lineup_test_session_new (gboolean   with_portal,
                         GError   **error)
{
  g_autoptr(LineupTestSession) self = g_new0 (LineupTestSession, 1);
  g_autofree char *socket = NULL;
  g_autofree char *data = NULL;
  g_autofree char *state = NULL;
  g_autofree char *config = NULL;

  for (guint i = 0; i < 5; i++)
    {
      const char *program = (const char *[]) { "dbus-daemon", "pipewire", "wireplumber", "pw-cli", "gst-launch-1.0" }[i];
      g_autofree char *path = g_find_program_in_path (program);

      if (path == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s is not installed", program);
          return NULL;
        }
    }

  if (!(self->runtime_dir = g_dir_make_tmp ("lineup-camera-XXXXXX", error)))
    return NULL;
  data = make_dir (self->runtime_dir, "data");
  state = make_dir (self->runtime_dir, "state");
  config = make_dir (self->runtime_dir, "config");
  g_setenv ("XDG_RUNTIME_DIR", self->runtime_dir, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_unsetenv ("PIPEWIRE_REMOTE");

  /* A bus of its own, with this environment for what it activates:
   * WirePlumber needs one, and CI's sanitizer run has none. */
  {
    g_autofree char *bus_path = g_build_filename (self->runtime_dir, "bus", NULL);
    g_autofree char *address_arg = g_strdup_printf ("--address=unix:path=%s", bus_path);
    g_autofree char *address = g_strdup_printf ("unix:path=%s", bus_path);
    const char *dbus_argv[] = { "dbus-daemon", "--session", "--nofork", "--nopidfile", address_arg, NULL };

    if (with_portal)
      {
        if (g_getenv ("DISPLAY") == NULL)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         "the portal's GTK backend needs a display");
            return NULL;
          }
        /* The portal reads it from the bus's activation environment. */
        g_setenv ("XDG_CURRENT_DESKTOP", "GNOME", TRUE);
      }
    self->old_bus = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
    if (!(self->dbus = spawn (dbus_argv, error)) || !wait_for_file (bus_path, error))
      return NULL;
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  }

  socket = g_build_filename (self->runtime_dir, "pipewire-0", NULL);
  if (!(self->pipewire = spawn ((const char *[]) { "pipewire", NULL }, error)) ||
      !wait_for_file (socket, error))
    return NULL;
  if (!(self->wireplumber = spawn ((const char *[]) { "wireplumber", NULL }, error)))
    return NULL;
  g_usleep (G_USEC_PER_SEC / 2);

  return g_steal_pointer (&self);
}

/* Not through a GstDeviceMonitor: the code under test owns the process's. */
static gboolean
camera_listed (const char *node_name)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", node_name);
  g_autofree char *output = NULL;
  const char *argv[] = { "pw-cli", "ls", "Node", NULL };

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &output, NULL, NULL, NULL))
    return FALSE;
  return strstr (output, quoted) != NULL;
}

static GSubprocess *
start_camera (const char  *node_name,
              const char  *description,
              const char  *pattern,
              GError     **error)
{
  g_autofree char *client = g_strdup_printf ("client-name=%s", node_name);
  g_autofree char *properties = g_strdup_printf ("stream-properties=props,media.class=Video/Source,"
                                                 "media.role=Camera,node.name=%s,node.description=%s",
                                                 node_name, description);
  g_autofree char *pattern_arg = g_strdup_printf ("pattern=%s", pattern);
  const char *argv[] = {
    "gst-launch-1.0", "-q",
    "videotestsrc", "is-live=true", pattern_arg, "!",
    "video/x-raw,width=640,height=480,framerate=15/1", "!",
    /* PipeWire links nothing without these caps */
    "videoconvert", "!", "video/x-raw,format=BGRx", "!",
    "pipewiresink", "mode=provide", client, properties,
    NULL
  };
  g_autoptr(GSubprocess) camera = spawn (argv, error);

  if (camera == NULL)
    return NULL;
  for (int i = 0; i < 50; i++)
    {
      if (camera_listed (node_name))
        return g_steal_pointer (&camera);
      g_usleep (G_USEC_PER_SEC / 5);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "the fake camera %s did not appear", node_name);
  return NULL;
}

/**
 * lineup_test_session_add_camera:
 *
 * Starts a 640×480 15 fps camera "FakeCam" (node lineup-fakecam, a ball
 * on a test pattern) and waits until the PipeWire device provider lists it.
 */
gboolean
lineup_test_session_add_camera (LineupTestSession  *self,
                                GError            **error)
{
  self->camera = start_camera ("lineup-fakecam", "FakeCam", "ball", error);
  return self->camera != NULL;
}

/**
 * lineup_test_session_add_second_camera:
 *
 * Starts another camera, "OtherCam" (node lineup-othercam, colour bars).
 */
gboolean
lineup_test_session_add_second_camera (LineupTestSession  *self,
                                       GError            **error)
{
  self->second_camera = start_camera ("lineup-othercam", "OtherCam", "smpte", error);
  return self->second_camera != NULL;
}

/**
 * lineup_test_session_unplug:
 *
 * Ends the fake cameras, the way pulling a USB cable does.
 */
void
lineup_test_session_unplug (LineupTestSession *self)
{
  stop (&self->second_camera);
  stop (&self->camera);
}

/**
 * lineup_test_session_permit:
 *
 * Pre-answers the portal's question for unsandboxed apps (app id ""),
 * as `flatpak permission-set devices camera "" yes|no`.
 */
gboolean
lineup_test_session_permit (LineupTestSession  *self,
                            gboolean            allow,
                            GError            **error)
{
  const char *argv[] = { "flatpak", "permission-set", "devices", "camera", "", allow ? "yes" : "no", NULL };
  g_autoptr(GSubprocess) process = spawn (argv, error);

  return process != NULL && g_subprocess_wait_check (process, NULL, error);
}

void
lineup_test_session_free (LineupTestSession *self)
{
  stop (&self->second_camera);
  stop (&self->camera);
  stop (&self->wireplumber);
  stop (&self->pipewire);
  /* The portal services it activated leave with the bus. */
  stop (&self->dbus);
  if (self->old_bus != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", self->old_bus, TRUE);
  else
    g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  /* LINEUP_TEST_KEEP=1 keeps the programs' logs for a look. */
  if (self->runtime_dir != NULL && g_getenv ("LINEUP_TEST_KEEP") == NULL)
    {
      const char *argv[] = { "rm", "-rf", self->runtime_dir, NULL };

      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    }
  g_free (self->runtime_dir);
  g_free (self->old_bus);
  g_free (self);
}
