/* test-cli-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE   /* memmem */

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "lineup-demo-server.h"
#include "lineup-test-util.h"

/* lineup-cli login, whoami, logout and test-connection with a real
 * keyring (run under tests/keyring-session.sh), settings in a keyfile
 * under a throw-away HOME, and a demo service in this process that
 * accepts only the test account. Afterwards no file under HOME, no
 * output and no debug log holds the secret. */

#define KEY    "cli-account-key"
#define SECRET "cli-account-secret-Xq7#not-for-logs"

static char *home;
static char *config_home;
static LineupDemoServer *server;
static char *server_root;   /* http://127.0.0.1:PORT */

typedef struct
{
  int         status;
  char       *out;
  char       *err;
  JsonObject *json;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_clear_pointer (&run->json, json_object_unref);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* Runs lineup-cli with @args, @input on its stdin, debug logging on and
 * the keyring of this session unless @no_keyring. */
static Run *
run_full (const char         *input,
          gboolean            no_keyring,
          const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "LINEUP_API_KEY");
  g_subprocess_launcher_unsetenv (launcher, "LINEUP_API_SECRET");
  g_subprocess_launcher_unsetenv (launcher, "LINEUP_BASE_URL");
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (no_keyring)
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/lineup-test", TRUE);

  g_ptr_array_add (argv, (gpointer)g_getenv ("LINEUP_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input ? input : "", NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("lineup-cli %s → %d\n%s%s", args[0], run->status, run->out, run->err);

  /* never the secret, not even in a debug message */
  g_assert_null (strstr (run->out, SECRET));
  g_assert_null (strstr (run->err, SECRET));

  if (run->status == 0 || (*run->out == '{'))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      json_parser_load_from_data (parser, run->out, -1, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      run->json = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
    }
  return run;
}

#define RUN(...)          run_full (NULL, FALSE, (const char *[]) { __VA_ARGS__, NULL })
#define RUN_INPUT(in, ...) run_full (in, FALSE, (const char *[]) { __VA_ARGS__, NULL })

static const char *
member (Run        *run,
        const char *name)
{
  g_assert_nonnull (run->json);
  if (json_object_get_null_member (run->json, name))
    return NULL;
  return json_object_get_string_member (run->json, name);
}

static void
assert_no_secret_under (const char *dir)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  g_assert_no_error (error);
  while ((info = g_file_enumerator_next_file (children, NULL, &error)))
    {
      g_autofree char *path = g_build_filename (dir, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        assert_no_secret_under (path);
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        {
          g_autofree char *contents = NULL;
          gsize len;

          g_file_get_contents (path, &contents, &len, &error);
          g_assert_no_error (error);
          if (memmem (contents, len, SECRET, strlen (SECRET)) != NULL)
            g_error ("The secret is in %s", path);
        }
      g_object_unref (info);
    }
  g_assert_no_error (error);
}

static char *
read_keyfile (void)
{
  g_autofree char *path = g_build_filename (config_home, "glib-2.0", "settings", "keyfile", NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_strdup ("");
  return contents;
}

static void
test_login_whoami_logout (void)
{
  g_autoptr(Run) run = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *region = g_strdup_printf ("%s/", server_root);
  g_autofree char *base_url = g_strdup_printf ("%s/finauth/search/group", server_root);

  run = RUN ("whoami");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (member (run, "service"), ==, "demo");
  g_assert_cmpstr (member (run, "secret"), ==, "none");
  g_clear_pointer (&run, run_free);

  /* piped in, with the newline a shell adds */
  run = RUN_INPUT (SECRET "\n", "login", "--key", KEY, "--region", region);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (member (run, "service"), ==, "account");
  g_assert_cmpstr (member (run, "api_key"), ==, KEY);
  g_assert_cmpstr (member (run, "region"), ==, "custom");
  g_assert_cmpstr (member (run, "base_url"), ==, base_url);
  g_assert_cmpstr (member (run, "secret"), ==, "keyring");
  g_clear_pointer (&run, run_free);

  run = RUN ("whoami");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (member (run, "service"), ==, "account");
  g_assert_cmpstr (member (run, "api_key"), ==, KEY);
  g_assert_cmpstr (member (run, "host"), ==, strstr (server_root, "127.0.0.1"));
  g_assert_cmpstr (member (run, "effective_base_url"), ==, base_url);
  g_assert_cmpstr (member (run, "secret"), ==, "keyring");
  g_clear_pointer (&run, run_free);

  /* the saved account works with no option and no environment */
  run = RUN ("groups");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (json_object_has_member (run->json, "group_infos"));
  g_clear_pointer (&run, run_free);
  run = RUN ("test-connection");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (member (run, "status"), ==, "connected");
  g_assert_cmpint (json_object_get_int_member (run->json, "libraries"), ==, 1);
  g_clear_pointer (&run, run_free);

  /* settings hold the key, never the secret */
  keyfile = read_keyfile ();
  g_assert_nonnull (strstr (keyfile, "api-key='" KEY "'"));
  g_assert_null (strstr (keyfile, SECRET));
  assert_no_secret_under (home);

  run = RUN ("logout");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (member (run, "api_key"), ==, KEY);
  g_assert_true (json_object_get_boolean_member (run->json, "secret_removed"));
  g_clear_pointer (&run, run_free);

  run = RUN ("whoami");
  g_assert_cmpstr (member (run, "service"), ==, "demo");
  g_assert_null (member (run, "api_key"));
  g_assert_cmpstr (member (run, "secret"), ==, "none");
  g_clear_pointer (&run, run_free);

  run = RUN ("groups");
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "lineup-cli login"));
  g_clear_pointer (&run, run_free);

  run = RUN ("logout");
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "--key"));
}

