/* lineup-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-error"

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "lineup-error.h"

/* The extended-error private data lets a GError carry what the service
 * said (code, status, request_id) without encoding it into the message,
 * which stays a translated sentence for people. */
typedef struct
{
  char   *api_code;
  char   *request_id;
  guint   http_status;
  gint64  time_used;
} LineupApiErrorPrivate;

static void
lineup_api_error_private_init (LineupApiErrorPrivate *priv)
{
  priv->time_used = -1;
}

static void
lineup_api_error_private_copy (const LineupApiErrorPrivate *src,
                               LineupApiErrorPrivate       *dest)
{
  dest->api_code = g_strdup (src->api_code);
  dest->request_id = g_strdup (src->request_id);
  dest->http_status = src->http_status;
  dest->time_used = src->time_used;
}

static void
lineup_api_error_private_clear (LineupApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->api_code, g_free);
  g_clear_pointer (&priv->request_id, g_free);
}

G_DEFINE_EXTENDED_ERROR (LineupApiError, lineup_api_error)

static const struct
{
  const char     *api_code;
  LineupApiError  code;
} code_table[] = {
  { "AUTHENTICATION_ERROR", LINEUP_API_ERROR_AUTHENTICATION },
  { "AUTHORIZATION_ERROR", LINEUP_API_ERROR_AUTHORIZATION },
  { "API_NOT_FOUND", LINEUP_API_ERROR_API_NOT_FOUND },
  { "INVALID_OUTER_ID", LINEUP_API_ERROR_GROUP_NOT_FOUND },
  { "INVALID_GROUP_ID", LINEUP_API_ERROR_GROUP_NOT_FOUND },
  { "INVALID_FACE_TOKEN", LINEUP_API_ERROR_FACE_NOT_FOUND },
  /* Documented only inside failure_detail, but harmless as a top-level code */
  { "FACE_NOT_IN_GROUP", LINEUP_API_ERROR_FACE_NOT_FOUND },
  { "NOT_EMPTY", LINEUP_API_ERROR_GROUP_NOT_EMPTY },
  { "NO_FACE_FOUND", LINEUP_API_ERROR_NO_FACE_FOUND },
  { "NO_FACE_DETECTED", LINEUP_API_ERROR_NO_FACE_FOUND },
  { "BAD_ARGUMENTS", LINEUP_API_ERROR_BAD_ARGUMENTS },
  { "MISSING_ARGUMENTS", LINEUP_API_ERROR_MISSING_ARGUMENTS },
  { "IMAGE_ERROR_UNSUPPORTED_FORMAT", LINEUP_API_ERROR_UNSUPPORTED_IMAGE },
  { "REQUEST_ENTITY_TOO_LARGE", LINEUP_API_ERROR_TOO_LARGE },
  { "IMAGE_FILE_TOO_LARGE", LINEUP_API_ERROR_TOO_LARGE },
  { "INVALID_IMAGE_SIZE", LINEUP_API_ERROR_UNSUPPORTED_IMAGE },
  { "CONCURRENCY_LIMIT_EXCEEDED", LINEUP_API_ERROR_CONCURRENCY_LIMIT },
  { "INTERNAL_ERROR", LINEUP_API_ERROR_INTERNAL },
  { "GROUP_ID_EXIST", LINEUP_API_ERROR_GROUP_EXISTS },
  { "GROUP_ID_EXISTS", LINEUP_API_ERROR_GROUP_EXISTS },
  { "OUTER_ID_EXIST", LINEUP_API_ERROR_GROUP_EXISTS },
  { "GROUP_LIMIT_EXCEEDED", LINEUP_API_ERROR_QUOTA_EXCEEDED },
  { "FACE_LIMIT_EXCEEDED", LINEUP_API_ERROR_QUOTA_EXCEEDED },
  { "FACE_COUNT_LIMIT_EXCEEDED", LINEUP_API_ERROR_QUOTA_EXCEEDED },
};

/**
 * lineup_api_error_code_from_string:
 * @api_code: an "error" value from a reply, such as "BAD_ARGUMENTS: limit"
 *
 * Only the part before the first ':' decides; the family of services
 * sometimes appends a detail.
 */
LineupApiError
lineup_api_error_code_from_string (const char *api_code)
{
  gsize len;

  if (api_code == NULL)
    return LINEUP_API_ERROR_SERVICE;

  len = strcspn (api_code, ":");
  while (len > 0 && g_ascii_isspace (api_code[len - 1]))
    len--;

  for (guint i = 0; i < G_N_ELEMENTS (code_table); i++)
    if (strlen (code_table[i].api_code) == len &&
        strncmp (code_table[i].api_code, api_code, len) == 0)
      return code_table[i].code;

  if (g_str_has_prefix (api_code, "IMAGE_ERROR"))
    return LINEUP_API_ERROR_UNSUPPORTED_IMAGE;
  if (len > 15 && strncmp (api_code + len - 15, "_LIMIT_EXCEEDED", 15) == 0)
    return LINEUP_API_ERROR_QUOTA_EXCEEDED;

  return LINEUP_API_ERROR_SERVICE;
}

