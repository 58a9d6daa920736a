/* test-reply-limits.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lineup-error.h"
#include "lineup-reply.h"

/* Replies held to what was asked for, numbers JSON readers get wrong,
 * scores that are not scores. */

static JsonObject *
check (const char *text)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  JsonObject *root = lineup_reply_check (200, body, NULL, NULL, &error);

  g_assert_no_error (error);
  return root;
}

static void
test_integers_beyond_64_bits (void)
{
  g_autoptr(JsonObject) root = check ("{\"time_used\":18446744073709551617,\"face_removed\":-9223372036854775809,"
                                      "\"face_count\":9223372036854775807,"
                                      "\"text\":\"99999999999999999999\",\"big\":1e400}");
  g_autofree char *text = lineup_reply_dup_text (root, "text");

  /* json-glib alone reads 2^64 + 1 as 1 */
  g_assert_cmpint (lineup_reply_get_int (root, "time_used", -1), ==, -1);
  /* -2^63 - 1 rounds to -2^63 as a double, rather than wrapping to 2^63 - 1 */
  g_assert_cmpint (lineup_reply_get_int (root, "face_removed", -1), ==, G_MININT64);
  g_assert_cmpint (lineup_reply_get_int (root, "face_count", -1), ==, G_MAXINT64);
  g_assert_cmpstr (text, ==, "99999999999999999999");
}

/* A leading zero is not JSON. From json-glib 1.9.2 (1.10 in Debian 13
 * and the GNOME runtime) the parser refuses such a literal, and so the
 * reply. Older json-glib reads it anyway, as octal (042 is 34): its 23
 * digits must not count as beyond 64 bits. */
static void
test_leading_zeros (void)
{
  static const char text[] = "{\"face_count\":00000000000000000000042}";
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = lineup_reply_check (200, body, NULL, NULL, &error);

#if JSON_CHECK_VERSION (1, 9, 2)
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_BAD_RESPONSE);
  g_assert_null (root);
#else
  g_assert_no_error (error);
  g_assert_cmpint (lineup_reply_get_int (root, "face_count", -1), ==, 042);
#endif
}

static void
test_scores (void)
{
  g_autoptr(JsonObject) root = check ("{\"result\":["
                                      "{\"face_token\":\"a\",\"score\":97.5},"
                                      "{\"face_token\":\"b\",\"score\":1e21},"
                                      "{\"face_token\":\"c\",\"score\":-0.5},"
                                      "{\"face_token\":\"d\",\"score\":\"high\"},"
                                      "{\"face_token\":\"e\"},"
                                      "{\"face_token\":\"f\",\"score\":\"100\"},"
                                      "{\"face_token\":\"g\",\"score\":{}}]}");
  static const struct { const char *problem; double score; } expected[] = {
    { NULL, 97.5 }, { "outside 0–100 (1e+21)", 1e21 }, { "outside 0–100 (-0.5)", -0.5 },
    { "not a number (“high”)", NAN }, { "missing", NAN }, { NULL, 100 }, { "not a number", NAN },
  };
  g_autoptr(LineupSearchResult) result = lineup_reply_parse_search_limited (root, 100, NULL);
  GListModel *matches = lineup_search_result_get_matches (result);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(LineupMatch) match = g_list_model_get_item (matches, i);

      g_assert_cmpstr (lineup_match_get_score_problem (match), ==, expected[i].problem);
      if (isnan (expected[i].score))
        g_assert_true (isnan (lineup_match_get_score (match)));
      else
        g_assert_cmpfloat (lineup_match_get_score (match), ==, expected[i].score);
    }

  lineup_reply_inspect_search (root, 100, warnings);
  g_assert_cmpuint (warnings->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==, "The score of match 2 (“b”) is outside 0–100 (1e+21).");
}

static void
test_search_limit (void)
{
  g_autoptr(JsonObject) root = check ("{\"result\":[{\"score\":90},"
                                      "{\"face_token\":\"a\",\"score\":90},{\"face_token\":\"b\",\"score\":80},"
                                      "{\"face_token\":\"c\",\"score\":70}]}");
  g_autoptr(LineupSearchResult) result = lineup_reply_parse_search_limited (root, 2, NULL);
  g_autoptr(LineupMatch) last = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  GListModel *matches = lineup_search_result_get_matches (result);

  /* the first two matches (the entry without a token is no match) */
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 2);
  last = g_list_model_get_item (matches, 1);
  g_assert_cmpstr (lineup_match_get_face_token (last), ==, "b");

  lineup_reply_inspect_search (root, 2, warnings);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==,
                   "The service sent 4 results for a limit of 2; Lineup kept the first 2.");
  g_ptr_array_set_size (warnings, 0);
  lineup_reply_inspect_search (root, 4, warnings);
  g_assert_cmpuint (warnings->len, ==, 0);
}

static void
test_many_bad_scores (void)
{
  GString *text = g_string_new ("{\"result\":[");
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 50; i++)
    g_string_append_printf (text, "%s{\"face_token\":\"t%u\",\"score\":500}", i ? "," : "", i);
  g_string_append (text, "]}");
  root = check (text->str);
  g_string_free (text, TRUE);

  /* ten said, the rest counted */
  lineup_reply_inspect_search (root, 100, warnings);
  g_assert_cmpuint (warnings->len, ==, 11);
  g_assert_cmpstr (g_ptr_array_index (warnings, 10), ==, "40 more scores are not numbers in 0–100.");
}

static void
test_face_list_limit_and_next (void)
{
  g_autoptr(JsonObject) with_next = check ("{\"face_tokens\":[\"a\",\"b\",\"c\"],\"next\":1500}");
  g_autoptr(JsonObject) without = check ("{\"face_tokens\":[\"a\",\"b\",\"c\"]}");
  g_autoptr(GListStore) faces = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  guint next = 0;
  gboolean given = FALSE;

  faces = lineup_reply_parse_face_list_limited (with_next, 1000, 2, &next, &given, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (faces)), ==, 2);
  g_assert_cmpuint (next, ==, 1500);
  g_assert_true (given);
  g_clear_object (&faces);

  faces = lineup_reply_parse_face_list_limited (without, 998, 2, &next, &given, NULL);
  g_assert_cmpuint (next, ==, 1000);   /* the two kept, not the three sent */
  g_assert_false (given);

  lineup_reply_inspect_face_list (without, 2, warnings);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==,
                   "The service sent 3 faces for a limit of 2; Lineup kept the first 2.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lineup/api/reply-limits/integers-beyond-64-bits", test_integers_beyond_64_bits);
  g_test_add_func ("/lineup/api/reply-limits/leading-zeros", test_leading_zeros);
  g_test_add_func ("/lineup/api/reply-limits/scores", test_scores);
  g_test_add_func ("/lineup/api/reply-limits/search-limit", test_search_limit);
  g_test_add_func ("/lineup/api/reply-limits/many-bad-scores", test_many_bad_scores);
  g_test_add_func ("/lineup/api/reply-limits/face-list-limit-and-next", test_face_list_limit_and_next);
  return g_test_run ();
}
