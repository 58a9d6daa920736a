/* lineup-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-cli"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lineup-cli-private.h"
#include "lineup-demo-server.h"
#include "lineup-error.h"

/* lineup-cli: every endpoint from a shell. One JSON document on stdout,
 * messages on stderr; exit 0 on success, 1 for API or network errors,
 * 2 for usage errors. It drives the same async API as the app, around a
 * main loop of its own. */

static const LineupCliCommand commands[] = {
  { "search", N_("Search an image against a library"), lineup_cli_search },
  { "face-info", N_("Show the stored details of a face"), lineup_cli_face_info },
  { "groups", N_("List the libraries"), lineup_cli_groups },
};

static void
print_commands (void)
{
  g_printerr ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_printerr ("  %-14s %s\n", commands[i].name, _(commands[i].summary));
  g_printerr ("\n%s\n", _("Run “lineup-cli COMMAND --help” for a command’s options."));
}

void
lineup_cli_wait (LineupCli *cli)
{
  cli->done = FALSE;
  while (!cli->done)
    g_main_context_iteration (NULL, TRUE);
}

void
lineup_cli_finish (LineupCli *cli)
{
  cli->done = TRUE;
}

int
lineup_cli_fail (LineupCli    *cli,
                 const GError *error)
{
  const char *code = lineup_api_error_get_api_code (error);
  const char *request_id = lineup_api_error_get_request_id (error);

  g_printerr ("lineup-cli: %s\n", error->message);
  if (code != NULL || request_id != NULL)
    g_printerr ("  error: %s, HTTP %u, request_id: %s\n", code ? code : "-",
                lineup_api_error_get_http_status (error), request_id ? request_id : "-");

  if (g_error_matches (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT))
    return LINEUP_CLI_EXIT_USAGE;
  return LINEUP_CLI_EXIT_ERROR;
}

int
lineup_cli_usage (GOptionContext *context,
                  const char     *message)
{
  g_printerr ("lineup-cli: %s\n\n", message);
  if (context != NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
    }
  return LINEUP_CLI_EXIT_USAGE;
}

void
lineup_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
  fflush (stdout);
}

static gboolean
make_client (LineupCli   *cli,
             const char  *base_url,
             gboolean     demo,
             gboolean     insecure,
             GError     **error)
{
  g_autoptr(LineupSigner) signer = NULL;
  const char *key = g_getenv ("LINEUP_API_KEY");
  const char *secret = g_getenv ("LINEUP_API_SECRET");

  if (demo)
    {
      cli->demo = lineup_demo_server_new (NULL, NULL);
      if (!lineup_demo_server_start (cli->demo, 0, error))
        return FALSE;
      base_url = lineup_demo_server_get_base_url (cli->demo);
      key = lineup_demo_server_get_api_key (cli->demo);
      secret = lineup_demo_server_get_api_secret (cli->demo);
    }
  else
    {
      if (base_url == NULL)
        base_url = g_getenv ("LINEUP_BASE_URL");
      if (base_url == NULL)
        base_url = LINEUP_DEFAULT_BASE_URL;
      if (key == NULL || *key == '\0' || secret == NULL || *secret == '\0')
        {
          g_set_error_literal (error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_CREDENTIALS,
                               _("No credentials: set LINEUP_API_KEY and LINEUP_API_SECRET, or use --demo."));
          return FALSE;
        }
    }

  signer = lineup_signer_new (key, secret);
  cli->client = lineup_client_new (base_url, signer);
  lineup_client_set_allow_insecure (cli->client, insecure);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  gboolean demo = FALSE, insecure = FALSE;
  LineupCli cli = { 0 };
  int status;
  GOptionEntry entries[] = {
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url,
      N_("Service address (default: $LINEUP_BASE_URL or the Singapore service)"), "URL" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Use a built-in demo service"), NULL },
    { "insecure", 0, 0, G_OPTION_ARG_NONE, &insecure,
      N_("Allow plain HTTP to a host that is not this machine"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_set_summary (context, _("Search faces against a FaceSearch library."));
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lineup_cli_usage (context, error->message);

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      print_commands ();
      return LINEUP_CLI_EXIT_USAGE;
    }
  if (demo && base_url != NULL)
    return lineup_cli_usage (context, _("Use either --demo or --base-url, not both."));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, argv[1]) == 0)
      {
        cli.command = &commands[i];
        break;
      }
  if (cli.command == NULL)
    {
      g_printerr (_("lineup-cli: unknown command “%s”\n\n"), argv[1]);
      print_commands ();
      return LINEUP_CLI_EXIT_USAGE;
    }

  /* A command's --help needs no service. */
  for (int i = 2; i < argc; i++)
    if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
      return cli.command->run (&cli, argc - 1, argv + 1);

  if (!make_client (&cli, base_url, demo, insecure, &error))
    {
      status = lineup_cli_fail (&cli, error);
      g_clear_object (&cli.demo);
      return status;
    }

  status = cli.command->run (&cli, argc - 1, argv + 1);

  g_clear_object (&cli.client);
  if (cli.demo != NULL)
    lineup_demo_server_stop (cli.demo);
  g_clear_object (&cli.demo);
  return status;
}
