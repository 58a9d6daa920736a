/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lineup-demo-seed.h"
#include "lineup-demo-server.h"
#include "lineup-test-util.h"

/* The built lineup-cli binary (path in $LINEUP_CLI), run as a script
 * would: exit status 0/1/2, one JSON document on stdout, messages on
 * stderr, the documented spellings. --demo runs its own service; the
 * multi-step flows use a demo service in this process through
 * --base-url, since each --demo run starts a fresh one. */

#define CLI_KEY    "cli-test-key"
#define CLI_SECRET "cli-test-secret-not-to-be-printed"

typedef struct
{
  int       status;
  char     *out;
  char     *err;
  JsonNode *json;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_clear_pointer (&run->json, json_node_unref);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static char *base_url;
static char *probe_strong;
static char *probe_rotated;
static char *probe_weak;

/* Runs lineup-cli with @args (NULL-terminated); @env is "NAME=VALUE"
 * pairs to set, or "NAME=" to unset. */
static Run *
run_cli (const char * const *env,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("LINEUP_CLI");
  Run *run = g_new0 (Run, 1);

  g_assert_nonnull (cli);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* hermetic: no credentials, no keyring, no address from outside */
  g_subprocess_launcher_unsetenv (launcher, "LINEUP_API_KEY");
  g_subprocess_launcher_unsetenv (launcher, "LINEUP_API_SECRET");
  g_subprocess_launcher_unsetenv (launcher, "LINEUP_BASE_URL");
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/lineup-test", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  for (guint i = 0; env && env[i]; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      if (pair[1] == NULL || *pair[1] == '\0')
        g_subprocess_launcher_unsetenv (launcher, pair[0]);
      else
        g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  g_ptr_array_add (argv, (gpointer)cli);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);

  if (run->status == 0 && run->out != NULL && *run->out != '\0' && !g_str_has_prefix (run->out, "Usage"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (!json_parser_load_from_data (parser, run->out, -1, &error))
        g_error ("stdout is not JSON (%s): %s", error->message, run->out);
      run->json = json_node_ref (json_parser_get_root (parser));
    }

  g_test_message ("lineup-cli %s → %d\n%s", args[0], run->status, run->err);
  return run;
}

#define RUN(...) run_cli (NULL, (const char *[]) { __VA_ARGS__, NULL })

static const char *service_env[] = {
  "LINEUP_API_KEY=" CLI_KEY, "LINEUP_API_SECRET=" CLI_SECRET, NULL
};

#define RUN_SERVICE(...) \
  run_cli (service_env, (const char *[]) { "--base-url", base_url, __VA_ARGS__, NULL })

static JsonObject *
object_of (Run *run)
{
  g_assert_nonnull (run->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (run->json));
  return json_node_get_object (run->json);
}

static void
assert_envelope (JsonObject *object)
{
  g_assert_true (json_object_has_member (object, "request_id"));
  g_assert_nonnull (strchr (json_object_get_string_member (object, "request_id"), ','));
  g_assert_cmpint (json_object_get_int_member (object, "time_used"), >=, 0);
}

static void
assert_failed (Run        *run,
               int         status,
               const char *in_stderr)
{
  g_assert_cmpint (run->status, ==, status);
  /* nothing on stdout when it fails: a pipe into jq sees no document */
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "lineup-cli: "));
  if (in_stderr != NULL && strstr (run->err, in_stderr) == NULL)
    g_error ("“%s” is not in stderr: %s", in_stderr, run->err);
}

static void
test_usage_errors (void)
{
  g_autoptr(Run) run = NULL;

  run = RUN ("--demo");
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "Commands:"));
  g_assert_nonnull (strstr (run->err, "Exit status"));
  g_clear_pointer (&run, run_free);

