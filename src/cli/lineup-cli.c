/* lineup-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lineup-cli-private.h"
#include "lineup-demo-server.h"
#include "lineup-error.h"
#include "lineup-keyring.h"
#include "lineup-locale.h"

/* lineup-cli: every endpoint from a shell. One JSON document on stdout,
 * messages on stderr; exit 0 on success, 1 for API or network errors,
 * 2 for usage errors. It drives the same async API as the app, around a
 * main loop of its own. */

static const LineupCliCommand commands[] = {
  { "search", "--group ID [--limit N] [--threshold T] [--rotate] [--with-info] [--crop X,Y,W,H] IMAGE",
    N_("Search an image against a library"), lineup_cli_search },
  { "face-info", "--group ID TOKEN", N_("Show the stored details of a face"), lineup_cli_face_info },
  { "groups", "", N_("List the libraries"), lineup_cli_groups },
  { "group-info", "--group ID", N_("Show the details of a library"), lineup_cli_group_info },
  { "create-group", "--group ID --name NAME [--data TEXT]", N_("Create a library"), lineup_cli_create_group },
  { "delete-group", "--group ID [--force]", N_("Delete a library"), lineup_cli_delete_group },
  { "add", "--group ID --user-id ID [--user-data TEXT] [--rotate] [--crop X,Y,W,H] IMAGE",
    N_("Add a face to a library"), lineup_cli_add },
  { "list", "--group ID [--start N] [--limit N] [--all]", N_("List the faces of a library"), lineup_cli_list },
  { "delete", "--group ID TOKEN…", N_("Delete faces from a library"), lineup_cli_delete },
  { "test-connection", "", N_("Check the account: address, key, secret and clock"), lineup_cli_test_connection },
  { "login", "--key KEY [--region REGION|URL]", N_("Save the account: the key, and the secret in the keyring"),
    lineup_cli_login, TRUE },
  { "logout", "[--key KEY]", N_("Forget the account and remove its secret from the keyring"),
    lineup_cli_logout, TRUE },
  { "whoami", "", N_("Show the account in use, never its secret"), lineup_cli_whoami, TRUE },
  { "prepare", "[-o OUT] [--crop X,Y,W,H] [--max-side PX] [--first-frame] IMAGE",
    N_("Show what would be sent for an image, and write it to OUT"), lineup_cli_prepare, TRUE },
  { "capture", "-o FILE [--pipeline DESC] [--camera ID] [--list]",
    N_("Save one camera frame, prepared as a probe"), lineup_cli_capture, TRUE },
};

static const char *
exit_status_text (void)
{
  return _("Exit status:\n"
           "  0  success: the JSON document is on standard output\n"
           "  1  the service, the network or the camera failed (the reason is on standard error)\n"
           "  2  usage error: a wrong option or argument, an unreadable image, no credentials,\n"
           "     or plain HTTP to a host that is not this machine\n");
}

static char *
commands_text (void)
{
  GString *text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-14s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_printf (text, "\n%s\n\n", _("Run “lineup-cli COMMAND --help” for a command’s options."));
  g_string_append (text, _("The account is the one saved by “lineup-cli login” or Lineup’s preferences:\n"
                           "the key and address in its settings, the secret in the keyring (schema\n"
                           "“io.github.lineup.Lineup.ApiSecret”). --api-key, --base-url and the\n"
                           "environment (LINEUP_API_KEY, LINEUP_API_SECRET, LINEUP_BASE_URL) override\n"
                           "them. --demo needs none.\n\n"));
  g_string_append (text, exit_status_text ());
  return g_string_free (text, FALSE);
}

void
lineup_cli_wait (LineupCli *cli)
{
  cli->done = FALSE;
  while (!cli->done)
    g_main_context_iteration (NULL, TRUE);
}

/* A GAsyncReadyCallback that keeps the result and ends lineup_cli_wait(). */
void
lineup_cli_keep_result (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  LineupCli *cli = user_data;

  g_set_object (&cli->result, result);
  cli->done = TRUE;
}

static gboolean
is_usage_error (const GError *error)
{
  if (error->domain == LINEUP_API_ERROR)
    return error->code == LINEUP_API_ERROR_INVALID_INPUT ||
           error->code == LINEUP_API_ERROR_NO_CREDENTIALS ||
           error->code == LINEUP_API_ERROR_INSECURE_TRANSPORT ||
           error->code == LINEUP_API_ERROR_BAD_IMAGE;
  return error->domain == LINEUP_IMAGE_ERROR;
}

/**
 * lineup_cli_fail:
 *
 * Reports @error on stderr, with the service's code, status and
 * request_id when it gave them.
 *
 * Returns: the exit status for @error
 */
