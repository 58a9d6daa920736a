/* test-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lineup-account.h"
#include "lineup-error.h"

/* Settings → base URL → client, without a network. */

static void
check_url (const char *region,
           const char *custom,
           const char *prefix,
           gboolean    allow_insecure,
           const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = lineup_endpoint_build (region, custom, prefix, allow_insecure, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, expected);
}

static void
check_refused (const char *region,
               const char *custom,
               gboolean    allow_insecure,
               int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = lineup_endpoint_build (region, custom, LINEUP_DEFAULT_PATH_PREFIX, allow_insecure, &error);

  g_assert_error (error, LINEUP_API_ERROR, code);
  g_assert_null (url);
}

static void
test_regions (void)
{
  check_url (LINEUP_REGION_SINGAPORE, NULL, LINEUP_DEFAULT_PATH_PREFIX, FALSE,
             "https://api-sgp.yljz.com/finauth/search/group");
  g_assert_cmpstr (LINEUP_DEFAULT_BASE_URL, ==, "https://api-sgp.yljz.com/finauth/search/group");
  check_url (LINEUP_REGION_INDONESIA, "https://ignored.example", LINEUP_DEFAULT_PATH_PREFIX, FALSE,
             "https://api-idn.yljz.com/finauth/search/group");
  g_assert_cmpstr (lineup_region_get_name (LINEUP_REGION_INDONESIA), ==, "Indonesia");
  g_assert_null (lineup_region_get_host_url (LINEUP_REGION_CUSTOM));
  check_refused ("mars", NULL, FALSE, LINEUP_API_ERROR_INVALID_INPUT);
}

static void
test_path_prefix (void)
{
  check_url (LINEUP_REGION_SINGAPORE, NULL, "finauth/search/group/", FALSE,
             "https://api-sgp.yljz.com/finauth/search/group");
  check_url (LINEUP_REGION_SINGAPORE, NULL, "  /v2/faces//  ", FALSE, "https://api-sgp.yljz.com/v2/faces");
  check_url (LINEUP_REGION_SINGAPORE, NULL, "", FALSE, "https://api-sgp.yljz.com");
  check_url (LINEUP_REGION_SINGAPORE, NULL, NULL, FALSE, "https://api-sgp.yljz.com");
}

static void
test_custom (void)
{
  check_url (LINEUP_REGION_CUSTOM, " https://faces.example.com/ ", LINEUP_DEFAULT_PATH_PREFIX, FALSE,
             "https://faces.example.com/finauth/search/group");
  check_url (LINEUP_REGION_CUSTOM, "https://faces.example.com:8443/api", "/group", FALSE,
             "https://faces.example.com:8443/api/group");
  /* plain HTTP to this machine needs no consent */
  check_url (LINEUP_REGION_CUSTOM, "http://127.0.0.1:8080", "/x", FALSE, "http://127.0.0.1:8080/x");
  check_url (LINEUP_REGION_CUSTOM, "http://localhost:8080", "/x", FALSE, "http://localhost:8080/x");
  check_url (LINEUP_REGION_CUSTOM, "http://[::1]:8080", "/x", FALSE, "http://[::1]:8080/x");

  /* anywhere else it does */
  check_refused (LINEUP_REGION_CUSTOM, "http://faces.example.com", FALSE, LINEUP_API_ERROR_INSECURE_TRANSPORT);
  check_refused (LINEUP_REGION_CUSTOM, "http://192.168.1.20:8080", FALSE, LINEUP_API_ERROR_INSECURE_TRANSPORT);
  check_url (LINEUP_REGION_CUSTOM, "http://faces.example.com", "/x", TRUE, "http://faces.example.com/x");
  g_assert_true (lineup_endpoint_is_plain_http ("http://faces.example.com/x"));
  g_assert_false (lineup_endpoint_is_plain_http ("http://127.0.0.1:1/x"));
  g_assert_false (lineup_endpoint_is_plain_http ("https://faces.example.com/x"));

  check_refused (LINEUP_REGION_CUSTOM, "", FALSE, LINEUP_API_ERROR_INVALID_INPUT);
  check_refused (LINEUP_REGION_CUSTOM, NULL, FALSE, LINEUP_API_ERROR_INVALID_INPUT);
  check_refused (LINEUP_REGION_CUSTOM, "faces.example.com", FALSE, LINEUP_API_ERROR_INVALID_INPUT);
  check_refused (LINEUP_REGION_CUSTOM, "ftp://faces.example.com", FALSE, LINEUP_API_ERROR_INVALID_INPUT);
  check_refused (LINEUP_REGION_CUSTOM, "https://", FALSE, LINEUP_API_ERROR_INVALID_INPUT);
  /* credentials and queries do not belong in the address */
  check_refused (LINEUP_REGION_CUSTOM, "https://user:pw@faces.example.com", FALSE, LINEUP_API_ERROR_INVALID_INPUT);
  check_refused (LINEUP_REGION_CUSTOM, "https://faces.example.com/?k=v", FALSE, LINEUP_API_ERROR_INVALID_INPUT);
}