#define EXPECT_USAGE(needle, ...) \
  run = RUN (__VA_ARGS__); assert_failed (run, 2, needle); g_clear_pointer (&run, run_free)

  EXPECT_USAGE ("frobnicate", "--demo", "frobnicate");
  EXPECT_USAGE ("not both", "--demo", "--base-url", "http://127.0.0.1:1/x", "groups");
  EXPECT_USAGE (NULL, "--no-such-option", "groups");
  EXPECT_USAGE ("--group is required", "--demo", "search", probe_strong);
  EXPECT_USAGE ("one image", "--demo", "search", "--group", "demo");
  EXPECT_USAGE ("--limit", "--demo", "search", "--group", "demo", "--limit", "500", probe_strong);
  EXPECT_USAGE ("--threshold", "--demo", "search", "--group", "demo", "--threshold", "101", probe_strong);
  EXPECT_USAGE (NULL, "--demo", "search", "--group", "demo", "--limit", "five", probe_strong);
  EXPECT_USAGE ("no-such-file.jpg", "--demo", "search", "--group", "demo", "/nonexistent/no-such-file.jpg");
  EXPECT_USAGE ("no arguments", "--demo", "groups", "extra");
  EXPECT_USAGE ("face token", "--demo", "face-info", "--group", "demo");
  EXPECT_USAGE ("--name", "--demo", "create-group", "--group", "x");
  EXPECT_USAGE ("--user-id", "--demo", "add", "--group", "demo", probe_strong);
  EXPECT_USAGE ("at least one", "--demo", "delete", "--group", "demo");
  EXPECT_USAGE ("--start", "--demo", "list", "--group", "demo", "--start", "1001");
  /* validation by the library, before anything is sent */
  EXPECT_USAGE ("The library ID", "--demo", "group-info", "--group", "bad id!");
  EXPECT_USAGE ("The library name", "--demo", "create-group", "--group", "x", "--name", "");
  /* plain HTTP to another machine: refused before any connection */
  run = run_cli (service_env, (const char *[]) { "--base-url", "http://lineup.invalid/finauth/search/group",
                                                 "groups", NULL });
  assert_failed (run, 2, "https://");
  g_clear_pointer (&run, run_free);
  /* no credentials at all; a key but neither a secret nor a keyring */
  EXPECT_USAGE ("LINEUP_API_KEY", "--base-url", base_url, "groups");
  run = run_cli ((const char *[]) { "LINEUP_API_KEY=" CLI_KEY, NULL },
                 (const char *[]) { "--base-url", base_url, "groups", NULL });
  assert_failed (run, 2, "keyring");
#undef EXPECT_USAGE
}

static void
test_help (void)
{
  static const char * const commands[] = {
    "search", "face-info", "groups", "group-info", "create-group", "delete-group", "add", "list", "delete",
  };
  g_autoptr(Run) run = RUN ("--help");

  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "Exit status"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *listed = g_strdup_printf ("\n  %s ", commands[i]);
      g_autofree char *usage = g_strdup_printf ("lineup-cli [--base-url URL | --demo] %s", commands[i]);
      g_autoptr(Run) help = RUN (commands[i], "--help");

      g_assert_nonnull (strstr (run->out, listed));
      g_assert_cmpint (help->status, ==, 0);
      g_assert_nonnull (strstr (help->out, usage));
      g_assert_nonnull (strstr (help->out, "0  success"));
      g_assert_nonnull (strstr (help->out, "2  usage error"));
    }
}

static void
test_demo_groups (void)
{
  g_autoptr(Run) run = RUN ("--demo", "groups");
  JsonObject *root = object_of (run);
  JsonArray *groups;
  JsonObject *group;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  assert_envelope (root);
  groups = json_object_get_array_member (root, "group_infos");
  g_assert_cmpuint (json_array_get_length (groups), ==, 1);
  group = json_array_get_object_element (groups, 0);
  g_assert_cmpstr (json_object_get_string_member (group, "group_id"), ==, LINEUP_DEMO_GROUP_ID);
  g_assert_cmpstr (json_object_get_string_member (group, "model_version"), ==, "s21");
}

