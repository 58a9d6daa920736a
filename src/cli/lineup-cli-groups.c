/* lineup-cli-groups.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-cli-private.h"

/* The library commands: groups, group-info, create-group, delete-group. */

/* --group ID, or the library as the one argument. */
static gboolean
get_group_id (GOptionContext  *context,
              int              argc,
              char           **argv,
              char           **group_id,
              int             *status)
{
  if (*group_id == NULL && argc == 2)
    *group_id = g_strdup (argv[1]);
  else if (argc != 1)
    {
      *status = lineup_cli_usage (context, _("Give the library with --group, and nothing else."));
      return FALSE;
    }
  if (*group_id == NULL)
    {
      *status = lineup_cli_usage (context, _("--group is required."));
      return FALSE;
    }
  return TRUE;
}

int
lineup_cli_groups (LineupCli  *cli,
                   int         argc,
                   char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };

  context = lineup_cli_command_context (cli, entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lineup_cli_usage (context, error->message);
  if (argc != 1)
    return lineup_cli_usage (context, _("This command takes no arguments."));

  lineup_client_group_list_async (cli->client, NULL, lineup_cli_keep_result, cli);
  lineup_cli_wait (cli);
  if (!(groups = lineup_client_group_list_finish (cli->client, cli->result, &error)))
    return lineup_cli_fail (cli, error);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  lineup_cli_json_envelope (cli, builder);
  json_builder_set_member_name (builder, "group_infos");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(LineupGroup) group = g_list_model_get_item (groups, i);

      lineup_cli_json_group (builder, group);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return lineup_cli_print_json (builder);
}

int
lineup_cli_group_info (LineupCli  *cli,
                       int         argc,
                       char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(LineupGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  int status;
  GOptionEntry entries[] = {
    { "group", 'g', 0, G_OPTION_ARG_STRING, &group_id, N_("The library (required)"), "ID" },
    { NULL }
  };

  context = lineup_cli_command_context (cli, entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lineup_cli_usage (context, error->message);
  if (!get_group_id (context, argc, argv, &group_id, &status))
    return status;

  lineup_client_group_info_async (cli->client, group_id, NULL, lineup_cli_keep_result, cli);
  lineup_cli_wait (cli);
  if (!(group = lineup_client_group_info_finish (cli->client, cli->result, &error)))
    return lineup_cli_fail (cli, error);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  lineup_cli_json_envelope (cli, builder);
  json_builder_set_member_name (builder, "info");
  lineup_cli_json_group (builder, group);
  json_builder_end_object (builder);
  return lineup_cli_print_json (builder);
}

int
lineup_cli_create_group (LineupCli  *cli,
                         int         argc,
                         char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(LineupGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  g_autofree char *model_version = NULL;
  int status;
  GOptionEntry entries[] = {
    { "group", 'g', 0, G_OPTION_ARG_STRING, &group_id,
      N_("The new library’s ID: letters, digits and -%@#&_, at most 48 (required)"), "ID" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Its display name, at most 60 (required)"), "NAME" },
    { "data", 0, 0, G_OPTION_ARG_STRING, &data, N_("A description, at most 128"), "TEXT" },
    { "model-version", 0, 0, G_OPTION_ARG_STRING, &model_version,
      N_("The recognition model (default: the service’s, s21)"), "VERSION" },
    { NULL }
  };

  context = lineup_cli_command_context (cli, entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lineup_cli_usage (context, error->message);
  if (!get_group_id (context, argc, argv, &group_id, &status))
    return status;
  if (name == NULL)
    return lineup_cli_usage (context, _("--name is required."));

  lineup_client_create_group_async (cli->client, group_id, name, data, model_version, NULL,
                                    lineup_cli_keep_result, cli);
  lineup_cli_wait (cli);
  if (!(group = lineup_client_create_group_finish (cli->client, cli->result, &error)))
    return lineup_cli_fail (cli, error);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  lineup_cli_json_envelope (cli, builder);
  lineup_cli_json_string (builder, "group_id", lineup_group_get_group_id (group));
  lineup_cli_json_string (builder, "group_name", lineup_group_get_group_name (group));
  lineup_cli_json_string (builder, "group_data", lineup_group_get_group_data (group));
  lineup_cli_json_string (builder, "model_version", lineup_group_get_model_version (group));
  json_builder_end_object (builder);
  return lineup_cli_print_json (builder);
}

int
lineup_cli_delete_group (LineupCli  *cli,
                         int         argc,
                         char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  gboolean force = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "group", 'g', 0, G_OPTION_ARG_STRING, &group_id, N_("The library (required)"), "ID" },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Delete it even if it still holds faces (check_empty=0)"), NULL },
    { NULL }
  };

  context = lineup_cli_command_context (cli, entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lineup_cli_usage (context, error->message);
  if (!get_group_id (context, argc, argv, &group_id, &status))
    return status;

  lineup_client_delete_group_async (cli->client, group_id, !force, NULL, lineup_cli_keep_result, cli);
  lineup_cli_wait (cli);
  if (!lineup_client_delete_group_finish (cli->client, cli->result, &error))
    return lineup_cli_fail (cli, error);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  lineup_cli_json_envelope (cli, builder);
  lineup_cli_json_string (builder, "group_id", group_id);
  json_builder_end_object (builder);
  return lineup_cli_print_json (builder);
}
