/* lineup-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-account"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lineup-account.h"
#include "lineup-error.h"

/* Settings → service address → configured client, in one place for the
 * app and the CLI. The secret is never part of it: it comes from the
 * keyring (lineup-keyring.c) and goes straight into the signer. */

static const struct
{
  const char *id;
  const char *name;
  const char *url;
} regions[] = {
  { LINEUP_REGION_SINGAPORE, N_("Singapore"), "https://api-sgp.yljz.com" },
  { LINEUP_REGION_INDONESIA, N_("Indonesia"), "https://api-idn.yljz.com" },
};

/**
 * lineup_region_get_host_url:
 *
 * Returns: (nullable): the scheme and host of a named region, or %NULL
 *   for %LINEUP_REGION_CUSTOM and unknown values
 */
const char *
lineup_region_get_host_url (const char *region)
{
  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    if (g_strcmp0 (region, regions[i].id) == 0)
      return regions[i].url;
  return NULL;
}

/**
 * lineup_region_get_name:
 *
 * Returns: the region's name for people, translated
 */
const char *
lineup_region_get_name (const char *region)
{
  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    if (g_strcmp0 (region, regions[i].id) == 0)
      return _(regions[i].name);
  return _("Custom service");
}

static char *
normalize_prefix (const char *path_prefix)
{
  g_autofree char *prefix = g_strstrip (g_strdup (path_prefix ? path_prefix : ""));
  gsize len = strlen (prefix);

  while (len > 0 && prefix[len - 1] == '/')
    prefix[--len] = '\0';
  if (len == 0)
    return g_strdup ("");
  if (prefix[0] != '/')
    return g_strconcat ("/", prefix, NULL);
  return g_steal_pointer (&prefix);
}

/**
 * lineup_endpoint_build:
 * @region: one of the LINEUP_REGION_* values
 * @custom_base_url: (nullable): scheme and host, for %LINEUP_REGION_CUSTOM
 * @path_prefix: (nullable): such as %LINEUP_DEFAULT_PATH_PREFIX
 * @allow_insecure: whether plain HTTP to a host that is not loopback was
 *   explicitly allowed
 *
 * Turns the address settings into the base URL the endpoints are
 * appended to, refusing what is not a usable or safe address.
 *
 * Returns: (transfer full) (nullable): the base URL, without a trailing
 *   slash; %NULL with %LINEUP_API_ERROR_INVALID_INPUT or
 *   %LINEUP_API_ERROR_INSECURE_TRANSPORT
 */
char *
lineup_endpoint_build (const char  *region,
                       const char  *custom_base_url,
                       const char  *path_prefix,
                       gboolean     allow_insecure,
                       GError     **error)
{
  g_autofree char *host_url = NULL;
  g_autofree char *prefix = normalize_prefix (path_prefix);
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  gsize len;

  if (g_strcmp0 (region, LINEUP_REGION_CUSTOM) != 0)
    {
      const char *url = lineup_region_get_host_url (region);

      if (url == NULL)
        {
          g_set_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT,
                       _("“%s” is not a known region."), region ? region : "");
          return NULL;
        }
      return g_strconcat (url, prefix, NULL);
    }

  host_url = g_strstrip (g_strdup (custom_base_url ? custom_base_url : ""));
  if (*host_url == '\0')
    {
      g_set_error_literal (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT,
                           _("Enter the address of the custom service, such as https://facesearch.example.com."));
      return NULL;
    }

  uri = g_uri_parse (host_url, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0) ||
      g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT,
                   _("“%s” is not a service address. Use the form https://host or https://host:port."),
                   host_url);
      return NULL;
    }

  if (g_strcmp0 (scheme, "http") == 0 && !allow_insecure && !lineup_uri_is_loopback (host_url))
    {
      g_set_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INSECURE_TRANSPORT,
                   _("Plain HTTP to “%s” would send the API key and every signature unencrypted. "
                     "Use an https:// address, or allow plain HTTP for this host."),
                   g_uri_get_host (uri));
      return NULL;
    }

  len = strlen (host_url);
  while (len > 0 && host_url[len - 1] == '/')
    host_url[--len] = '\0';
  return g_strconcat (host_url, prefix, NULL);
}

