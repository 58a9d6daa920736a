/* lineup-error-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-error"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "lineup-error.h"
#include "lineup-error-text.h"

/* Errors from GIO, TLS and the resolver arrive in their libraries' words
 * ("Error receiving data: Connection reset by peer"). People get a plain
 * sentence; the original text stays one click away for whoever debugs. */

static const char *
io_summary (int code)
{
  switch (code)
    {
    case G_IO_ERROR_CONNECTION_REFUSED:
      return _("The service refused the connection. Check the address, or whether the service is running.");
    case G_IO_ERROR_CONNECTION_CLOSED:
    case G_IO_ERROR_NOT_CONNECTED:
      return _("The service closed the connection.");
    case G_IO_ERROR_PARTIAL_INPUT:
      return _("The reply was cut off.");
    case G_IO_ERROR_TIMED_OUT:
      return _("The service did not answer in time.");
    case G_IO_ERROR_HOST_UNREACHABLE:
    case G_IO_ERROR_HOST_NOT_FOUND:
      return _("The service’s host cannot be reached.");
    case G_IO_ERROR_NETWORK_UNREACHABLE:
      return _("The network cannot be reached. Check this computer’s connection.");
    case G_IO_ERROR_PROXY_FAILED:
    case G_IO_ERROR_PROXY_AUTH_FAILED:
    case G_IO_ERROR_PROXY_NEED_AUTH:
    case G_IO_ERROR_PROXY_NOT_ALLOWED:
      return _("The network proxy refused the connection.");
    case G_IO_ERROR_ADDRESS_IN_USE:
      return _("The address is already in use.");
    default:
      return NULL;
    }
}

static const char *
tls_summary (int code)
{
  switch (code)
    {
    case G_TLS_ERROR_BAD_CERTIFICATE:
      return _("The service’s certificate is not valid, so the connection was not made.");
    case G_TLS_ERROR_NOT_TLS:
      return _("The service does not speak HTTPS at this address.");
    case G_TLS_ERROR_HANDSHAKE:
      return _("The secure connection could not be set up.");
    case G_TLS_ERROR_EOF:
      return _("The service closed the secure connection.");
    default:
      return _("The secure connection failed.");
    }
}

/**
 * lineup_error_dup_summary:
 *
 * Returns: (transfer full): one plain sentence for people; for the
 *   Lineup domains that is the message itself, already written for them
 */
char *
lineup_error_dup_summary (const GError *error)
{
  const char *text = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == G_IO_ERROR)
    text = io_summary (error->code);
  else if (error->domain == G_TLS_ERROR)
    text = tls_summary (error->code);
  else if (error->domain == G_RESOLVER_ERROR)
    text = error->code == G_RESOLVER_ERROR_TEMPORARY_FAILURE
      ? _("The service’s host name could not be looked up right now. Check the network.")
      : _("The service’s host name is not known. Check the address.");

  return g_strdup (text != NULL ? text : error->message);
}

/**
 * lineup_error_dup_technical:
 *
 * Returns: (transfer full): what a developer needs: the domain, code and
 *   original message, plus what the service said (API code, HTTP
 *   status, request id) when it said anything
 */
char *
lineup_error_dup_technical (const GError *error)
{
  GString *out;
  const char *api_code;
  const char *request_id;
  guint status;

  g_return_val_if_fail (error != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, "%s %d: %s", g_quark_to_string (error->domain), error->code, error->message);

  api_code = lineup_api_error_get_api_code (error);
  status = lineup_api_error_get_http_status (error);
  request_id = lineup_api_error_get_request_id (error);
  if (api_code != NULL)
    g_string_append_printf (out, "\n%s", api_code);
  if (status != 0)
    g_string_append_printf (out, "\nHTTP %u", status);
  if (request_id != NULL)
    g_string_append_printf (out, _("\nRequest ID: %s"), request_id);

  return g_string_free (out, FALSE);
}

/**
 * lineup_text_ends_sentence:
 * @text: a message, ours or from GLib, libsoup or the system
 *
 * GIO's and libsoup's messages have no full stop of their own and ours
 * have one, full-width once translated into Chinese or Japanese; this
 * says which, so that a stop is added only where one is missing.
 *
 * Returns: %TRUE if @text is empty or ends with a stop, a question or
 *   exclamation mark or an ellipsis
 */
gboolean
lineup_text_ends_sentence (const char *text)
{
  static const char * const ends[] = { ".", "!", "?", "…", "。", "！", "？" };

  g_return_val_if_fail (text != NULL, TRUE);

  if (*text == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    if (g_str_has_suffix (text, ends[i]))
      return TRUE;
  return FALSE;
}
