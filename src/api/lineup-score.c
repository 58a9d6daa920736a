/* lineup-score.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-score"

#include "config.h"

#include <math.h>

#include "lineup-score.h"

/**
 * lineup_score_round:
 *
 * Returns: @score at the precision it is shown with (0.1), so that a
 *   score printed as "95.0" is judged as 95.0; NaN and infinities stay
 */
double
lineup_score_round (double score)
{
  if (!isfinite (score))
    return score;
  return round (score * 10.0) / 10.0;
}

/**
 * lineup_score_format:
 *
 * Returns: (transfer full): the score as shown, "97.8", or "—" when the
 *   service sent no usable number
 */
char *
lineup_score_format (double score)
{
  if (!isfinite (score))
    return g_strdup ("—");
  return g_strdup_printf ("%.1f", lineup_score_round (score));
}

/**
 * lineup_score_is_above:
 *
 * Whether @score is strictly above @threshold, as the service applies it,
 * comparing the values as they are shown.
 */
gboolean
lineup_score_is_above (double score,
                       double threshold)
{
  if (!isfinite (score))
    return FALSE;
  return lineup_score_round (score) > lineup_score_round (threshold);
}