static void
check_search (Run      *run,
              gboolean  with_info)
{
  JsonObject *root = object_of (run);
  JsonArray *result;
  JsonObject *best;

  g_assert_cmpint (run->status, ==, 0);
  assert_envelope (root);
  result = json_object_get_array_member (root, "result");
  g_assert_cmpuint (json_array_get_length (result), >=, 1);
  for (guint i = 0; i < json_array_get_length (result); i++)
    {
      JsonObject *match = json_array_get_object_element (result, i);

      g_assert_cmpuint (strlen (json_object_get_string_member (match, "face_token")), ==, 32);
      g_assert_cmpstr (json_object_get_string_member (match, "group_id"), ==, LINEUP_DEMO_GROUP_ID);
      g_assert_cmpfloat (json_object_get_double_member (match, "score"), >=, 0);
      g_assert_cmpfloat (json_object_get_double_member (match, "score"), <=, 100);
      g_assert_cmpint (json_object_has_member (match, "info"), ==, with_info);
      if (with_info)
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (match, "info"), "face_token"),
                         ==, json_object_get_string_member (match, "face_token"));
    }
  best = json_array_get_object_element (result, 0);
  g_assert_cmpfloat (json_object_get_double_member (best, "score"), >, 90);
  if (with_info)
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (best, "info"), "user_id"),
                     ==, lineup_demo_probe_get_expected_user_id (LINEUP_DEMO_PROBE_STRONG));
}

static void
test_demo_search (void)
{
  g_autoptr(Run) full = RUN ("--demo", "search", "--group", "demo", "--limit", "5", "--threshold", "50",
                             "--rotate", "--with-info", probe_strong);
  g_autoptr(Run) five = RUN ("--demo", "search", "--group", "demo", "--limit", "5", "--with-info", probe_strong);
  g_autoptr(Run) plain = RUN ("--demo", "search", "--group", "demo", probe_strong);
  g_autoptr(Run) base64 = RUN ("--demo", "search", "--group", "demo", "--base64", "--limit", "2", probe_strong);
  g_autoptr(Run) rotated = RUN ("--demo", "search", "--group", "demo", "--rotate", "--with-info", probe_rotated);

  check_search (full, TRUE);
  check_search (five, TRUE);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (five), "result")), ==, 5);
  check_search (plain, FALSE);
  /* the service's default limit is 1 */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (plain), "result")), ==, 1);
  check_search (base64, FALSE);
  g_assert_cmpint (rotated->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (
                       json_array_get_object_element (json_object_get_array_member (object_of (rotated), "result"), 0),
                       "info"),
                     "user_id"),
                   ==, lineup_demo_probe_get_expected_user_id (LINEUP_DEMO_PROBE_ROTATED));
}

static void
test_prepare (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lineup-cli-prepare-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "sent.jpg", NULL);
  g_autoptr(Run) whole = RUN ("prepare", probe_strong);
  g_autoptr(Run) cropped = RUN ("prepare", "-o", out, "--crop", "10,20,200,150", probe_strong);
  g_autoptr(Run) folder = RUN ("prepare", dir);
  g_autoptr(Run) bad_crop = RUN ("prepare", "--crop", "1,2,3", probe_strong);
  g_autoptr(Run) search = RUN ("--demo", "search", "--group", "demo", "--crop", "0,0,200,200", probe_strong);
  g_autoptr(Run) add_bad = RUN ("--demo", "add", "--group", "demo", "--user-id", "x", "--crop", "0,0,9999,9999",
                                probe_strong);
  g_autofree char *sent = NULL;
  gsize sent_len = 0;
  g_autofree char *sha256 = NULL;
  JsonObject *image, *source, *sent_object, *crop;

  g_assert_cmpint (whole->status, ==, 0);
  image = json_object_get_object_member (object_of (whole), "image");
  source = json_object_get_object_member (image, "source");
  g_assert_cmpstr (json_object_get_string_member (source, "format"), ==, "jpeg");
  g_assert_true (json_object_get_boolean_member (image, "unchanged"));
  g_assert_true (json_object_get_null_member (image, "crop"));
  g_assert_true (json_object_get_null_member (json_object_get_object_member (image, "sent"), "quality"));

  g_assert_cmpint (cropped->status, ==, 0);
  image = json_object_get_object_member (object_of (cropped), "image");
  sent_object = json_object_get_object_member (image, "sent");
  crop = json_object_get_object_member (image, "crop");
  g_assert_cmpint (json_object_get_int_member (crop, "x"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (crop, "height"), ==, 150);
  g_assert_cmpint (json_object_get_int_member (sent_object, "width"), ==, 200);
  g_assert_cmpint (json_object_get_int_member (sent_object, "quality"), ==, 90);
  g_assert_cmpstr (json_object_get_string_member (sent_object, "content_type"), ==, "image/jpeg");
  g_assert_false (json_object_get_boolean_member (image, "unchanged"));
  g_assert_nonnull (strstr (json_object_get_string_member (image, "description"), "cropped to 200×150 at 10,20"));
  /* OUT holds exactly the bytes described */
  g_assert_true (g_file_get_contents (out, &sent, &sent_len, NULL));
  g_assert_cmpint (json_object_get_int_member (sent_object, "bytes"), ==, sent_len);
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)sent, sent_len);
  g_assert_cmpstr (json_object_get_string_member (sent_object, "sha256"), ==, sha256);

  assert_failed (folder, 2, "is a folder, not an image");
  assert_failed (bad_crop, 2, "--crop wants X,Y,WIDTH,HEIGHT");
  g_assert_cmpint (search->status, ==, 0);
  assert_failed (add_bad, 2, "goes outside");

  g_unlink (out);
  g_rmdir (dir);
}

