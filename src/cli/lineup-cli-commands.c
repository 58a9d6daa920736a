/* lineup-cli-commands.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-cli-private.h"
#include "lineup-error.h"

/* Shared JSON helpers, and the search and face-info commands. The other
 * commands are in lineup-cli-groups.c and lineup-cli-faces.c. */

void
lineup_cli_json_string (JsonBuilder *builder,
                        const char  *member,
                        const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* add_time as the service sent it: a number stays a number. */
void
lineup_cli_json_add_time (JsonBuilder *builder,
                          const char  *raw)
{
  guint64 number;

  json_builder_set_member_name (builder, "add_time");
  if (raw == NULL)
    json_builder_add_null_value (builder);
  else if (g_ascii_string_to_unsigned (raw, 10, 0, G_MAXINT64, &number, NULL))
    json_builder_add_int_value (builder, number);
  else
    json_builder_add_string_value (builder, raw);
}

void
lineup_cli_json_face (JsonBuilder *builder,
                      LineupFace  *face)
{
  json_builder_begin_object (builder);
  lineup_cli_json_string (builder, "face_token", lineup_face_get_face_token (face));
  lineup_cli_json_string (builder, "user_id", lineup_face_get_user_id (face));
  lineup_cli_json_string (builder, "user_data", lineup_face_get_user_data (face));
  lineup_cli_json_add_time (builder, lineup_face_get_add_time_raw (face));
  json_builder_end_object (builder);
}

void
lineup_cli_json_group (JsonBuilder *builder,
                       LineupGroup *group)
{
  json_builder_begin_object (builder);
  lineup_cli_json_string (builder, "group_id", lineup_group_get_group_id (group));
  lineup_cli_json_string (builder, "group_name", lineup_group_get_group_name (group));
  lineup_cli_json_string (builder, "group_data", lineup_group_get_group_data (group));
  lineup_cli_json_string (builder, "model_version", lineup_group_get_model_version (group));
  lineup_cli_json_add_time (builder, lineup_group_get_add_time_raw (group));
  json_builder_end_object (builder);
}

/* request_id and time_used of the last reply, as the service sent them. */
void
lineup_cli_json_envelope (LineupCli   *cli,
                          JsonBuilder *builder)
{
  const char *request_id = cli->last_exchange ? lineup_exchange_get_request_id (cli->last_exchange) : NULL;
  gint64 time_used = cli->last_exchange ? lineup_exchange_get_time_used (cli->last_exchange) : -1;

  lineup_cli_json_string (builder, "request_id", request_id);
  if (time_used >= 0)
    {
      json_builder_set_member_name (builder, "time_used");
      json_builder_add_int_value (builder, time_used);
    }
}

int
lineup_cli_search (LineupCli  *cli,
                   int         argc,
                   char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *crop = NULL;
  LineupSearchOptions options = LINEUP_SEARCH_OPTIONS_INIT;
  gboolean rotate = FALSE, with_info = FALSE, base64 = FALSE;
  double threshold = -1;
  int limit = 0, status = LINEUP_CLI_EXIT_OK;
  guint failed_lookups = 0;
  GListModel *matches;
  GOptionEntry entries[] = {
    { "group", 'g', 0, G_OPTION_ARG_STRING, &group_id, N_("Library to search (required)"), "ID" },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Number of matches, 1–100 (default: the service’s, 1)"), "N" },
    { "threshold", 't', 0, G_OPTION_ARG_DOUBLE, &threshold, N_("Only scores above this, 0–100"), "T" },
    { "rotate", 'r', 0, G_OPTION_ARG_NONE, &rotate, N_("Also look for rotated faces"), NULL },
    { "with-info", 'i', 0, G_OPTION_ARG_NONE, &with_info, N_("Add each match’s face_info, fetched concurrently (exit status 1 if one fails)"), NULL },
    { "base64", 0, 0, G_OPTION_ARG_NONE, &base64, N_("Send the image as Base64 text instead of a file part"), NULL },
    { "crop", 0, 0, G_OPTION_ARG_STRING, &crop, N_("Send only this part of the upright image"), "X,Y,W,H" },
    { NULL }
  };
  LineupImageOptions image_options = LINEUP_IMAGE_OPTIONS_INIT;

  context = lineup_cli_command_context (cli, entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lineup_cli_usage (context, error->message);
  if (argc != 2)
    return lineup_cli_usage (context, _("Give exactly one image."));
  if (group_id == NULL)
    return lineup_cli_usage (context, _("--group is required."));
  if (limit < 0 || limit > 100)
    return lineup_cli_usage (context, _("--limit must be between 1 and 100."));
  if (threshold != -1 && (threshold < 0 || threshold > 100))
    return lineup_cli_usage (context, _("--threshold must be between 0 and 100."));

  if (crop != NULL && !lineup_cli_parse_crop (crop, &image_options.crop, &error))
    return lineup_cli_usage (context, error->message);

  if (!(image = lineup_cli_load_image_with (cli, argv[1], &image_options, &status)))
    return status;

  options.limit = limit;
  options.threshold = threshold;
  options.rotate = rotate;
  options.send_base64 = base64;
  lineup_client_search_async (cli->client, group_id, image, &options, NULL, lineup_cli_keep_result, cli);
  lineup_cli_wait (cli);
  if (!(result = lineup_client_search_finish (cli->client, cli->result, &error)))
    return lineup_cli_fail (cli, error);

  matches = lineup_search_result_get_matches (result);
  if (with_info)
    {
      lineup_client_fetch_faces_async (cli->client, matches, NULL, lineup_cli_keep_result, cli);
      lineup_cli_wait (cli);
      if (!lineup_client_fetch_faces_finish (cli->client, cli->result, &error))
        return lineup_cli_fail (cli, error);
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  lineup_cli_json_string (builder, "request_id", lineup_search_result_get_request_id (result));
  if (lineup_search_result_get_time_used (result) >= 0)
    {
      json_builder_set_member_name (builder, "time_used");
      json_builder_add_int_value (builder, lineup_search_result_get_time_used (result));
    }
  json_builder_set_member_name (builder, "result");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(LineupMatch) match = g_list_model_get_item (matches, i);
      const char *score_problem = lineup_match_get_score_problem (match);

      json_builder_begin_object (builder);
      lineup_cli_json_string (builder, "face_token", lineup_match_get_face_token (match));
      lineup_cli_json_string (builder, "group_id", lineup_match_get_group_id (match));
      /* Only a score in 0–100 is printed as a number; json-glib would
       * print 1e21 as "1e+21.0", which is not JSON. */
      json_builder_set_member_name (builder, "score");
      if (score_problem != NULL)
        {
          json_builder_add_null_value (builder);
          lineup_cli_json_string (builder, "score_problem", score_problem);
        }
      else
        json_builder_add_double_value (builder, lineup_match_get_score (match));
      if (with_info)
        {
          json_builder_set_member_name (builder, "info");
          if (lineup_match_get_face (match) != NULL)
            lineup_cli_json_face (builder, lineup_match_get_face (match));
          else
            {
              const GError *face_error = lineup_match_get_face_error (match);

              /* Every row is printed; the failed ones fail the command. */
              failed_lookups++;
              lineup_cli_say (_("match %u (“%s”): %s"), i + 1, lineup_match_get_face_token (match),
                              face_error ? face_error->message : _("no face information"));
              json_builder_begin_object (builder);
              lineup_cli_json_string (builder, "error", face_error ? lineup_api_error_get_api_code (face_error) : NULL);
              lineup_cli_json_string (builder, "message", face_error ? face_error->message : NULL);
              json_builder_end_object (builder);
            }
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  lineup_cli_print_json (builder);
  if (failed_lookups > 0)
    {
      lineup_cli_say (ngettext ("The details of %u match could not be fetched.",
                                "The details of %u matches could not be fetched.", failed_lookups),
                      failed_lookups);
      return LINEUP_CLI_EXIT_ERROR;
    }
  return LINEUP_CLI_EXIT_OK;
}

int
lineup_cli_face_info (LineupCli  *cli,
                      int         argc,
                      char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(LineupFace) face = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  GOptionEntry entries[] = {
    { "group", 'g', 0, G_OPTION_ARG_STRING, &group_id, N_("Library of the face (required)"), "ID" },
    { NULL }
  };

  context = lineup_cli_command_context (cli, entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lineup_cli_usage (context, error->message);
  if (argc != 2)
    return lineup_cli_usage (context, _("Give exactly one face token."));
  if (group_id == NULL)
    return lineup_cli_usage (context, _("--group is required."));

  lineup_client_face_info_async (cli->client, group_id, argv[1], NULL, lineup_cli_keep_result, cli);
  lineup_cli_wait (cli);
  if (!(face = lineup_client_face_info_finish (cli->client, cli->result, &error)))
    return lineup_cli_fail (cli, error);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  lineup_cli_json_envelope (cli, builder);
  json_builder_set_member_name (builder, "info");
  lineup_cli_json_face (builder, face);
  json_builder_end_object (builder);
  return lineup_cli_print_json (builder);
}
