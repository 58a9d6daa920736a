/* test-match-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "lineup-app-test-util.h"
#include "lineup-match-row.h"

/* One result row on its own: the verdict follows the score as shown,
 * and a score the service got wrong is flagged, never judged. */

static void
test_flagged_score (void)
{
  g_autoptr(LineupMatch) match = lineup_match_new (1, "token-1", "demo", 150);
  GtkWidget *row;

  lineup_match_set_score_problem (match, "outside 0–100 (150)");
  row = g_object_ref_sink (lineup_match_row_new (match, 75));

  g_assert_false (lineup_match_row_get_above (LINEUP_MATCH_ROW (row)));
  g_assert_false (lineup_match_is_above (match, 75));
  g_assert_cmpstr (lineup_app_test_label (row, "score"), ==, "—");
  g_assert_cmpstr (lineup_app_test_label (row, "verdict"), ==, "Unusable");
  g_assert_nonnull (g_strstr_len (gtk_widget_get_tooltip_text (lineup_app_test_get (row, "verdict")), -1,
                                  "outside 0–100"));
  g_assert_finalize_object (row);
}

static void
test_verdict_follows_shown_score (void)
{
  g_autoptr(LineupMatch) match = lineup_match_new (2, "token-2", "demo", 94.96);
  GtkWidget *row = g_object_ref_sink (lineup_match_row_new (match, 95));

  /* Shown as 95.0, judged as 95.0: not above a threshold of 95.0. */
  g_assert_cmpstr (lineup_app_test_label (row, "score"), ==, "95.0");
  g_assert_cmpstr (lineup_app_test_label (row, "verdict"), ==, "Below");
  lineup_match_row_set_threshold (LINEUP_MATCH_ROW (row), 94.9);
  g_assert_cmpstr (lineup_app_test_label (row, "verdict"), ==, "Above");
  g_assert_finalize_object (row);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/lineup/app/match-row/flagged-score", test_flagged_score);
  g_test_add_func ("/lineup/app/match-row/verdict-follows-shown-score", test_verdict_follows_shown_score);
  return g_test_run ();
}