static char *
message_for (LineupApiError  code,
             guint           http_status,
             const char     *api_code,
             const char     *group_id,
             const char     *face_token)
{
  switch (code)
    {
    case LINEUP_API_ERROR_AUTHENTICATION:
      return g_strdup (_("The service did not accept the API key or signature. Check the key, the secret and this computer’s clock."));
    case LINEUP_API_ERROR_AUTHORIZATION:
      if (api_code == NULL)
        /* a gateway's or firewall's page, not the service's own answer */
        return g_strdup_printf (_("The service refused the request (HTTP %u). Check the service address and "
                                  "whether this network may reach it."), http_status);
      return g_strdup (_("This account is not allowed to use this service."));
    case LINEUP_API_ERROR_API_NOT_FOUND:
      return g_strdup (_("The service does not know this request. Check the service address."));
    case LINEUP_API_ERROR_GROUP_NOT_FOUND:
      if (group_id != NULL)
        return g_strdup_printf (_("The library “%s” does not exist."), group_id);
      return g_strdup (_("The library does not exist."));
    case LINEUP_API_ERROR_FACE_NOT_FOUND:
      if (face_token != NULL)
        return g_strdup_printf (_("The face “%s” is not in this library."), face_token);
      return g_strdup (_("The face is not in this library."));
    case LINEUP_API_ERROR_GROUP_NOT_EMPTY:
      if (group_id != NULL)
        return g_strdup_printf (_("The library “%s” still contains faces."), group_id);
      return g_strdup (_("The library still contains faces."));
    case LINEUP_API_ERROR_NO_FACE_FOUND:
      return g_strdup (_("No face was found in the image. Try another photo, or one where the face is larger."));
    case LINEUP_API_ERROR_BAD_ARGUMENTS:
    case LINEUP_API_ERROR_MISSING_ARGUMENTS:
      return g_strdup (_("The service rejected the request’s parameters."));
    case LINEUP_API_ERROR_UNSUPPORTED_IMAGE:
      return g_strdup (_("The service could not use this image. Try a JPEG or PNG photo."));
    case LINEUP_API_ERROR_TOO_LARGE:
      return g_strdup (_("The image is too large for the service."));
    case LINEUP_API_ERROR_CONCURRENCY_LIMIT:
      return g_strdup (_("The service is busy with too many requests. Try again in a moment."));
    case LINEUP_API_ERROR_INTERNAL:
      return g_strdup (_("The service had an internal error. Try again later."));
    case LINEUP_API_ERROR_GROUP_EXISTS:
      if (group_id != NULL)
        return g_strdup_printf (_("A library “%s” already exists."), group_id);
      return g_strdup (_("The library already exists."));
    case LINEUP_API_ERROR_QUOTA_EXCEEDED:
      return g_strdup (_("The account has reached one of its limits."));
    case LINEUP_API_ERROR_SERVER:
      return g_strdup_printf (_("The service failed (HTTP %u). Try again later."), http_status);
    case LINEUP_API_ERROR_SERVICE:
    case LINEUP_API_ERROR_REPLY_TOO_LARGE:
    case LINEUP_API_ERROR_REDIRECTED:
    case LINEUP_API_ERROR_OUTCOME_UNKNOWN:
    case LINEUP_API_ERROR_BAD_RESPONSE:
    case LINEUP_API_ERROR_INVALID_INPUT:
    case LINEUP_API_ERROR_NO_CREDENTIALS:
    case LINEUP_API_ERROR_INSECURE_TRANSPORT:
    case LINEUP_API_ERROR_BAD_IMAGE:
    default:
      if (api_code != NULL)
        return g_strdup_printf (_("The service reported an error: %s."), api_code);
      return g_strdup_printf (_("The service answered with HTTP status %u."), http_status);
    }
}

/**
 * lineup_api_error_new_from_reply:
 * @http_status: the HTTP status of the reply
 * @api_code: (nullable): the reply's "error" value
 * @request_id: (nullable): the reply's request_id
 * @time_used: the reply's time_used, or -1
 * @group_id: (nullable): the library the request was about, for the message
 * @face_token: (nullable): the face the request was about, for the message
 *
 * Returns: (transfer full): a %LINEUP_API_ERROR carrying what the service said
 */
