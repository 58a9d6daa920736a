/* test-score.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "lineup-score.h"

/* What is shown and what is judged are the same number. */
static void
test_shown_value_judges (void)
{
  g_autofree char *shown = lineup_score_format (94.96);

  g_assert_cmpstr (shown, ==, "95.0");
  /* "95.0" against a threshold of 95 is not above it: strictly greater. */
  g_assert_false (lineup_score_is_above (94.96, 95));
  g_assert_false (lineup_score_is_above (95.04, 95));
  g_assert_true (lineup_score_is_above (95.05, 95));
  /* A threshold dragged to 74.96 is shown and applied as 75.0. */
  g_assert_false (lineup_score_is_above (75.0, 74.96));
  g_assert_true (lineup_score_is_above (75.1, 74.96));
}

static void
test_not_a_number (void)
{
  g_autofree char *shown = lineup_score_format (NAN);

  g_assert_cmpstr (shown, ==, "—");
  g_assert_false (lineup_score_is_above (NAN, 0));
  g_assert_false (lineup_score_is_above (INFINITY, 0));
  g_assert_cmpfloat (lineup_score_round (12.345), ==, 12.3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lineup/api/score/shown-value-judges", test_shown_value_judges);
  g_test_add_func ("/lineup/api/score/not-a-number", test_not_a_number);
  return g_test_run ();
}
