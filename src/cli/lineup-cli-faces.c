/* lineup-cli-faces.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-cli-private.h"
#include "lineup-validate.h"

/* The face commands: add, list, delete. */

static void
json_count (JsonBuilder *builder,
            const char  *member,
            gint64       value)
{
  json_builder_set_member_name (builder, member);
  if (value >= 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

int
lineup_cli_add (LineupCli  *cli,
                int         argc,
                char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(LineupFace) face = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *crop = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *user_data = NULL;
  gboolean rotate = FALSE, base64 = FALSE;
  LineupAddFaceFlags flags = LINEUP_ADD_FACE_FLAGS_NONE;
  int status = LINEUP_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "group", 'g', 0, G_OPTION_ARG_STRING, &group_id, N_("The library (required)"), "ID" },
    { "user-id", 'u', 0, G_OPTION_ARG_STRING, &user_id,
      N_("The person’s ID: letters, digits and -%@#&_, at most 48 (required)"), "ID" },
    { "user-data", 'd', 0, G_OPTION_ARG_STRING, &user_data, N_("Free text, at most 128"), "TEXT" },
    { "rotate", 'r', 0, G_OPTION_ARG_NONE, &rotate, N_("Also look for a rotated face"), NULL },
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
  if (user_id == NULL)
    return lineup_cli_usage (context, _("--user-id is required."));

  if (crop != NULL && !lineup_cli_parse_crop (crop, &image_options.crop, &error))
    return lineup_cli_usage (context, error->message);

  if (!(image = lineup_cli_load_image_with (cli, argv[1], &image_options, &status)))
    return status;

  if (rotate)
    flags |= LINEUP_ADD_FACE_FLAGS_ROTATE;
  if (base64)
    flags |= LINEUP_ADD_FACE_FLAGS_BASE64;
  lineup_client_add_face_async (cli->client, group_id, image, user_id, user_data, flags, NULL,
                                lineup_cli_keep_result, cli);
  lineup_cli_wait (cli);
  if (!(face = lineup_client_add_face_finish (cli->client, cli->result, &error)))
    return lineup_cli_fail (cli, error);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  lineup_cli_json_envelope (cli, builder);
  lineup_cli_json_string (builder, "group_id", group_id);
  lineup_cli_json_string (builder, "face_token", lineup_face_get_face_token (face));
  lineup_cli_json_string (builder, "user_id", lineup_face_get_user_id (face));
  lineup_cli_json_string (builder, "user_data", lineup_face_get_user_data (face));
  json_builder_end_object (builder);
  return lineup_cli_print_json (builder);
}

static GListModel *
list_page (LineupCli   *cli,
           const char  *group_id,
           guint        start,
           guint        limit,
           guint       *next,
           GError     **error)
{
  lineup_client_list_faces_async (cli->client, group_id, start, limit, NULL, lineup_cli_keep_result, cli);
  lineup_cli_wait (cli);
  return lineup_client_list_faces_finish (cli->client, cli->result, next, error);
}

static void
keep_request_id (LineupClient   *client,
                 LineupExchange *exchange,
                 GPtrArray      *request_ids)
{
  if (lineup_exchange_get_error (exchange) == NULL)
    g_ptr_array_add (request_ids, g_strdup (lineup_exchange_get_request_id (exchange)));
}

/* Pages through the whole library (lineup_client_list_all_faces_async()
 * has the strategy). */
static int
list_all (LineupCli  *cli,
          const char *group_id,
          guint       limit)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) request_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) faces = NULL;
  g_autoptr(GError) error = NULL;
  gboolean complete = TRUE;
  guint pages = 0;
  gulong handler;

  handler = g_signal_connect (cli->client, "exchange-finished", G_CALLBACK (keep_request_id), request_ids);
  lineup_client_list_all_faces_async (cli->client, group_id, limit, NULL, lineup_cli_keep_result, cli);
  lineup_cli_wait (cli);
  g_signal_handler_disconnect (cli->client, handler);
  if (!(faces = lineup_client_list_all_faces_finish (cli->client, cli->result, &pages, &complete, &error)))
    return lineup_cli_fail (cli, error);

  json_builder_begin_object (builder);
  lineup_cli_json_string (builder, "group_id", group_id);
  json_builder_set_member_name (builder, "face_tokens");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (faces); i++)
    {
      g_autoptr(LineupFace) face = g_list_model_get_item (faces, i);

      lineup_cli_json_face (builder, face);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "pages");
  json_builder_add_int_value (builder, pages);
  json_builder_set_member_name (builder, "request_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; i < request_ids->len; i++)
    if (g_ptr_array_index (request_ids, i) != NULL)
      json_builder_add_string_value (builder, g_ptr_array_index (request_ids, i));
    else
      json_builder_add_null_value (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "truncated");
  json_builder_add_boolean_value (builder, !complete);
  json_builder_end_object (builder);

  if (!complete)
    lineup_cli_say ("%s", _("The library holds more faces than the service lets a client page through; "
                            "the list is incomplete."));
  return lineup_cli_print_json (builder);
}