GError *
lineup_api_error_new_from_reply (guint       http_status,
                                 const char *api_code,
                                 const char *request_id,
                                 gint64      time_used,
                                 const char *group_id,
                                 const char *face_token)
{
  LineupApiError code = LINEUP_API_ERROR_SERVICE;
  g_autofree char *message = NULL;

  /* A known code decides; otherwise the status class does, so that an
   * unknown code on a 5xx is still retried. The code is kept verbatim
   * either way. */
  if (api_code != NULL)
    code = lineup_api_error_code_from_string (api_code);
  if (code == LINEUP_API_ERROR_SERVICE)
    {
      if (http_status == 413)
        code = LINEUP_API_ERROR_TOO_LARGE;
      else if (http_status == 401)
        code = LINEUP_API_ERROR_AUTHENTICATION;
      else if (http_status == 429)
        code = LINEUP_API_ERROR_CONCURRENCY_LIMIT;
      else if (http_status == 403 && api_code == NULL)
        code = LINEUP_API_ERROR_AUTHORIZATION;
      else if (http_status == 404 && api_code == NULL)
        code = LINEUP_API_ERROR_API_NOT_FOUND;
      else if (http_status >= 500)
        code = LINEUP_API_ERROR_SERVER;
    }

  message = message_for (code, http_status, api_code, group_id, face_token);
  return lineup_api_error_new_full (code, http_status, api_code, request_id, time_used, message);
}

/**
 * lineup_api_error_new_full:
 * @message: a sentence for people, already translated
 *
 * Returns: (transfer full): a %LINEUP_API_ERROR with all fields given
 */
GError *
lineup_api_error_new_full (LineupApiError  code,
                           guint           http_status,
                           const char     *api_code,
                           const char     *request_id,
                           gint64          time_used,
                           const char     *message)
{
  LineupApiErrorPrivate *priv;
  GError *error;

  error = g_error_new_literal (LINEUP_API_ERROR, code, message);
  priv = lineup_api_error_get_private (error);
  priv->api_code = g_strdup (api_code);
  priv->request_id = g_strdup (request_id);
  priv->http_status = http_status;
  priv->time_used = time_used;

  return error;
}

static LineupApiErrorPrivate *
get_private_checked (const GError *error)
{
  if (error == NULL || error->domain != LINEUP_API_ERROR)
    return NULL;
  return lineup_api_error_get_private (error);
}

/**
 * lineup_api_error_get_api_code:
 *
 * Returns: (nullable): the service's full "error" text, such as
 *   "BAD_ARGUMENTS: limit", or %NULL when the error did not come from it
 */
const char *
lineup_api_error_get_api_code (const GError *error)
{
  LineupApiErrorPrivate *priv = get_private_checked (error);

  return priv ? priv->api_code : NULL;
}

guint
lineup_api_error_get_http_status (const GError *error)
{
  LineupApiErrorPrivate *priv = get_private_checked (error);

  return priv ? priv->http_status : 0;
}

const char *
lineup_api_error_get_request_id (const GError *error)
{
  LineupApiErrorPrivate *priv = get_private_checked (error);

  return priv ? priv->request_id : NULL;
}

gint64
lineup_api_error_get_time_used (const GError *error)
{
  LineupApiErrorPrivate *priv = get_private_checked (error);

  return priv ? priv->time_used : -1;
}

/**
 * lineup_api_error_is_transient:
 *
 * Whether repeating the same request later may succeed: network trouble,
 * any 5xx and the concurrency limit (also as HTTP 429). Other 4xx answers
 * will not change, whatever their code. A write whose outcome is unknown
 * is not transient: repeating it blindly could carry it out twice.
 */
gboolean
lineup_api_error_is_transient (const GError *error)
{
  if (error == NULL)
    return FALSE;

  if (error->domain == LINEUP_API_ERROR)
    {
      guint status = lineup_api_error_get_http_status (error);

      if (error->code == LINEUP_API_ERROR_OUTCOME_UNKNOWN)
        return FALSE;

      if (error->code == LINEUP_API_ERROR_CONCURRENCY_LIMIT || status >= 500)
        return TRUE;
      if (status >= 400)
        return FALSE;   /* asking again will not change the answer */
      return error->code == LINEUP_API_ERROR_SERVER ||
             error->code == LINEUP_API_ERROR_INTERNAL;
    }

  if (error->domain == G_IO_ERROR)
    return error->code == G_IO_ERROR_CONNECTION_REFUSED ||
           error->code == G_IO_ERROR_CONNECTION_CLOSED ||
           error->code == G_IO_ERROR_BROKEN_PIPE ||
           error->code == G_IO_ERROR_TIMED_OUT ||
           error->code == G_IO_ERROR_NETWORK_UNREACHABLE ||
           error->code == G_IO_ERROR_HOST_UNREACHABLE ||
           error->code == G_IO_ERROR_PARTIAL_INPUT ||
           error->code == G_IO_ERROR_FAILED;

  return g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE);
}
