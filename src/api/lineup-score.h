/* lineup-score.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Scores and thresholds are shown with one decimal; everything that
 * judges or prints them goes through these so the two never disagree. */
#define LINEUP_SCORE_DIGITS 1

double    lineup_score_round    (double score);
char     *lineup_score_format   (double score);
gboolean  lineup_score_is_above (double score,
                                 double threshold);

G_END_DECLS
