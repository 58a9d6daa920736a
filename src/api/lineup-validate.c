/* lineup-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-validate"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lineup-error.h"
#include "lineup-validate.h"

/* The documented rules, checked before anything is sent so a mistake
 * costs no request and gets a precise message. "what" is the translated
 * name of the field, as the user knows it. */

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  if (error != NULL)
    {
      va_start (args, format);
      *error = g_error_new_valist (LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT, format, args);
      va_end (args);
    }
  return FALSE;
}

/**
 * lineup_validate_id:
 * @what: the field's name for the message, such as "Library ID"
 *
 * group_id and user_id: 1–48 bytes of letters, digits and -%@#&_
 */
gboolean
lineup_validate_id (const char  *what,
                    const char  *value,
                    GError     **error)
{
  gsize len = value ? strlen (value) : 0;

  if (len == 0)
    return invalid (error, _("%s must not be empty."), what);
  if (len > LINEUP_ID_MAX_BYTES)
    return invalid (error,
                    ngettext ("%s must be at most %d byte long.", "%s must be at most %d bytes long.",
                              LINEUP_ID_MAX_BYTES),
                    what, LINEUP_ID_MAX_BYTES);
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (value[i]) && strchr ("-%@#&_", value[i]) == NULL)
      return invalid (error, _("%s may only contain letters, digits and the characters - %% @ # & _"), what);
  return TRUE;
}

/**
 * lineup_validate_text:
 * @max_bytes: the documented limit
 *
 * Names and free text. The documentation gives limits in characters
 * without saying how it counts them (protocol notes §6.18). Counting
 * UTF-8 bytes is the reading every server accepts, so that is the limit
 * here; plain ASCII text gets the simpler message.
 */
gboolean
lineup_validate_text (const char  *what,
                      const char  *value,
                      guint        max_bytes,
                      gboolean     required,
                      GError     **error)
{
  gsize bytes;

  if (value == NULL || *value == '\0')
    {
      if (required)
        return invalid (error, _("%s must not be empty."), what);
      return TRUE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    return invalid (error, _("%s is not valid text."), what);

  bytes = strlen (value);
  if (bytes <= max_bytes)
    return TRUE;
  if ((gsize)g_utf8_strlen (value, -1) == bytes)
    return invalid (error,
                    ngettext ("%s must be at most %u character long.",
                              "%s must be at most %u characters long.", max_bytes),
                    what, max_bytes);
  return invalid (error,
                  /* Translators: the first argument is a field name such as “The library name” */
                  ngettext ("%s is too long: the service allows %u byte, and letters outside plain ASCII take two to four bytes each.",
                            "%s is too long: the service allows %u bytes, and letters outside plain ASCII take two to four bytes each.",
                            max_bytes),
                  what, max_bytes);
}

gboolean
lineup_validate_range (const char  *what,
                       double       value,
                       double       min,
                       double       max,
                       GError     **error)
{
  if (!isfinite (value) || value < min || value > max)
    return invalid (error, _("%s must be between %g and %g."), what, min, max);
  return TRUE;
}

/**
 * lineup_validate_token:
 *
 * face_token is opaque, but it travels inside a comma-separated list, so
 * it can hold neither commas nor blanks.
 */
gboolean
lineup_validate_token (const char  *value,
                       GError     **error)
{
  if (value == NULL || *value == '\0')
    return invalid (error, _("The face token must not be empty."));
  if (strlen (value) > 256 || strpbrk (value, ", \t\r\n") != NULL)
    return invalid (error, _("“%s” is not a valid face token."), value);
  return TRUE;
}

/**
 * lineup_validate_tokens:
 * @tokens: (array zero-terminated=1) (nullable): face tokens
 *
 * One delete request takes 1–1000 tokens, joined with commas.
 */
gboolean
lineup_validate_tokens (const char * const  *tokens,
                        GError             **error)
{
  guint n = tokens ? g_strv_length ((char **)tokens) : 0;

  if (n == 0)
    return invalid (error, _("Give at least one face token."));
  if (n > LINEUP_DELETE_TOKENS_MAX)
    return invalid (error,
                    ngettext ("One request can delete at most %u faces, and %u face was given.",
                              "One request can delete at most %u faces, and %u faces were given.", n),
                    (guint)LINEUP_DELETE_TOKENS_MAX, n);
  for (guint i = 0; i < n; i++)
    if (!lineup_validate_token (tokens[i], error))
      return FALSE;
  return TRUE;
}

/**
 * lineup_validate_flag:
 *
 * multi_oriented_detection and check_empty: "0" or "1", nothing else;
 * the service answers anything else with BAD_ARGUMENTS.
 */
gboolean
lineup_validate_flag (const char  *what,
                      const char  *value,
                      GError     **error)
{
  if (g_strcmp0 (value, "0") != 0 && g_strcmp0 (value, "1") != 0)
    return invalid (error, _("%s must be “0” or “1”."), what);
  return TRUE;
}
