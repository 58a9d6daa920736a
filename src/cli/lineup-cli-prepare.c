/* lineup-cli-prepare.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-cli"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "lineup-cli-private.h"

/* `prepare`: what `search` and `add` would send for an image, through the
 * same LineupImage code as the app, without any service. */

/**
 * lineup_cli_parse_crop:
 * @text: "X,Y,W,H" in pixels of the upright image
 */
gboolean
lineup_cli_parse_crop (const char       *text,
                       LineupImageRect  *crop,
                       GError          **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  gint64 values[4];

  if (g_strv_length (parts) != 4)
    goto bad;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_string_to_signed (g_strstrip (parts[i]), 10, 0, G_MAXINT, &values[i], NULL))
      goto bad;
  if (values[2] == 0 || values[3] == 0)
    goto bad;
  *crop = (LineupImageRect) { values[0], values[1], values[2], values[3] };
  return TRUE;

bad:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--crop wants X,Y,WIDTH,HEIGHT in pixels, such as 120,40,800,600; not “%s”."), text);
  return FALSE;
}

/**
 * lineup_cli_load_image_with:
 * @options: (nullable): limits and crop
 * @status: (out): the exit status when loading fails
 *
 * An unreadable or refused image is the caller's mistake: exit status 2.
 */
LineupImage *
lineup_cli_load_image_with (LineupCli                *cli,
                            const char               *arg,
                            const LineupImageOptions *options,
                            int                      *status)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (arg);
  g_autoptr(GError) error = NULL;
  LineupImage *image;

  /* Blocking, the same preparation as the app's: nothing else runs yet,
   * and no worker thread outlives the command. */
  if (!(image = lineup_image_load_full (file, options, NULL, &error)))
    {
      /* The message names the file already; escaped, as any text that
       * may come from outside. */
      lineup_cli_say ("%s", error->message);
      if (g_error_matches (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_ANIMATED))
        lineup_cli_say ("%s", _("Add --first-frame to send the first frame."));
      *status = LINEUP_CLI_EXIT_USAGE;
    }
  return image;
}

static void
json_int (JsonBuilder *builder,
          const char  *member,
          gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
json_bool (JsonBuilder *builder,
           const char  *member,
           gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

/**
 * lineup_cli_json_image:
 *
 * Adds an "image" member describing exactly what is uploaded.
 */
void
lineup_cli_json_image (JsonBuilder *builder,
                       LineupImage *image)
{
  g_autofree char *description = lineup_image_dup_description (image);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, lineup_image_get_bytes (image));
  LineupImageRect crop;

  json_builder_set_member_name (builder, "image");
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "source");
  json_builder_begin_object (builder);
  lineup_cli_json_string (builder, "name", lineup_image_get_source_name (image));
  lineup_cli_json_string (builder, "format", lineup_image_get_source_format (image));
  json_int (builder, "width", lineup_image_get_source_width (image));
  json_int (builder, "height", lineup_image_get_source_height (image));
  json_int (builder, "bytes", lineup_image_get_source_size (image));
  json_int (builder, "orientation", lineup_image_get_orientation (image));
  json_int (builder, "page", lineup_image_get_page (image));
  json_int (builder, "pages", lineup_image_get_n_pages (image));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "sent");
  json_builder_begin_object (builder);
  lineup_cli_json_string (builder, "content_type", lineup_image_get_content_type (image));
  lineup_cli_json_string (builder, "filename", lineup_image_get_filename (image));
  json_int (builder, "width", lineup_image_get_width (image));
  json_int (builder, "height", lineup_image_get_height (image));
  json_int (builder, "bytes", g_bytes_get_size (lineup_image_get_bytes (image)));
  json_builder_set_member_name (builder, "quality");
  if (lineup_image_get_reencoded (image))
    json_builder_add_int_value (builder, lineup_image_get_quality (image));
  else
    json_builder_add_null_value (builder);
  lineup_cli_json_string (builder, "sha256", sha256);
  json_builder_end_object (builder);

  json_bool (builder, "unchanged", !lineup_image_get_reencoded (image));
  json_bool (builder, "orientation_applied", lineup_image_get_orientation (image) != 1);
  json_bool (builder, "converted", lineup_image_get_converted (image));
  json_bool (builder, "first_frame", lineup_image_get_first_frame (image));
  json_builder_set_member_name (builder, "crop");
  if (lineup_image_get_crop (image, &crop))
    {
      json_builder_begin_object (builder);
      json_int (builder, "x", crop.x);
      json_int (builder, "y", crop.y);
      json_int (builder, "width", crop.width);
      json_int (builder, "height", crop.height);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  lineup_cli_json_string (builder, "description", description);

  json_builder_end_object (builder);
}

int
lineup_cli_prepare (LineupCli  *cli,
                    int         argc,
                    char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *crop = NULL;
  LineupImageOptions options = LINEUP_IMAGE_OPTIONS_INIT;
  gboolean first_frame = FALSE;
  int max_side = 0, quality = 0, status = LINEUP_CLI_EXIT_OK;
  double max_megapixels = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write the bytes that would be sent to this file"), "OUT" },
    { "crop", 0, 0, G_OPTION_ARG_STRING, &crop, N_("Send only this part of the upright image"), "X,Y,W,H" },
    { "max-side", 0, 0, G_OPTION_ARG_INT, &max_side, N_("Longest side sent (default: 4096)"), "PX" },
    { "max-megapixels", 0, 0, G_OPTION_ARG_DOUBLE, &max_megapixels,
      N_("Refuse larger images from their header (default: 100)"), "MP" },
    { "quality", 'q', 0, G_OPTION_ARG_INT, &quality, N_("JPEG quality tried first (default: 90)"), "Q" },
    { "first-frame", 0, 0, G_OPTION_ARG_NONE, &first_frame, N_("Send an animation’s first frame"), NULL },
    { NULL }
  };

  context = lineup_cli_command_context (cli, entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lineup_cli_usage (context, error->message);
  if (argc != 2)
    return lineup_cli_usage (context, _("Give exactly one image."));
  if (crop != NULL && !lineup_cli_parse_crop (crop, &options.crop, &error))
    return lineup_cli_usage (context, error->message);
  if (max_side < 0 || quality < 0 || quality > 100 || max_megapixels < 0)
    return lineup_cli_usage (context, _("--max-side, --max-megapixels and --quality take positive numbers (quality at most 100)."));

  options.max_side = max_side;
  options.quality = quality;
  options.max_pixels = (guint64)(max_megapixels * 1e6);
  if (first_frame)
    options.flags |= LINEUP_IMAGE_FLAGS_FIRST_FRAME;

  if (!(image = lineup_cli_load_image_with (cli, argv[1], &options, &status)))
    return status;

  if (out != NULL)
    {
      GBytes *bytes = lineup_image_get_bytes (image);

      if (!g_file_set_contents (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
        {
          lineup_cli_say ("%s", error->message);
          return LINEUP_CLI_EXIT_ERROR;
        }
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  lineup_cli_json_image (builder, image);
  lineup_cli_json_string (builder, "output", out);
  json_builder_end_object (builder);
  return lineup_cli_print_json (builder);
}