static void
test_test_connection_outcomes (void)
{
  g_autoptr(Run) run = NULL;

  run = RUN_INPUT ("a-wrong-secret", "login", "--key", KEY, "--region", server_root);
  g_assert_cmpint (run->status, ==, 0);
  g_clear_pointer (&run, run_free);
  run = RUN ("test-connection");
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (member (run, "status"), ==, "wrong-credentials");
  g_clear_pointer (&run, run_free);

  /* the right secret replaces the wrong one; then the clock is off */
  run = RUN_INPUT (SECRET, "login", "--key", KEY);
  g_assert_cmpint (run->status, ==, 0);
  g_clear_pointer (&run, run_free);
  lineup_demo_server_set_clock_offset (server, -7200);
  run = RUN ("test-connection");
  lineup_demo_server_set_clock_offset (server, 0);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (member (run, "status"), ==, "clock-skew");
  g_assert_nonnull (member (run, "server_time"));
  g_assert_nonnull (member (run, "local_time"));
  g_assert_cmpint (json_object_get_int_member (run->json, "skew_seconds"), <=, -7190);
  g_clear_pointer (&run, run_free);

  run = RUN ("logout");
  g_assert_cmpint (run->status, ==, 0);
}

static void
test_login_refusals (void)
{
  g_autoptr(Run) run = NULL;
  g_autofree char *keyfile = NULL;

  run = RUN_INPUT ("", "login", "--key", KEY);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "No API secret was given"));
  g_clear_pointer (&run, run_free);

  run = RUN_INPUT (SECRET, "login");
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "--key is required"));
  g_clear_pointer (&run, run_free);

  /* plain HTTP to another machine is refused before anything is saved */
  run = RUN_INPUT (SECRET, "login", "--key", KEY, "--region", "http://faces.example.com");
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "https://"));
  g_clear_pointer (&run, run_free);

  /* no keyring: a clear message, and nothing saved */
  run = run_full (SECRET, TRUE, (const char *[]) { "login", "--key", "other-key", NULL });
  g_assert_cmpint (run->status, ==, 1);
  g_assert_nonnull (strstr (run->err, "No keyring is available"));
  g_assert_nonnull (strstr (run->err, "Nothing was saved"));
  g_clear_pointer (&run, run_free);
  keyfile = read_keyfile ();
  g_assert_null (strstr (keyfile, "other-key"));

  run = run_full (NULL, TRUE, (const char *[]) { "--api-key", "other-key", "groups", NULL });
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "No keyring is available"));
  g_clear_pointer (&run, run_free);

  assert_no_secret_under (home);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *url;
  int status;

  g_test_init (&argc, &argv, NULL);

  home = g_dir_make_tmp ("lineup-home-XXXXXX", &error);
  g_assert_no_error (error);
  config_home = g_build_filename (home, ".config", NULL);
  server = lineup_demo_server_new (KEY, SECRET);
  g_assert_true (lineup_demo_server_start (server, 0, &error));
  g_assert_no_error (error);
  url = lineup_demo_server_get_base_url (server);
  server_root = g_strndup (url, strstr (url, LINEUP_DEMO_PATH) - url);

  g_test_add_func ("/lineup/cli/account/login-whoami-logout", test_login_whoami_logout);
  g_test_add_func ("/lineup/cli/account/test-connection", test_test_connection_outcomes);
  g_test_add_func ("/lineup/cli/account/login-refusals", test_login_refusals);
  status = g_test_run ();

  lineup_demo_server_stop (server);
  g_clear_object (&server);
  g_free (server_root);
  g_free (config_home);
  g_free (home);
  return status;
}