/**
 * lineup_endpoint_is_plain_http:
 *
 * Returns: whether @base_url is plain HTTP to a host that is not loopback,
 *   which needs the operator's explicit consent
 */
gboolean
lineup_endpoint_is_plain_http (const char *base_url)
{
  return base_url != NULL && g_ascii_strncasecmp (base_url, "http://", 7) == 0 &&
         !lineup_uri_is_loopback (base_url);
}

/**
 * lineup_settings_new:
 *
 * Returns: (transfer full) (nullable): the app's settings, or %NULL when
 *   the schema is not installed (a CLI run from a build tree)
 */
GSettings *
lineup_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE)))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * lineup_settings_new_delayed:
 *
 * A second object on the same schema, path and backend, in delay-apply
 * mode: set several keys on it, then g_settings_apply(), and whoever
 * watches @settings sees them change together. (Delay mode cannot be
 * left again, so it is never turned on for a shared object.)
 *
 * Returns: (transfer full): the twin
 */
GSettings *
lineup_settings_new_delayed (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autofree char *path = NULL;
  GSettings *twin;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  g_object_get (settings, "settings-schema", &schema, "backend", &backend, "path", &path, NULL);
  twin = g_settings_new_full (schema, backend, path);
  g_settings_delay (twin);
  return twin;
}

/**
 * lineup_account_new:
 *
 * Returns: (transfer full): the defaults, as the schema has them
 */
LineupAccount *
lineup_account_new (void)
{
  LineupAccount *account = g_new0 (LineupAccount, 1);

  account->use_demo = TRUE;
  account->region = g_strdup (LINEUP_REGION_SINGAPORE);
  account->custom_base_url = g_strdup ("");
  account->path_prefix = g_strdup (LINEUP_DEFAULT_PATH_PREFIX);
  account->api_key = g_strdup ("");
  account->signature_validity = LINEUP_SIGNER_DEFAULT_VALIDITY;
  account->connect_timeout = 15;
  account->total_timeout = 60;
  account->max_concurrency = 8;
  return account;
}

LineupAccount *
lineup_account_new_from_settings (GSettings *settings)
{
  LineupAccount *account;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  account = g_new0 (LineupAccount, 1);
  account->use_demo = g_settings_get_boolean (settings, "use-demo");
  account->region = g_settings_get_string (settings, "region");
  account->custom_base_url = g_settings_get_string (settings, "custom-base-url");
  account->path_prefix = g_settings_get_string (settings, "path-prefix");
  account->api_key = g_settings_get_string (settings, "api-key");
  account->allow_insecure = g_settings_get_boolean (settings, "allow-insecure-http");
  account->signature_validity = g_settings_get_int (settings, "signature-validity");
  account->connect_timeout = g_settings_get_int (settings, "connect-timeout");
  account->total_timeout = g_settings_get_int (settings, "timeout");
  account->max_concurrency = g_settings_get_int (settings, "max-concurrency");
  return account;
}

LineupAccount *
lineup_account_copy (const LineupAccount *account)
{
  LineupAccount *copy;

  g_return_val_if_fail (account != NULL, NULL);

  copy = g_memdup2 (account, sizeof *account);
  copy->region = g_strdup (account->region);
  copy->custom_base_url = g_strdup (account->custom_base_url);
  copy->path_prefix = g_strdup (account->path_prefix);
  copy->api_key = g_strdup (account->api_key);
  return copy;
}

void
lineup_account_free (LineupAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->region);
  g_free (account->custom_base_url);
  g_free (account->path_prefix);
  g_free (account->api_key);
  g_free (account);
}

/**
 * lineup_account_save:
 *
 * Writes every field to @settings at once, so that whoever watches them
 * sees one change.
 */
