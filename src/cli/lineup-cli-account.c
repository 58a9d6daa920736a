/* lineup-cli-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "lineup-cli-private.h"
#include "lineup-connection-test.h"
#include "lineup-error.h"
#include "lineup-keyring.h"

/* The account commands: login, logout, whoami and test-connection. The
 * key and the address go to GSettings, the secret to the keyring only;
 * nothing here prints or logs the secret. */

#define MAX_SECRET_BYTES 4096

static void
wipe_string (GString *text)
{
  explicit_bzero (text->str, text->allocated_len);
  g_string_free (text, TRUE);
}

/* Reads the secret from standard input: a line typed without echo on a
 * terminal, or everything piped in, less one final newline. */
static char *
read_secret (const char  *api_key,
             GError     **error)
{
  gboolean terminal = isatty (STDIN_FILENO);
  struct termios saved, quiet;
  GString *text = g_string_sized_new (128);
  gboolean echo_off = FALSE;
  char *secret;
  char buffer[256];

  /* Echo goes off before the prompt shows: what is typed after it is
   * neither echoed nor flushed. */
  if (terminal)
    {
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~(ECHO | ECHONL);
          echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
      g_printerr (_("API secret for “%s”: "), api_key);
    }

  for (;;)
    {
      ssize_t n = read (STDIN_FILENO, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (text, buffer, n);
      if (text->len > MAX_SECRET_BYTES || (terminal && memchr (buffer, '\n', n) != NULL))
        break;
    }
  explicit_bzero (buffer, sizeof buffer);

  if (echo_off)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  if (terminal)
    g_printerr ("\n");

  if (terminal && strchr (text->str, '\n') != NULL)
    g_string_truncate (text, strchr (text->str, '\n') - text->str);
  if (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  if (text->len > 0 && text->str[text->len - 1] == '\r')
    g_string_truncate (text, text->len - 1);

  if (text->len == 0 || text->len > MAX_SECRET_BYTES || memchr (text->str, '\0', text->len) != NULL ||
      !g_utf8_validate (text->str, text->len, NULL))
    {
      g_set_error_literal (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT,
                           text->len == 0 ? _("No API secret was given on standard input.")
                                          : _("The API secret must be one line of text, at most 4096 bytes."));
      wipe_string (text);
      return NULL;
    }

  secret = g_strndup (text->str, text->len);
  wipe_string (text);
  return secret;
}

/* The account commands take options and no arguments.
 * Returns: (nullable): the parsed context, or %NULL with @status set */
static GOptionContext *
parse_options (LineupCli          *cli,
               const GOptionEntry *entries,
               const char         *description,
               int                 argc,
               char              **argv,
               int                *status)
{
  g_autoptr(GOptionContext) context = lineup_cli_command_context (cli, entries);
  g_autoptr(GError) error = NULL;

  if (description != NULL)
    g_option_context_set_description (context, description);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    *status = lineup_cli_usage (context, error->message);
  else if (argc != 1)
    *status = lineup_cli_usage (context, _("This command takes no arguments."));
  else
    return g_steal_pointer (&context);
  return NULL;
}

static int
settings_missing (void)
{
  g_printerr ("lineup-cli: %s\n",
              _("Lineup’s settings schema (io.github.lineup.Lineup) is not installed, so the account "
                "cannot be saved. Install Lineup, or set GSETTINGS_SCHEMA_DIR."));
  return LINEUP_CLI_EXIT_ERROR;
}

/* --region takes a region's name or a service address. */
static gboolean
apply_region (LineupAccount  *account,
              const char     *region,
              GError        **error)
{
  g_autofree char *base_url = NULL;
  g_autoptr(LineupAccount) trial = lineup_account_copy (account);

  if (region == NULL)
    return TRUE;

  g_free (trial->region);
  if (lineup_region_get_host_url (region) != NULL)
    trial->region = g_strdup (region);
  else
    {
      trial->region = g_strdup (LINEUP_REGION_CUSTOM);
      g_free (trial->custom_base_url);
      trial->custom_base_url = g_strdup (region);
    }
  if (!(base_url = lineup_account_dup_base_url (trial, error)))
    return FALSE;

  g_free (account->region);
  account->region = g_steal_pointer (&trial->region);
  g_free (account->custom_base_url);
  account->custom_base_url = g_steal_pointer (&trial->custom_base_url);
  return TRUE;
}

static void
json_account (JsonBuilder         *builder,
              const LineupAccount *account)
{
  g_autofree char *base_url = lineup_account_dup_base_url (account, NULL);
  g_autofree char *label = lineup_account_dup_label (account);

  lineup_cli_json_string (builder, "region", account->region);
  lineup_cli_json_string (builder, "host", label);
  lineup_cli_json_string (builder, "base_url", base_url);
  lineup_cli_json_string (builder, "api_key", *account->api_key ? account->api_key : NULL);
}

int
lineup_cli_login (LineupCli  *cli,
                  int         argc,
                  char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LineupKeyring) keyring = lineup_keyring_new ();
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *region = NULL;
  char *secret;
  int status;
  GOptionEntry entries[] = {
    { "key", 'k', 0, G_OPTION_ARG_STRING, &key, N_("The account’s API key (required)"), "KEY" },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("singapore, indonesia, or the address of another service (default: as set)"), "REGION|URL" },
    { NULL }
  };

  if (!(context = parse_options (cli, entries,
                                 _("The API secret is read from standard input: typed without echo on a "
                                   "terminal, or piped in. It is stored in the keyring only; the key and the "
                                   "region go to Lineup’s settings."),
                                 argc, argv, &status)))
    return status;
  if (key != NULL)
    g_strstrip (key);
  if (key == NULL || *key == '\0')
    return lineup_cli_usage (context, _("--key is required."));
  if (cli->settings == NULL)
    return settings_missing ();

  account = lineup_account_copy (cli->account);
  if (!apply_region (account, region, &error))
    return lineup_cli_fail (cli, error);

  if (!(secret = read_secret (key, &error)))
    return lineup_cli_fail (cli, error);
  if (!lineup_keyring_store_sync (keyring, key, secret, NULL, &error))
    {
      lineup_keyring_secret_free (secret);
      g_printerr ("lineup-cli: %s %s\n", error->message, _("Nothing was saved."));
      return LINEUP_CLI_EXIT_ERROR;
    }
  lineup_keyring_secret_free (secret);

  g_free (account->api_key);
  account->api_key = g_strdup (key);
  account->use_demo = FALSE;
  lineup_account_save (account, cli->settings);
  g_settings_sync ();

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  lineup_cli_json_string (builder, "service", "account");
  json_account (builder, account);
  lineup_cli_json_string (builder, "secret", "keyring");
  json_builder_end_object (builder);
  return lineup_cli_print_json (builder);
}