int
lineup_cli_list (LineupCli  *cli,
                 int         argc,
                 char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GListModel) faces = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  gboolean all = FALSE;
  int start = 0, limit = 0;
  guint next = 0;
  GOptionEntry entries[] = {
    { "group", 'g', 0, G_OPTION_ARG_STRING, &group_id, N_("The library (required)"), "ID" },
    { "start", 's', 0, G_OPTION_ARG_INT, &start, N_("First face to list, 1–1000 (default 1)"), "N" },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      N_("How many, 1–1000 (default: the service’s, 100; with --all, 1000 a page)"), "N" },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Page through the whole library"), NULL },
    { NULL }
  };

  context = lineup_cli_command_context (cli, entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lineup_cli_usage (context, error->message);
  if (group_id == NULL && argc == 2)
    group_id = g_strdup (argv[1]);
  else if (argc != 1)
    return lineup_cli_usage (context, _("Give the library with --group, and nothing else."));
  if (group_id == NULL)
    return lineup_cli_usage (context, _("--group is required."));
  if (start < 0 || start > LINEUP_LIST_START_MAX)
    return lineup_cli_usage (context, _("--start must be between 1 and 1000."));
  if (limit < 0 || limit > LINEUP_LIST_LIMIT_MAX)
    return lineup_cli_usage (context, _("--limit must be between 1 and 1000."));

  if (all && start > 1)
    return lineup_cli_usage (context, _("--all lists from the first face: leave out --start."));
  if (all)
    return list_all (cli, group_id, limit);

  if (!(faces = list_page (cli, group_id, start, limit, &next, &error)))
    return lineup_cli_fail (cli, error);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  lineup_cli_json_envelope (cli, builder);
  lineup_cli_json_string (builder, "group_id", group_id);
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, start ? start : 1);
  json_builder_set_member_name (builder, "face_tokens");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (faces); i++)
    {
      g_autoptr(LineupFace) face = g_list_model_get_item (faces, i);

      lineup_cli_json_face (builder, face);
    }
  json_builder_end_array (builder);
  /* the --start of the next page; null at the end */
  json_count (builder, "next", next ? (gint64)next : -1);
  json_builder_end_object (builder);
  return lineup_cli_print_json (builder);
}

int
lineup_cli_delete (LineupCli  *cli,
                   int         argc,
                   char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(LineupDeleteOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  guint n_failures;
  GOptionEntry entries[] = {
    { "group", 'g', 0, G_OPTION_ARG_STRING, &group_id, N_("The library (required)"), "ID" },
    { NULL }
  };

  context = lineup_cli_command_context (cli, entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lineup_cli_usage (context, error->message);
  if (argc < 2)
    return lineup_cli_usage (context, _("Give at least one face token."));
  if (group_id == NULL)
    return lineup_cli_usage (context, _("--group is required."));

  lineup_client_delete_faces_async (cli->client, group_id, (const char * const *)argv + 1, NULL,
                                    lineup_cli_keep_result, cli);
  lineup_cli_wait (cli);
  if (!(outcome = lineup_client_delete_faces_finish (cli->client, cli->result, &error)))
    return lineup_cli_fail (cli, error);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  lineup_cli_json_envelope (cli, builder);
  lineup_cli_json_string (builder, "group_id", lineup_delete_outcome_get_group_id (outcome));
  json_count (builder, "face_removed", lineup_delete_outcome_get_face_removed (outcome));
  json_count (builder, "face_count", lineup_delete_outcome_get_face_count (outcome));
  json_builder_set_member_name (builder, "failure_detail");
  json_builder_begin_array (builder);
  n_failures = lineup_delete_outcome_get_n_failures (outcome);
  for (guint i = 0; i < n_failures; i++)
    {
      json_builder_begin_object (builder);
      lineup_cli_json_string (builder, "face_token", lineup_delete_outcome_get_failure_token (outcome, i));
      lineup_cli_json_string (builder, "reason", lineup_delete_outcome_get_failure_reason (outcome, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  /* Partial success is still success; say what was left. */
  if (n_failures > 0)
    {
      g_autofree char *message = g_strdup_printf (ngettext ("%u face was not removed; see failure_detail.",
                                                            "%u faces were not removed; see failure_detail.",
                                                            n_failures),
                                                  n_failures);
      lineup_cli_say ("%s", message);
    }
  return lineup_cli_print_json (builder);
}