static void
test_demo_errors (void)
{
  g_autoptr(Run) run = NULL;

  run = RUN ("--demo", "face-info", "--group", "demo", "ffffffffffffffffffffffffffffffff");
  assert_failed (run, 1, "INVALID_FACE_TOKEN");
  g_assert_nonnull (strstr (run->err, "request_id: "));
  g_clear_pointer (&run, run_free);

  run = RUN ("--demo", "search", "--group", "no_such_group", probe_strong);
  assert_failed (run, 1, "“no_such_group” does not exist");
  g_clear_pointer (&run, run_free);

  run = RUN ("--demo", "group-info", "--group", "no_such_group");
  assert_failed (run, 1, "INVALID_GROUP_ID");
}

static char *
get_string (Run        *run,
            const char *member)
{
  return g_strdup (json_object_get_string_member (object_of (run), member));
}

/* The commands that change things, in the order a script would use them,
 * against one service. */
static void
test_manage_flow (void)
{
  g_autoptr(Run) run = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  JsonArray *faces;

  run = RUN_SERVICE ("create-group", "--group", "cli-lib", "--name", "Bibliothèque", "--data", "CLI test");
  g_assert_cmpint (run->status, ==, 0);
  assert_envelope (object_of (run));
  g_assert_cmpstr (json_object_get_string_member (object_of (run), "group_name"), ==, "Bibliothèque");
  g_clear_pointer (&run, run_free);

  run = RUN_SERVICE ("add", "--group", "cli-lib", "--user-id", "u_1", "--user-data", "Zoë", probe_strong);
  g_assert_cmpint (run->status, ==, 0);
  first = get_string (run, "face_token");
  g_assert_cmpuint (strlen (first), ==, 32);
  g_assert_cmpstr (json_object_get_string_member (object_of (run), "user_data"), ==, "Zoë");
  g_clear_pointer (&run, run_free);

  run = RUN_SERVICE ("add", "--group", "cli-lib", "--user-id", "u_2", "--rotate", "--base64", probe_rotated);
  g_assert_cmpint (run->status, ==, 0);
  second = get_string (run, "face_token");
  g_clear_pointer (&run, run_free);

  run = RUN_SERVICE ("face-info", "--group", "cli-lib", first);
  g_assert_cmpint (run->status, ==, 0);
  assert_envelope (object_of (run));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object_of (run), "info"), "user_id"),
                   ==, "u_1");
  g_clear_pointer (&run, run_free);

  run = RUN_SERVICE ("group-info", "--group", "cli-lib");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object_of (run), "info"),
                                                  "group_data"), ==, "CLI test");
  g_clear_pointer (&run, run_free);

  /* one page of one, then the whole list */
  run = RUN_SERVICE ("list", "--group", "cli-lib", "--limit", "1");
  g_assert_cmpint (run->status, ==, 0);
  faces = json_object_get_array_member (object_of (run), "face_tokens");
  g_assert_cmpuint (json_array_get_length (faces), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object_of (run), "next"), ==, 2);
  g_clear_pointer (&run, run_free);

  run = RUN_SERVICE ("list", "--group", "cli-lib", "--start", "3");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (json_object_get_null_member (object_of (run), "next"));
  g_clear_pointer (&run, run_free);

  run = RUN_SERVICE ("list", "--group", LINEUP_DEMO_GROUP_ID, "--all", "--limit", "6");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (run), "face_tokens")), ==, 20);
  /* 6 + 6 + 6 + 2: the service's `next` says where the list ends, no
   * empty page needed */
  g_assert_cmpint (json_object_get_int_member (object_of (run), "pages"), ==, 4);
  g_assert_false (json_object_get_boolean_member (object_of (run), "truncated"));
  g_clear_pointer (&run, run_free);

  /* not empty: refused without --force */
  run = RUN_SERVICE ("delete-group", "--group", "cli-lib");
  assert_failed (run, 1, "NOT_EMPTY");
  g_clear_pointer (&run, run_free);

  /* partial success is success, with failure_detail */
  run = RUN_SERVICE ("delete", "--group", "cli-lib", second, "ffffffffffffffffffffffffffffffff");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpint (json_object_get_int_member (object_of (run), "face_removed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object_of (run), "face_count"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (object_of (run), "failure_detail"), 0),
                     "reason"), ==, "FACE_NOT_IN_GROUP");
  g_assert_nonnull (strstr (run->err, "1 face was not removed"));
  g_clear_pointer (&run, run_free);

  run = RUN_SERVICE ("delete-group", "--group", "cli-lib", "--force");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object_of (run), "group_id"), ==, "cli-lib");
  g_clear_pointer (&run, run_free);

  run = RUN_SERVICE ("group-info", "cli-lib");
  assert_failed (run, 1, "does not exist");
}