int
lineup_cli_logout (LineupCli  *cli,
                   int         argc,
                   char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LineupKeyring) keyring = lineup_keyring_new ();
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  gboolean removed;
  int status;
  GOptionEntry entries[] = {
    { "key", 'k', 0, G_OPTION_ARG_STRING, &key, N_("The API key to forget (default: the configured one)"), "KEY" },
    { NULL }
  };

  if (!(context = parse_options (cli, entries,
                                 _("Removes the API secret from the keyring and the key from Lineup’s "
                                   "settings; Lineup then uses the built-in demo service."),
                                 argc, argv, &status)))
    return status;
  if (key == NULL && *cli->account->api_key != '\0')
    key = g_strdup (cli->account->api_key);
  if (key == NULL || *key == '\0')
    return lineup_cli_usage (context, _("No account is configured; give the key with --key."));

  removed = lineup_keyring_clear_sync (keyring, key, NULL, &error);
  if (error != NULL)
    return lineup_cli_fail (cli, error);

  if (cli->settings != NULL && g_strcmp0 (cli->account->api_key, key) == 0)
    {
      account = lineup_account_copy (cli->account);
      g_free (account->api_key);
      account->api_key = g_strdup ("");
      account->use_demo = TRUE;
      lineup_account_save (account, cli->settings);
      g_settings_sync ();
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  lineup_cli_json_string (builder, "api_key", key);
  json_builder_set_member_name (builder, "secret_removed");
  json_builder_add_boolean_value (builder, removed);
  json_builder_end_object (builder);
  return lineup_cli_print_json (builder);
}

