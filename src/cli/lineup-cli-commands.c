/* lineup-cli-commands.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-cli"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lineup-cli-private.h"
#include "lineup-group.h"

static void
keep_result (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  LineupCli *cli = user_data;

  g_set_object (&cli->result, result);
  lineup_cli_finish (cli);
}

static GOptionContext *
command_context (LineupCli          *cli,
                 const char         *parameters,
                 const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);
  g_autofree char *summary = g_strdup_printf ("lineup-cli %s: %s", cli->command->name,
                                              _(cli->command->summary));

  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context,
    _("Exit status: 0 success, 1 API or network error, 2 usage error.\n"
      "Credentials come from LINEUP_API_KEY and LINEUP_API_SECRET unless --demo is given."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/* add_time as the service sent it: a number stays a number. */
static void
add_time_member (JsonBuilder *builder,
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

static void
add_face (JsonBuilder *builder,
          LineupFace  *face)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "face_token");
  json_builder_add_string_value (builder, lineup_face_get_face_token (face));
  json_builder_set_member_name (builder, "user_id");
  json_builder_add_string_value (builder, lineup_face_get_user_id (face));
  json_builder_set_member_name (builder, "user_data");
  json_builder_add_string_value (builder, lineup_face_get_user_data (face));
  add_time_member (builder, lineup_face_get_add_time_raw (face));
  json_builder_end_object (builder);
}

static void
add_envelope (JsonBuilder *builder,
              const char  *request_id,
              gint64       time_used)
{
  json_builder_set_member_name (builder, "request_id");
  if (request_id != NULL)
    json_builder_add_string_value (builder, request_id);
  else
    json_builder_add_null_value (builder);
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
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *group_id = NULL;
  LineupSearchOptions options = LINEUP_SEARCH_OPTIONS_INIT;
  gboolean rotate = FALSE, with_info = FALSE, base64 = FALSE;
  double threshold = -1;
  int limit = 0;
  GListModel *matches;
  GOptionEntry entries[] = {
    { "group", 'g', 0, G_OPTION_ARG_STRING, &group_id, N_("Library to search (required)"), "ID" },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Number of matches, 1–100 (default: the service’s, 1)"), "N" },
    { "threshold", 't', 0, G_OPTION_ARG_DOUBLE, &threshold, N_("Only scores above this, 0–100"), "T" },
    { "rotate", 'r', 0, G_OPTION_ARG_NONE, &rotate, N_("Also look for rotated faces"), NULL },
    { "with-info", 'i', 0, G_OPTION_ARG_NONE, &with_info, N_("Add each match’s face_info"), NULL },
    { "base64", 0, 0, G_OPTION_ARG_NONE, &base64, N_("Send the image as Base64 text instead of a file part"), NULL },
    { NULL }
  };

  context = command_context (cli, _("IMAGE"), entries);
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

  file = g_file_new_for_commandline_arg (argv[1]);
  lineup_image_load_async (file, NULL, keep_result, cli);
  lineup_cli_wait (cli);
  if (!(image = lineup_image_load_finish (cli->result, &error)))
    return lineup_cli_fail (cli, error);

  options.limit = limit;
  options.threshold = threshold;
  options.rotate = rotate;
  options.send_base64 = base64;
  lineup_client_search_async (cli->client, group_id, image, &options, NULL, keep_result, cli);
  lineup_cli_wait (cli);
  if (!(result = lineup_client_search_finish (cli->client, cli->result, &error)))
    return lineup_cli_fail (cli, error);

  matches = lineup_search_result_get_matches (result);
  if (with_info)
    {
      lineup_client_fetch_faces_async (cli->client, matches, NULL, keep_result, cli);
      lineup_cli_wait (cli);
      if (!lineup_client_fetch_faces_finish (cli->client, cli->result, &error))
        return lineup_cli_fail (cli, error);
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_envelope (builder, lineup_search_result_get_request_id (result),
                lineup_search_result_get_time_used (result));
  json_builder_set_member_name (builder, "result");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(LineupMatch) match = g_list_model_get_item (matches, i);
      double score = lineup_match_get_score (match);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "face_token");
      json_builder_add_string_value (builder, lineup_match_get_face_token (match));
      json_builder_set_member_name (builder, "group_id");
      json_builder_add_string_value (builder, lineup_match_get_group_id (match));
      json_builder_set_member_name (builder, "score");
      if (isnan (score))
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, score);
      if (with_info)
        {
          json_builder_set_member_name (builder, "info");
          if (lineup_match_get_face (match) != NULL)
            add_face (builder, lineup_match_get_face (match));
          else
            {
              const GError *face_error = lineup_match_get_face_error (match);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "error");
              json_builder_add_string_value (builder, face_error ? face_error->message : "unknown");
              json_builder_end_object (builder);
            }
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  lineup_cli_print_json (root);
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
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  GOptionEntry entries[] = {
    { "group", 'g', 0, G_OPTION_ARG_STRING, &group_id, N_("Library of the face (required)"), "ID" },
    { NULL }
  };

  context = command_context (cli, _("FACE_TOKEN"), entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lineup_cli_usage (context, error->message);
  if (argc != 2)
    return lineup_cli_usage (context, _("Give exactly one face token."));
  if (group_id == NULL)
    return lineup_cli_usage (context, _("--group is required."));

  lineup_client_face_info_async (cli->client, group_id, argv[1], NULL, keep_result, cli);
  lineup_cli_wait (cli);
  if (!(face = lineup_client_face_info_finish (cli->client, cli->result, &error)))
    return lineup_cli_fail (cli, error);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "info");
  add_face (builder, face);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  lineup_cli_print_json (root);
  return LINEUP_CLI_EXIT_OK;
}

int
lineup_cli_groups (LineupCli  *cli,
                   int         argc,
                   char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };

  context = command_context (cli, NULL, entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lineup_cli_usage (context, error->message);
  if (argc != 1)
    return lineup_cli_usage (context, _("This command takes no arguments."));

  lineup_client_group_list_async (cli->client, NULL, keep_result, cli);
  lineup_cli_wait (cli);
  if (!(groups = lineup_client_group_list_finish (cli->client, cli->result, &error)))
    return lineup_cli_fail (cli, error);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "group_infos");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(LineupGroup) group = g_list_model_get_item (groups, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "group_id");
      json_builder_add_string_value (builder, lineup_group_get_group_id (group));
      json_builder_set_member_name (builder, "group_name");
      json_builder_add_string_value (builder, lineup_group_get_group_name (group));
      json_builder_set_member_name (builder, "group_data");
      json_builder_add_string_value (builder, lineup_group_get_group_data (group));
      json_builder_set_member_name (builder, "model_version");
      json_builder_add_string_value (builder, lineup_group_get_model_version (group));
      add_time_member (builder, lineup_group_get_add_time_raw (group));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  lineup_cli_print_json (root);
  return LINEUP_CLI_EXIT_OK;
}