int
lineup_cli_fail (LineupCli    *cli,
                 const GError *error)
{
  const char *code = lineup_api_error_get_api_code (error);
  const char *request_id = lineup_api_error_get_request_id (error);
  guint status = lineup_api_error_get_http_status (error);

  /* The message, code and request_id may hold the service's text. */
  lineup_cli_say ("%s", error->message);
  if (code != NULL || request_id != NULL || status != 0)
    {
      g_autofree char *details = g_strdup_printf ("error: %s, HTTP %u, request_id: %s", code ? code : "-", status,
                                                  request_id ? request_id : "-");
      g_autofree char *escaped = lineup_cli_escape (details, FALSE);

      g_printerr ("  %s\n", escaped);
    }

  return is_usage_error (error) ? LINEUP_CLI_EXIT_USAGE : LINEUP_CLI_EXIT_ERROR;
}

int
lineup_cli_usage (GOptionContext *context,
                  const char     *message)
{
  lineup_cli_say ("%s", message);
  g_printerr ("\n");
  if (context != NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
    }
  return LINEUP_CLI_EXIT_USAGE;
}

GOptionContext *
lineup_cli_command_context (LineupCli          *cli,
                            const GOptionEntry *entries)
{
  g_autofree char *parameters = g_strdup_printf ("%s %s", cli->command->name, cli->command->parameters);
  g_autofree char *summary = g_strdup_printf ("lineup-cli [--base-url URL | --demo] %s\n\n%s.",
                                              parameters, _(cli->command->summary));
  GOptionContext *context = g_option_context_new (cli->command->name);

  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, exit_status_text ());
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

static void
on_exchange_finished (LineupClient   *client,
                      LineupExchange *exchange,
                      LineupCli      *cli)
{
  const char * const *warnings = lineup_exchange_get_warnings (exchange);

  g_set_object (&cli->last_exchange, exchange);

  /* What was wrong with a reply that did not fail: more results than
   * asked for, scores outside 0–100. */
  for (guint i = 0; warnings[i] != NULL; i++)
    lineup_cli_say (_("warning: %s"), warnings[i]);

  if (!cli->verbose)
    return;

  /* Redacted by LineupExchange: no sign, no user_data, no image bytes. */
  lineup_cli_say_block ("request (attempt %u):\n%s%s", lineup_exchange_get_attempt (exchange),
                        lineup_exchange_get_request_description (exchange),
                        lineup_exchange_get_curl_command (exchange));
  if (lineup_exchange_get_status (exchange) != 0)
    lineup_cli_say ("reply: HTTP %u, %" G_GSIZE_FORMAT " bytes in %" G_GINT64_FORMAT " ms, request_id %s",
                    lineup_exchange_get_status (exchange), lineup_exchange_get_response_size (exchange),
                    lineup_exchange_get_duration_ms (exchange),
                    lineup_exchange_get_request_id (exchange) ? lineup_exchange_get_request_id (exchange) : "-");
  else if (lineup_exchange_get_error (exchange) != NULL)
    lineup_cli_say ("no reply: %s", lineup_exchange_get_error (exchange)->message);
}

static char *
lookup_secret (const char  *api_key,
               GError     **error)
{
  g_autoptr(LineupKeyring) keyring = lineup_keyring_new ();
  g_autoptr(GError) local_error = NULL;
  char *secret;

  if ((secret = lineup_keyring_lookup_sync (keyring, api_key, NULL, &local_error)))
    return secret;

  if (local_error != NULL)
    g_set_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_CREDENTIALS,
                 _("No API secret for the key “%s”: %s Set LINEUP_API_SECRET instead."),
                 api_key, local_error->message);
  else
    g_set_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_CREDENTIALS,
                 _("No API secret is stored in the keyring for the key “%s”: run “lineup-cli login --key %s”, "
                   "or set LINEUP_API_SECRET."), api_key, api_key);
  return NULL;
}

/* Which address and key the CLI uses: options, then the environment,
 * then the saved account. No I/O but reading the settings. */
static gboolean
resolve_account (LineupCli   *cli,
                 const char  *base_url,
                 const char  *api_key,
                 GError     **error)
{
  const char *env_url = g_getenv ("LINEUP_BASE_URL");
  const char *env_key = g_getenv ("LINEUP_API_KEY");

  cli->settings = lineup_settings_new ();
  cli->account = cli->settings ? lineup_account_new_from_settings (cli->settings) : lineup_account_new ();

  if (api_key == NULL || *api_key == '\0')
    api_key = env_key;
  if (api_key == NULL || *api_key == '\0')
    api_key = cli->account->api_key;
  cli->api_key = g_strdup (api_key);

  if (base_url == NULL || *base_url == '\0')
    base_url = env_url;
  if (base_url != NULL && *base_url != '\0')
    {
      cli->base_url = g_strdup (base_url);
      return TRUE;
    }
  cli->base_url_from_settings = TRUE;
  return (cli->base_url = lineup_account_dup_base_url (cli->account, error)) != NULL;
}

