/* lineup-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-format"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-format.h"

/**
 * lineup_format_add_time:
 *
 * Returns: (transfer full) (nullable): when @face was added, as a local
 *   date and time in the locale's format; the service's own text when it
 *   is not a time we can read, so nothing is hidden
 */
char *
lineup_format_add_time (LineupFace *face)
{
  GDateTime *add_time;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (LINEUP_IS_FACE (face), NULL);

  add_time = lineup_face_get_add_time (face);
  if (add_time == NULL)
    return g_strdup (lineup_face_get_add_time_raw (face));

  local = g_date_time_to_local (add_time);
  /* Translators: how a face's enrolment time is shown; %x is the locale's
   * date and %X its time, see g_date_time_format() */
  return g_date_time_format (local, _("%x %X"));
}