/* Where the secret would come from, without printing it. */
static const char *
secret_source (LineupCli *cli)
{
  g_autoptr(LineupKeyring) keyring = NULL;
  g_autoptr(GError) error = NULL;
  const char *env = g_getenv ("LINEUP_API_SECRET");
  char *secret;

  if (env != NULL && *env != '\0')
    return "environment";
  if (cli->api_key == NULL || *cli->api_key == '\0')
    return "none";

  keyring = lineup_keyring_new ();
  secret = lineup_keyring_lookup_sync (keyring, cli->api_key, NULL, &error);
  if (secret != NULL)
    {
      lineup_keyring_secret_free (secret);
      return "keyring";
    }
  if (g_error_matches (error, LINEUP_KEYRING_ERROR, LINEUP_KEYRING_ERROR_LOCKED))
    return "keyring-locked";
  if (error != NULL)
    return "keyring-unavailable";
  return "none";
}

int
lineup_cli_whoami (LineupCli  *cli,
                   int         argc,
                   char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  GOptionEntry entries[] = { { NULL } };
  int status;

  if (!(context = parse_options (cli, entries,
                                 _("Shows the configured service, region, address and API key, and where the "
                                   "secret is kept (never the secret). “secret” is keyring, keyring-locked, "
                                   "keyring-unavailable, environment or none."),
                                 argc, argv, &status)))
    return status;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  lineup_cli_json_string (builder, "service", cli->account->use_demo ? "demo" : "account");
  json_account (builder, cli->account);
  /* what this CLI would use now, options and environment included */
  lineup_cli_json_string (builder, "effective_base_url", cli->base_url);
  lineup_cli_json_string (builder, "effective_api_key", cli->api_key && *cli->api_key ? cli->api_key : NULL);
  lineup_cli_json_string (builder, "secret", secret_source (cli));
  json_builder_end_object (builder);
  return lineup_cli_print_json (builder);
}

static void
json_time (JsonBuilder *builder,
           const char  *member,
           GDateTime   *time)
{
  g_autofree char *text = time ? g_date_time_format_iso8601 (time) : NULL;

  lineup_cli_json_string (builder, member, text);
}

int
lineup_cli_test_connection (LineupCli  *cli,
                            int         argc,
                            char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LineupConnectionOutcome) outcome = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  LineupConnectionStatus status;
  GOptionEntry entries[] = { { NULL } };
  int exit_status;

  if (!(context = parse_options (cli, entries, NULL, argc, argv, &exit_status)))
    return exit_status;

  /* one attempt: a test is about this moment's answer */
  lineup_client_set_retries (cli->client, 0, 0);
  lineup_connection_test_async (cli->client, NULL, lineup_cli_keep_result, cli);
  lineup_cli_wait (cli);
  if (!(outcome = lineup_connection_test_finish (cli->client, cli->result, &error)))
    return lineup_cli_fail (cli, error);

  status = lineup_connection_outcome_get_status (outcome);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  lineup_cli_json_string (builder, "status", lineup_connection_outcome_get_status_nick (outcome));
  lineup_cli_json_string (builder, "title", lineup_connection_outcome_get_title (outcome));
  lineup_cli_json_string (builder, "detail", lineup_connection_outcome_get_detail (outcome));
  if (status == LINEUP_CONNECTION_CONNECTED)
    {
      json_builder_set_member_name (builder, "libraries");
      json_builder_add_int_value (builder, lineup_connection_outcome_get_n_groups (outcome));
    }
  json_time (builder, "server_time", lineup_connection_outcome_get_server_time (outcome));
  json_time (builder, "local_time", lineup_connection_outcome_get_local_time (outcome));
  if (lineup_connection_outcome_get_server_time (outcome) != NULL)
    {
      json_builder_set_member_name (builder, "skew_seconds");
      json_builder_add_int_value (builder, lineup_connection_outcome_get_skew (outcome));
    }
  json_builder_end_object (builder);
  lineup_cli_print_json (builder);

  return status == LINEUP_CONNECTION_CONNECTED ? LINEUP_CLI_EXIT_OK : LINEUP_CLI_EXIT_ERROR;
}