void
lineup_account_save (const LineupAccount *account,
                     GSettings           *settings)
{
  g_autoptr(GSettings) changes = NULL;

  g_return_if_fail (account != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));

  changes = lineup_settings_new_delayed (settings);
  settings = changes;
  g_settings_set_boolean (settings, "use-demo", account->use_demo);
  g_settings_set_string (settings, "region", account->region ? account->region : LINEUP_REGION_SINGAPORE);
  g_settings_set_string (settings, "custom-base-url", account->custom_base_url ? account->custom_base_url : "");
  g_settings_set_string (settings, "path-prefix", account->path_prefix ? account->path_prefix : "");
  g_settings_set_string (settings, "api-key", account->api_key ? account->api_key : "");
  g_settings_set_boolean (settings, "allow-insecure-http", account->allow_insecure);
  g_settings_set_int (settings, "signature-validity", account->signature_validity);
  g_settings_set_int (settings, "connect-timeout", account->connect_timeout);
  g_settings_set_int (settings, "timeout", account->total_timeout);
  g_settings_set_int (settings, "max-concurrency", account->max_concurrency);
  g_settings_apply (settings);
}

char *
lineup_account_dup_base_url (const LineupAccount  *account,
                             GError              **error)
{
  g_return_val_if_fail (account != NULL, NULL);
  return lineup_endpoint_build (account->region, account->custom_base_url, account->path_prefix,
                                account->allow_insecure, error);
}

/**
 * lineup_account_dup_label:
 *
 * Returns: (transfer full): where the account's requests go, in a few
 *   words: the region and its host, or the custom host
 */
char *
lineup_account_dup_label (const LineupAccount *account)
{
  g_autoptr(GUri) uri = NULL;
  const char *url;

  g_return_val_if_fail (account != NULL, NULL);

  url = lineup_region_get_host_url (account->region);
  if (g_strcmp0 (account->region, LINEUP_REGION_CUSTOM) == 0)
    url = account->custom_base_url;
  uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (lineup_region_get_name (account->region));

  if (g_strcmp0 (account->region, LINEUP_REGION_CUSTOM) == 0)
    {
      if (g_uri_get_port (uri) > 0)
        return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
      return g_strdup (g_uri_get_host (uri));
    }
  /* Translators: a region and its host, such as “Singapore (api-sgp.yljz.com)” */
  return g_strdup_printf (_("%s (%s)"), lineup_region_get_name (account->region), g_uri_get_host (uri));
}

/**
 * lineup_account_configure_client:
 *
 * Applies the timeouts, the concurrency, the signature validity and the
 * plain-HTTP consent to @client (the demo service's client too).
 */
void
lineup_account_configure_client (const LineupAccount *account,
                                 LineupClient        *client)
{
  g_return_if_fail (account != NULL);
  g_return_if_fail (LINEUP_IS_CLIENT (client));

  lineup_signer_set_validity (lineup_client_get_signer (client), account->signature_validity);
  lineup_client_set_timeouts (client, account->connect_timeout, account->total_timeout);
  lineup_client_set_max_concurrency (client, MAX (account->max_concurrency, 1u));
  lineup_client_set_allow_insecure (client, account->allow_insecure);
}

/**
 * lineup_account_create_client:
 * @api_secret: the secret, from the keyring
 *
 * Returns: (transfer full) (nullable): a client for the account, or
 *   %NULL with %LINEUP_API_ERROR_NO_CREDENTIALS or an address error
 */
LineupClient *
lineup_account_create_client (const LineupAccount  *account,
                              const char           *api_secret,
                              GError              **error)
{
  g_autoptr(LineupSigner) signer = NULL;
  g_autofree char *base_url = NULL;
  LineupClient *client;

  g_return_val_if_fail (account != NULL, NULL);

  if (account->api_key == NULL || *account->api_key == '\0')
    {
      g_set_error_literal (error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_CREDENTIALS,
                           _("Enter the account’s API key."));
      return NULL;
    }
  if (api_secret == NULL || *api_secret == '\0')
    {
      g_set_error_literal (error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_CREDENTIALS,
                           _("Enter the account’s API secret."));
      return NULL;
    }
  if (!(base_url = lineup_account_dup_base_url (account, error)))
    return NULL;

  signer = lineup_signer_new (account->api_key, api_secret);
  client = lineup_client_new (base_url, signer);
  lineup_account_configure_client (account, client);
  return client;
}
