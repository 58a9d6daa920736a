/* lineup-cli-capture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-camera.h"
#include "lineup-camera-monitor.h"
#include "lineup-cli-private.h"

/* lineup-cli capture: one camera frame, prepared exactly as the app's
 * Capture prepares it, saved as the JPEG the service would receive.
 * Needs no service. */

/* A real camera's first frames are often dark: its exposure settles. */
#define CAMERA_WARM_UP_MS 500

typedef struct
{
  LineupCli *cli;
  guint      id;
} WarmUp;

static gboolean
on_warmed_up (gpointer user_data)
{
  WarmUp *warm_up = user_data;

  warm_up->id = 0;
  warm_up->cli->done = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_failed (LineupCamera  *camera,
           const GError  *error,
           LineupCli     *cli)
{
  /* A test source may end right after its frames: the last one counts. */
  cli->done = TRUE;
}

static GSettings *
app_settings (void)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  /* Installed, or GSETTINGS_SCHEMA_DIR points at it; otherwise no setting */
  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE)))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static LineupCameraDevice *
find_camera (LineupCli   *cli,
             const char  *pipeline,
             const char  *camera_id,
             LineupCameraMonitor **monitor_out,
             GError     **error)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *override = NULL;
  g_autoptr(LineupCameraMonitor) monitor = NULL;
  LineupCameraDevice *device;

  if (pipeline != NULL)
    override = g_strdup (pipeline);
  else
    {
      settings = app_settings ();
      override = lineup_camera_dup_pipeline_override (settings);
    }

  monitor = lineup_camera_monitor_new (override);
  lineup_camera_monitor_start_async (monitor, NULL, lineup_cli_keep_result, cli);
  lineup_cli_wait (cli);
  if (!lineup_camera_monitor_start_finish (monitor, cli->result, error))
    return NULL;

  device = lineup_camera_monitor_find (monitor, camera_id);
  if (camera_id != NULL && g_strcmp0 (lineup_camera_device_get_id (device), camera_id) != 0)
    {
      g_set_error (error, LINEUP_CAMERA_ERROR, LINEUP_CAMERA_ERROR_NO_CAMERA,
                   _("No camera “%s” is connected."), camera_id);
      return NULL;
    }
  *monitor_out = g_steal_pointer (&monitor);
  return g_object_ref (device);
}

static int
print_cameras (LineupCli *cli)
{
  g_autoptr(LineupCameraMonitor) monitor = lineup_camera_monitor_new (NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  GListModel *devices;

  lineup_camera_monitor_start_async (monitor, NULL, lineup_cli_keep_result, cli);
  lineup_cli_wait (cli);
  if (!lineup_camera_monitor_start_finish (monitor, cli->result, &error) &&
      !g_error_matches (error, LINEUP_CAMERA_ERROR, LINEUP_CAMERA_ERROR_NO_CAMERA))
    return lineup_cli_fail (cli, error);

  devices = lineup_camera_monitor_get_devices (monitor);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cameras");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(LineupCameraDevice) device = g_list_model_get_item (devices, i);

      json_builder_begin_object (builder);
      lineup_cli_json_string (builder, "id", lineup_camera_device_get_id (device));
      lineup_cli_json_string (builder, "name", lineup_camera_device_get_display_name (device));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return lineup_cli_print_json (builder);
}

int
lineup_cli_capture (LineupCli  *cli,
                    int         argc,
                    char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LineupCameraMonitor) monitor = NULL;
  g_autoptr(LineupCameraDevice) device = NULL;
  g_autoptr(LineupCamera) camera = NULL;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *pipeline = NULL;
  g_autofree char *camera_id = NULL;
  g_autofree char *path = NULL;
  gboolean mirror = FALSE, list = FALSE;
  int delay = -1;
  GBytes *bytes;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Save the photo as FILE (required)"), "FILE" },
    { "pipeline", 'p', 0, G_OPTION_ARG_STRING, &pipeline,
      N_("Take the frame from this GStreamer source, e.g. “videotestsrc” (default: LINEUP_CAMERA_PIPELINE, "
         "the camera-pipeline setting, or the camera)"), "DESC" },
    { "camera", 'c', 0, G_OPTION_ARG_STRING, &camera_id, N_("Use the camera with this id (see --list)"), "ID" },
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list, N_("List the cameras, then exit"), NULL },
    { "delay", 'd', 0, G_OPTION_ARG_INT, &delay,
      N_("Wait this long after the first frame (default: 500 for a camera, 0 for a pipeline)"), "MS" },
    { "mirror", 'm', 0, G_OPTION_ARG_NONE, &mirror, N_("Flip the photo left to right"), NULL },
    { NULL }
  };

  context = lineup_cli_command_context (cli, entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lineup_cli_usage (context, error->message);
  if (list)
    return print_cameras (cli);
  if (argc != 1)
    return lineup_cli_usage (context, _("capture takes no arguments; give the file with -o."));
  if (output == NULL)
    return lineup_cli_usage (context, _("-o FILE is required."));
  if (pipeline != NULL && *g_strstrip (pipeline) == '\0')
    return lineup_cli_usage (context, _("--pipeline must not be empty."));
  if (delay < -1 || delay > 60000)
    return lineup_cli_usage (context, _("--delay must be between 0 and 60000."));

  if (!(device = find_camera (cli, pipeline, camera_id, &monitor, &error)))
    return lineup_cli_fail (cli, error);

  camera = lineup_camera_new (device);
  g_signal_connect (camera, "failed", G_CALLBACK (on_failed), cli);
  lineup_camera_start_async (camera, NULL, lineup_cli_keep_result, cli);
  lineup_cli_wait (cli);
  if (!lineup_camera_start_finish (camera, cli->result, &error))
    return lineup_cli_fail (cli, error);

  if (delay < 0)
    delay = lineup_camera_monitor_get_source (monitor) == LINEUP_CAMERA_SOURCE_PIPELINE ? 0 : CAMERA_WARM_UP_MS;
  if (delay > 0 && lineup_camera_get_running (camera))
    {
      WarmUp warm_up = { cli, 0 };

      /* Ends early when the source does */
      warm_up.id = g_timeout_add (delay, on_warmed_up, &warm_up);
      lineup_cli_wait (cli);
      g_clear_handle_id (&warm_up.id, g_source_remove);
    }
  lineup_camera_stop (camera);

  /* The same preparation as the app's Capture, then as an opened file */
  lineup_camera_frame_prepare_async (lineup_camera_get_frame (camera), mirror, NULL, lineup_cli_keep_result, cli);
  lineup_cli_wait (cli);
  if (!(image = lineup_camera_frame_prepare_finish (cli->result, &error)))
    return lineup_cli_fail (cli, error);

  file = g_file_new_for_commandline_arg (output);
  bytes = lineup_image_get_bytes (image);
  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
    {
      g_printerr ("lineup-cli: %s: %s\n", output, error->message);
      return LINEUP_CLI_EXIT_ERROR;
    }

  path = g_file_get_path (file);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  lineup_cli_json_string (builder, "file", path ? path : output);
  lineup_cli_json_string (builder, "content_type", lineup_image_get_content_type (image));
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, lineup_image_get_width (image));
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, lineup_image_get_height (image));
  json_builder_set_member_name (builder, "bytes");
  json_builder_add_int_value (builder, g_bytes_get_size (bytes));
  lineup_cli_json_string (builder, "camera", lineup_camera_device_get_display_name (device));
  lineup_cli_json_string (builder, "camera_id", lineup_camera_device_get_id (device));
  json_builder_end_object (builder);
  return lineup_cli_print_json (builder);
}