static void
test_verbose_redacted (void)
{
  g_autoptr(Run) run = NULL;

  run = RUN_SERVICE ("create-group", "--group", "verbose-lib", "--name", "Verbose");
  g_assert_cmpint (run->status, ==, 0);
  g_clear_pointer (&run, run_free);

  run = RUN_SERVICE ("--verbose", "add", "--group", "verbose-lib", "--user-id", "v_1",
                     "--user-data", "Very Private Name", probe_weak);
  g_assert_cmpint (run->status, ==, 0);
  object_of (run);
  g_assert_nonnull (strstr (run->err, "POST "));
  g_assert_nonnull (strstr (run->err, "sign: <redacted>"));
  g_assert_nonnull (strstr (run->err, "curl -sS -X POST"));
  g_assert_nonnull (strstr (run->err, "reply: HTTP 200"));
  g_assert_null (strstr (run->err, CLI_SECRET));
  g_assert_null (strstr (run->out, CLI_SECRET));
  g_assert_null (strstr (run->err, "Very Private Name"));
  g_clear_pointer (&run, run_free);

  /* and with the debug log on too */
  run = run_cli ((const char *[]) { "LINEUP_API_KEY=" CLI_KEY, "LINEUP_API_SECRET=" CLI_SECRET,
                                    "G_MESSAGES_DEBUG=all", NULL },
                 (const char *[]) { "--base-url", base_url, "--verbose", "search", "--group",
                                    LINEUP_DEMO_GROUP_ID, "--with-info", probe_strong, NULL });
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->err, "sign=<redacted>"));
  g_assert_null (strstr (run->err, CLI_SECRET));
}

static void
test_base_url (void)
{
  g_autofree char *env_url = g_strconcat ("LINEUP_BASE_URL=", base_url, NULL);
  g_autoptr(Run) run = NULL;

  /* from the environment */
  run = run_cli ((const char *[]) { "LINEUP_API_KEY=" CLI_KEY, "LINEUP_API_SECRET=" CLI_SECRET, env_url, NULL },
                 (const char *[]) { "groups", NULL });
  g_assert_cmpint (run->status, ==, 0);
  g_clear_pointer (&run, run_free);

  /* --base-url wins over the environment */
  run = run_cli ((const char *[]) { "LINEUP_API_KEY=" CLI_KEY, "LINEUP_API_SECRET=" CLI_SECRET,
                                    "LINEUP_BASE_URL=http://127.0.0.1:1/nothing-here", NULL },
                 (const char *[]) { "--base-url", base_url, "groups", NULL });
  g_assert_cmpint (run->status, ==, 0);
  g_clear_pointer (&run, run_free);

  /* nobody listens there: a network error */
  run = run_cli ((const char *[]) { "LINEUP_API_KEY=" CLI_KEY, "LINEUP_API_SECRET=" CLI_SECRET, NULL },
                 (const char *[]) { "--base-url", "http://127.0.0.1:1/finauth/search/group", "groups", NULL });
  assert_failed (run, 1, NULL);
}