static gboolean
make_client (LineupCli   *cli,
             gboolean     demo,
             gboolean     insecure,
             GError     **error)
{
  g_autoptr(LineupSigner) signer = NULL;
  const char *env_secret = g_getenv ("LINEUP_API_SECRET");
  g_autofree char *keyring_secret = NULL;
  const char *base_url = cli->base_url;
  const char *api_key = cli->api_key;
  const char *secret = env_secret;

  if (demo)
    {
      cli->demo = lineup_demo_server_new (NULL, NULL);
      if (!lineup_demo_server_start (cli->demo, 0, error))
        return FALSE;
      base_url = lineup_demo_server_get_base_url (cli->demo);
      api_key = lineup_demo_server_get_api_key (cli->demo);
      secret = lineup_demo_server_get_api_secret (cli->demo);
    }
  else
    {
      if (api_key == NULL || *api_key == '\0')
        {
          g_set_error_literal (error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_CREDENTIALS,
                               _("No API key: run “lineup-cli login”, set LINEUP_API_KEY or use --api-key, "
                                 "or use --demo."));
          return FALSE;
        }
      if (secret == NULL || *secret == '\0')
        {
          if (!(keyring_secret = lookup_secret (api_key, error)))
            return FALSE;
          secret = keyring_secret;
        }
    }

  signer = lineup_signer_new (api_key, secret);
  if (keyring_secret != NULL)
    explicit_bzero (keyring_secret, strlen (keyring_secret));
  cli->client = lineup_client_new (base_url, signer);
  /* the saved timeouts, concurrency and validity; the consent to plain
   * HTTP only for the saved address it was given for */
  lineup_account_configure_client (cli->account, cli->client);
  lineup_client_set_allow_insecure (cli->client,
                                    insecure || (cli->base_url_from_settings && cli->account->allow_insecure));
  g_signal_connect (cli->client, "exchange-finished", G_CALLBACK (on_exchange_finished), cli);
  return TRUE;
}

static void
lineup_cli_clear (LineupCli *cli)
{
  g_clear_object (&cli->result);
  g_clear_object (&cli->last_exchange);
  g_clear_object (&cli->client);
  g_clear_object (&cli->settings);
  g_clear_pointer (&cli->account, lineup_account_free);
  g_clear_pointer (&cli->base_url, g_free);
  g_clear_pointer (&cli->api_key, g_free);
  if (cli->demo != NULL)
    lineup_demo_server_stop (cli->demo);
  g_clear_object (&cli->demo);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *api_key = NULL;
  g_autofree char *description = NULL;
  gboolean demo = FALSE, insecure = FALSE, verbose = FALSE, version = FALSE;
  LineupCli cli = { 0 };
  int status;
  GOptionEntry entries[] = {
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url,
      N_("Service address (default: $LINEUP_BASE_URL or the Singapore service)"), "URL" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Use a built-in demo service"), NULL },
    { "api-key", 0, 0, G_OPTION_ARG_STRING, &api_key, N_("API key (default: $LINEUP_API_KEY)"), "KEY" },
    { "insecure", 0, 0, G_OPTION_ARG_NONE, &insecure,
      N_("Allow plain HTTP to a host that is not this machine"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      N_("Describe each request on standard error, with the signature redacted"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    { NULL }
  };

  /* stdout carries the JSON document and nothing else, debug output included */
  g_log_writer_default_set_use_stderr (TRUE);

  lineup_locale_init ();

  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_set_summary (context, _("Search faces against a FaceSearch library, and manage libraries."));
  description = commands_text ();
  g_option_context_set_description (context, description);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lineup_cli_usage (context, error->message);

  if (version)
    {
      printf ("lineup-cli %s\n", PACKAGE_VERSION);
      return LINEUP_CLI_EXIT_OK;
    }
  if (argc < 2)
    return lineup_cli_usage (context, _("Give a command."));
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
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”."), argv[1]);
      return lineup_cli_usage (context, message);
    }

  /* A command's --help needs no service. */
  for (int i = 2; i < argc; i++)
    if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0 || strcmp (argv[i], "-?") == 0)
      return cli.command->run (&cli, argc - 1, argv + 1);

  cli.verbose = verbose;
  /* An unusable saved address does not stop the account commands. */
  if (!resolve_account (&cli, base_url, api_key, &error) && (cli.command->offline || demo))
    g_clear_error (&error);
  if (error != NULL || (!cli.command->offline && !make_client (&cli, demo, insecure, &error)))
    {
      status = lineup_cli_fail (&cli, error);
      lineup_cli_clear (&cli);
      return status;
    }

  status = cli.command->run (&cli, argc - 1, argv + 1);

  lineup_cli_clear (&cli);
  return status;
}
