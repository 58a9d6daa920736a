/* lineup-score-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_SCORE_BAR (lineup_score_bar_get_type ())
G_DECLARE_FINAL_TYPE (LineupScoreBar, lineup_score_bar, LINEUP, SCORE_BAR, GtkWidget)

GtkWidget *lineup_score_bar_new           (void);
double     lineup_score_bar_get_score     (LineupScoreBar *self);
void       lineup_score_bar_set_score     (LineupScoreBar *self,
                                           double          score);
double     lineup_score_bar_get_threshold (LineupScoreBar *self);
void       lineup_score_bar_set_threshold (LineupScoreBar *self,
                                           double          threshold);

G_END_DECLS