static void
test_label (void)
{
  g_autoptr(LineupAccount) account = lineup_account_new ();
  g_autofree char *sgp = NULL;
  g_autofree char *custom = NULL;
  g_autofree char *custom_port = NULL;

  sgp = lineup_account_dup_label (account);
  g_assert_cmpstr (sgp, ==, "Singapore (api-sgp.yljz.com)");

  g_free (account->region);
  account->region = g_strdup (LINEUP_REGION_CUSTOM);
  g_free (account->custom_base_url);
  account->custom_base_url = g_strdup ("https://faces.example.com");
  custom = lineup_account_dup_label (account);
  g_assert_cmpstr (custom, ==, "faces.example.com");

  g_free (account->custom_base_url);
  account->custom_base_url = g_strdup ("https://faces.example.com:8443/api");
  custom_port = lineup_account_dup_label (account);
  g_assert_cmpstr (custom_port, ==, "faces.example.com:8443");
}

static void
test_settings_round_trip (void)
{
  g_autoptr(GSettings) settings = lineup_settings_new ();
  g_autoptr(LineupAccount) defaults = NULL;
  g_autoptr(LineupAccount) account = lineup_account_new ();
  g_autoptr(LineupAccount) read = NULL;

  g_assert_nonnull (settings);
  /* lineup_account_new() and the schema agree on the defaults */
  defaults = lineup_account_new_from_settings (settings);
  g_assert_cmpint (defaults->use_demo, ==, account->use_demo);
  g_assert_cmpstr (defaults->region, ==, account->region);
  g_assert_cmpstr (defaults->path_prefix, ==, account->path_prefix);
  g_assert_cmpstr (defaults->api_key, ==, account->api_key);
  g_assert_cmpuint (defaults->signature_validity, ==, account->signature_validity);
  g_assert_cmpuint (defaults->connect_timeout, ==, account->connect_timeout);
  g_assert_cmpuint (defaults->total_timeout, ==, account->total_timeout);
  g_assert_cmpuint (defaults->max_concurrency, ==, account->max_concurrency);

  account->use_demo = FALSE;
  g_free (account->region);
  account->region = g_strdup (LINEUP_REGION_CUSTOM);
  g_free (account->custom_base_url);
  account->custom_base_url = g_strdup ("http://faces.example.com");
  g_free (account->path_prefix);
  account->path_prefix = g_strdup ("/fs");
  g_free (account->api_key);
  account->api_key = g_strdup ("key-1");
  account->allow_insecure = TRUE;
  account->signature_validity = 300;
  account->connect_timeout = 7;
  account->total_timeout = 90;
  account->max_concurrency = 3;
  lineup_account_save (account, settings);

  read = lineup_account_new_from_settings (settings);
  g_assert_false (read->use_demo);
  g_assert_cmpstr (read->region, ==, LINEUP_REGION_CUSTOM);
  g_assert_cmpstr (read->custom_base_url, ==, "http://faces.example.com");
  g_assert_cmpstr (read->path_prefix, ==, "/fs");
  g_assert_cmpstr (read->api_key, ==, "key-1");
  g_assert_true (read->allow_insecure);
  g_assert_cmpuint (read->signature_validity, ==, 300);
  g_assert_cmpuint (read->connect_timeout, ==, 7);
  g_assert_cmpuint (read->total_timeout, ==, 90);
  g_assert_cmpuint (read->max_concurrency, ==, 3);
}

static void
test_create_client (void)
{
  g_autoptr(LineupAccount) account = lineup_account_new ();
  g_autoptr(LineupAccount) copy = NULL;
  g_autoptr(LineupClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = lineup_account_create_client (account, "secret", &error);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_CREDENTIALS);
  g_assert_null (client);
  g_clear_error (&error);

  g_free (account->api_key);
  account->api_key = g_strdup ("key-1");
  client = lineup_account_create_client (account, "", &error);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_CREDENTIALS);
  g_clear_error (&error);

  account->signature_validity = 250;
  account->max_concurrency = 4;
  copy = lineup_account_copy (account);
  client = lineup_account_create_client (copy, "secret", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_client_get_base_url (client), ==, LINEUP_DEFAULT_BASE_URL);
  g_assert_cmpstr (lineup_signer_get_api_key (lineup_client_get_signer (client)), ==, "key-1");
  g_assert_cmpuint (lineup_signer_get_validity (lineup_client_get_signer (client)), ==, 250);
  g_assert_cmpuint (lineup_client_get_max_concurrency (client), ==, 4);
  g_clear_object (&client);

  /* an unsafe address never makes a client */
  g_free (copy->region);
  copy->region = g_strdup (LINEUP_REGION_CUSTOM);
  g_free (copy->custom_base_url);
  copy->custom_base_url = g_strdup ("http://faces.example.com");
  client = lineup_account_create_client (copy, "secret", &error);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INSECURE_TRANSPORT);
  g_assert_null (client);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lineup/api/account/regions", test_regions);
  g_test_add_func ("/lineup/api/account/path-prefix", test_path_prefix);
  g_test_add_func ("/lineup/api/account/custom", test_custom);
  g_test_add_func ("/lineup/api/account/label", test_label);
  g_test_add_func ("/lineup/api/account/settings-round-trip", test_settings_round_trip);
  g_test_add_func ("/lineup/api/account/create-client", test_create_client);

  return g_test_run ();
}
