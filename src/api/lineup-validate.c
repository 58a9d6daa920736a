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
    return invalid (error, _("%s must be at most %d bytes long."), what, LINEUP_ID_MAX_BYTES);
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (value[i]) && strchr ("-%@#&_", value[i]) == NULL)
      return invalid (error, _("%s may only contain letters, digits and the characters - %% @ # & _"), what);
  return TRUE;
}

/**
 * lineup_validate_text:
 * @max_chars: the documented limit, in characters
 *
 * Names and free text. The documentation counts characters but does not
 * say how; we count characters and also keep the UTF-8 bytes within the
 * limit times four, which any reading allows.
 */
gboolean
lineup_validate_text (const char  *what,
                      const char  *value,
                      guint        max_chars,
                      gboolean     required,
                      GError     **error)
{
  if (value == NULL || *value == '\0')
    {
      if (required)
        return invalid (error, _("%s must not be empty."), what);
      return TRUE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    return invalid (error, _("%s is not valid text."), what);
  if (g_utf8_strlen (value, -1) > max_chars)
    return invalid (error,
                    ngettext ("%s must be at most %u character long.",
                              "%s must be at most %u characters long.", max_chars),
                    what, max_chars);
  return TRUE;
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