/* capture needs no service: one prepared frame from a test source */
static void
test_capture (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lineup-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "frame.jpg", NULL);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Run) run = NULL;
  JsonObject *object;

  run = RUN ("capture", "-o", path, "--pipeline", "videotestsrc ! video/x-raw,width=640,height=480");
  g_assert_cmpint (run->status, ==, 0);
  object = object_of (run);
  g_assert_cmpstr (json_object_get_string_member (object, "file"), ==, path);
  g_assert_cmpstr (json_object_get_string_member (object, "content_type"), ==, "image/jpeg");
  g_assert_cmpint (json_object_get_int_member (object, "width"), ==, 640);
  g_assert_cmpint (json_object_get_int_member (object, "height"), ==, 480);
  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 640);
  g_assert_cmpfloat (lineup_test_luma_stddev (pixbuf), >, 30);
  g_clear_pointer (&run, run_free);

  /* LINEUP_CAMERA_PIPELINE, as the app reads it */
  run = run_cli ((const char *[]) { "LINEUP_CAMERA_PIPELINE=videotestsrc ! video/x-raw,width=320,height=240",
                                    NULL },
                 (const char *[]) { "capture", "-o", path, NULL });
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpint (json_object_get_int_member (object_of (run), "width"), ==, 320);
  g_clear_pointer (&run, run_free);

  run = RUN ("capture", "--pipeline", "videotestsrc");
  assert_failed (run, 2, "-o FILE");
  g_clear_pointer (&run, run_free);

  run = RUN ("capture", "-o", path, "--pipeline", "videotestsrc ! nosuchelement");
  assert_failed (run, 1, "nosuchelement");
  g_clear_pointer (&run, run_free);

  /* No override, no PipeWire to ask, no /dev/video*: no camera */
  if (!g_file_test ("/dev/video0", G_FILE_TEST_EXISTS))
    {
      run = run_cli ((const char *[]) { "LINEUP_CAMERA_PIPELINE=", "XDG_RUNTIME_DIR=/nonexistent/lineup-test",
                                        NULL },
                     (const char *[]) { "capture", "-o", path, NULL });
      assert_failed (run, 1, "No camera");
      g_clear_pointer (&run, run_free);
    }

  g_unlink (path);
  g_rmdir (dir);
}

static char *
write_probe (LineupDemoProbe probe)
{
  g_autoptr(GFile) file = lineup_test_write_probe (probe);

  return g_file_get_path (file);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LineupDemoServer) server = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("LINEUP_CLI") == NULL)
    {
      g_printerr ("LINEUP_CLI is not set\n");
      return 77;
    }

  server = lineup_demo_server_new (CLI_KEY, CLI_SECRET);
  if (!lineup_demo_server_start (server, 0, &error))
    g_error ("%s", error->message);
  base_url = g_strdup (lineup_demo_server_get_base_url (server));
  probe_strong = write_probe (LINEUP_DEMO_PROBE_STRONG);
  probe_rotated = write_probe (LINEUP_DEMO_PROBE_ROTATED);
  probe_weak = write_probe (LINEUP_DEMO_PROBE_WEAK);

  g_test_add_func ("/lineup/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/lineup/cli/help", test_help);
  g_test_add_func ("/lineup/cli/demo-groups", test_demo_groups);
  g_test_add_func ("/lineup/cli/demo-search", test_demo_search);
  g_test_add_func ("/lineup/cli/demo-errors", test_demo_errors);
  g_test_add_func ("/lineup/cli/prepare", test_prepare);
  g_test_add_func ("/lineup/cli/manage-flow", test_manage_flow);
  g_test_add_func ("/lineup/cli/verbose-redacted", test_verbose_redacted);
  g_test_add_func ("/lineup/cli/base-url", test_base_url);
  g_test_add_func ("/lineup/cli/capture", test_capture);

  status = g_test_run ();

  lineup_demo_server_stop (server);
  g_free (base_url);
  g_free (probe_strong);
  g_free (probe_rotated);
  g_free (probe_weak);
  return status;
}
