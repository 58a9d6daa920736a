/* lineup-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LINEUP_API_ERROR (lineup_api_error_quark ())

/**
 * LineupApiError:
 *
 * Every failure the API layer reports. Codes from the service map onto
 * the named members; a code we do not know becomes %LINEUP_API_ERROR_SERVICE
 * and keeps its text (see lineup_api_error_get_api_code()).
 */
typedef enum
{
  LINEUP_API_ERROR_SERVICE,              /* an "error" code we do not know */
  LINEUP_API_ERROR_BAD_RESPONSE,         /* not JSON, or a required field is missing */
  LINEUP_API_ERROR_INVALID_INPUT,        /* refused before sending (validation) */
  LINEUP_API_ERROR_NO_CREDENTIALS,
  LINEUP_API_ERROR_INSECURE_TRANSPORT,   /* plain HTTP to a non-loopback host */
  LINEUP_API_ERROR_BAD_IMAGE,            /* unreadable locally, or GIF */
  LINEUP_API_ERROR_AUTHENTICATION,       /* AUTHENTICATION_ERROR */
  LINEUP_API_ERROR_AUTHORIZATION,        /* AUTHORIZATION_ERROR */
  LINEUP_API_ERROR_API_NOT_FOUND,        /* API_NOT_FOUND */
  LINEUP_API_ERROR_GROUP_NOT_FOUND,      /* INVALID_OUTER_ID, INVALID_GROUP_ID */
  LINEUP_API_ERROR_FACE_NOT_FOUND,       /* INVALID_FACE_TOKEN */
  LINEUP_API_ERROR_GROUP_NOT_EMPTY,      /* NOT_EMPTY */
  LINEUP_API_ERROR_NO_FACE_FOUND,        /* NO_FACE_FOUND */
  LINEUP_API_ERROR_BAD_ARGUMENTS,        /* BAD_ARGUMENTS */
  LINEUP_API_ERROR_MISSING_ARGUMENTS,    /* MISSING_ARGUMENTS */
  LINEUP_API_ERROR_UNSUPPORTED_IMAGE,    /* IMAGE_ERROR_UNSUPPORTED_FORMAT and other IMAGE_ERROR_* */
  LINEUP_API_ERROR_TOO_LARGE,            /* REQUEST_ENTITY_TOO_LARGE, HTTP 413 */
  LINEUP_API_ERROR_CONCURRENCY_LIMIT,    /* CONCURRENCY_LIMIT_EXCEEDED */
  LINEUP_API_ERROR_INTERNAL,             /* INTERNAL_ERROR */
  LINEUP_API_ERROR_SERVER,               /* 5xx without a usable body */
  LINEUP_API_ERROR_GROUP_EXISTS,         /* GROUP_ID_EXIST and similar */
  LINEUP_API_ERROR_QUOTA_EXCEEDED,       /* *_LIMIT_EXCEEDED other than concurrency */
  LINEUP_API_ERROR_REPLY_TOO_LARGE,      /* the reply passed the client's size limit */
  LINEUP_API_ERROR_REDIRECTED,           /* a 3xx: redirects are never followed */
  LINEUP_API_ERROR_OUTCOME_UNKNOWN,      /* a write that may or may not have been carried out */
} LineupApiError;

GQuark          lineup_api_error_quark            (void);

LineupApiError  lineup_api_error_code_from_string (const char   *api_code);
GError         *lineup_api_error_new_from_reply   (guint         http_status,
                                                   const char   *api_code,
                                                   const char   *request_id,
                                                   gint64        time_used,
                                                   const char   *group_id,
                                                   const char   *face_token);
GError         *lineup_api_error_new_full         (LineupApiError code,
                                                   guint         http_status,
                                                   const char   *api_code,
                                                   const char   *request_id,
                                                   gint64        time_used,
                                                   const char   *message);
const char     *lineup_api_error_get_api_code     (const GError *error);
guint           lineup_api_error_get_http_status  (const GError *error);
const char     *lineup_api_error_get_request_id   (const GError *error);
gint64          lineup_api_error_get_time_used    (const GError *error);
gboolean        lineup_api_error_is_transient     (const GError *error);

G_END_DECLS
