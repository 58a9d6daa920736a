/* test-reply.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lineup-error.h"
#include "lineup-group.h"
#include "lineup-reply.h"

/* The vendor's own examples (protocol document §3) and shapes a broken
 * or hostile server might send. */

static JsonObject *
check (guint        status,
       const char  *text,
       GError     **error)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

  return lineup_reply_check (status, body, "test_002", NULL, error);
}

static void
test_vendor_search (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = check (200,
    "{\"request_id\":\"1769742796,8628c588-244c-434e-a423-5fa8d3c5a74a\",\"time_used\":705,"
    "\"result\":[{\"face_token\":\"0b25c78e8c62976767d190b0c5490af0\",\"group_id\":\"test_002\",\"score\":97.80590807301392},"
    "{\"face_token\":\"0b25c78e8c62976767d190b0c5490af0\",\"group_id\":\"test_002\",\"score\":96.80590807301392}]}",
    &error);
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(LineupMatch) first = NULL;
  g_autoptr(LineupMatch) second = NULL;
  GListModel *matches;

  g_assert_no_error (error);
  result = lineup_reply_parse_search (root, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_search_result_get_request_id (result), ==,
                   "1769742796,8628c588-244c-434e-a423-5fa8d3c5a74a");
  g_assert_cmpint (lineup_search_result_get_time_used (result), ==, 705);

  matches = lineup_search_result_get_matches (result);
  /* The same token twice is kept twice, by rank. */
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 2);
  first = g_list_model_get_item (matches, 0);
  second = g_list_model_get_item (matches, 1);
  g_assert_cmpuint (lineup_match_get_rank (first), ==, 1);
  g_assert_cmpuint (lineup_match_get_rank (second), ==, 2);
  g_assert_cmpfloat_with_epsilon (lineup_match_get_score (first), 97.80590807301392, 1e-9);
  g_assert_cmpstr (lineup_match_get_face_token (second), ==, "0b25c78e8c62976767d190b0c5490af0");
  g_assert_cmpstr (lineup_match_get_group_id (second), ==, "test_002");
}

static void
test_vendor_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = check (400,
    "{\"request_id\":\"1769684828,e483ae63-913b-4e32-9068-3719cce59570\",\"time_used\":15,\"error\":\"INVALID_GROUP_ID\"}",
    &error);

  g_assert_null (root);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_GROUP_NOT_FOUND);
  g_assert_cmpstr (lineup_api_error_get_api_code (error), ==, "INVALID_GROUP_ID");
  g_assert_cmpuint (lineup_api_error_get_http_status (error), ==, 400);
  g_assert_cmpstr (lineup_api_error_get_request_id (error), ==, "1769684828,e483ae63-913b-4e32-9068-3719cce59570");
  g_assert_cmpint (lineup_api_error_get_time_used (error), ==, 15);
  g_assert_nonnull (strstr (error->message, "test_002"));

  g_clear_error (&error);
  root = check (400, "{\"time_used\":15,\"error\":\"INVALID_OUTER_ID\"}", &error);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_GROUP_NOT_FOUND);

  /* A detail after ':' does not change the code; the full text is kept. */
  g_clear_error (&error);
  root = check (400, "{\"error\":\"BAD_ARGUMENTS: limit\"}", &error);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_BAD_ARGUMENTS);
  g_assert_cmpstr (lineup_api_error_get_api_code (error), ==, "BAD_ARGUMENTS: limit");

  /* 200 with an error member is still an error. */
  g_clear_error (&error);
  root = check (200, "{\"error\":\"SOMETHING_NEW\"}", &error);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_SERVICE);
  g_assert_cmpstr (lineup_api_error_get_api_code (error), ==, "SOMETHING_NEW");
  g_assert_nonnull (strstr (error->message, "SOMETHING_NEW"));
}

static void
test_vendor_face_info (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = check (200,
    "{\"request_id\":\"1769743445,07c4bb36-5858-4290-83ef-97c65db691aa\",\"time_used\":48,"
    "\"info\":{\"face_token\":\"9eab9fe14a402295fb78409a81abfc3c\",\"user_id\":\"user_01\","
    "\"user_data\":\"Test user\",\"add_time\":1769739690208}}", &error);
  g_autoptr(LineupFace) face = lineup_reply_parse_face_info (root, &error);
  g_autoptr(GDateTime) expected = g_date_time_new_from_unix_utc (1769739690);

  g_assert_no_error (error);
  g_assert_cmpstr (lineup_face_get_user_id (face), ==, "user_01");
  g_assert_cmpstr (lineup_face_get_user_data (face), ==, "Test user");
  g_assert_cmpstr (lineup_face_get_add_time_raw (face), ==, "1769739690208");
  g_assert_true (g_date_time_equal (lineup_face_get_add_time (face), expected));
}

static void
test_add_time_forms (void)
{
  g_autoptr(GDateTime) iso = lineup_parse_add_time ("2026-01-27T14:19:01+08:00");
  g_autoptr(GDateTime) seconds = lineup_parse_add_time ("1769494741");
  g_autoptr(GDateTime) millis = lineup_parse_add_time ("1769494741000");
  g_autoptr(GDateTime) junk = lineup_parse_add_time ("yesterday");

  g_assert_nonnull (iso);
  g_assert_cmpint (g_date_time_to_unix (iso), ==, 1769494741);
  g_assert_cmpint (g_date_time_to_unix (seconds), ==, 1769494741);
  g_assert_cmpint (g_date_time_to_unix (millis), ==, 1769494741);
  g_assert_null (junk);
}

static void
test_vendor_group_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = check (200,
    "{\"request_id\":\"1772532811,965b2850-1bbb-4d87-a59a-c6cfd0cfa230\",\"time_used\":59,"
    "\"group_infos\":[{\"group_id\":\"Finauth_test_001\",\"group_name\":\"TestUserSet001\",\"group_data\":\"\","
    "\"model_version\":\"s21\",\"add_time\":\"2026-01-27T14:19:01+08:00\"}]}", &error);
  g_autoptr(GListStore) groups = lineup_reply_parse_group_list (root, &error);
  g_autoptr(LineupGroup) group = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (groups)), ==, 1);
  group = g_list_model_get_item (G_LIST_MODEL (groups), 0);
  g_assert_cmpstr (lineup_group_get_group_id (group), ==, "Finauth_test_001");
  g_assert_cmpstr (lineup_group_get_display_name (group), ==, "TestUserSet001");
  g_assert_nonnull (lineup_group_get_add_time (group));
}

static void
test_not_json (void)
{
  static const struct
  {
    guint       status;
    const char *body;
    int         code;
  } cases[] = {
    { 502, "<html><body><h1>502 Bad Gateway</h1></body></html>", LINEUP_API_ERROR_SERVER },
    { 200, "<html>oops</html>", LINEUP_API_ERROR_BAD_RESPONSE },
    { 200, "", LINEUP_API_ERROR_BAD_RESPONSE },
    { 200, "{\"request_id\":\"1,2\",\"result\":[{\"face_tok", LINEUP_API_ERROR_BAD_RESPONSE },
    { 200, "[1,2,3]", LINEUP_API_ERROR_BAD_RESPONSE },
    { 200, "null", LINEUP_API_ERROR_BAD_RESPONSE },
    { 413, "Request Entity Too Large", LINEUP_API_ERROR_TOO_LARGE },
    { 503, "", LINEUP_API_ERROR_SERVER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) root = check (cases[i].status, cases[i].body, &error);

      g_assert_null (root);
      g_assert_error (error, LINEUP_API_ERROR, cases[i].code);
      g_assert_cmpuint (lineup_api_error_get_http_status (error), ==, cases[i].status);
    }
}

static void
test_hostile_shapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(LineupMatch) match = NULL;
  GString *deep = g_string_new (NULL);
  GString *big = g_string_new ("{\"result\":[");

  /* Wrong types, nulls, missing fields: rows without a token are skipped,
   * a missing score becomes NaN, numbers as strings are accepted. */
  root = check (200,
    "{\"request_id\":42,\"time_used\":\"7\",\"result\":[null,1,\"x\",{},{\"face_token\":null},"
    "{\"face_token\":\"a\",\"score\":\"88.5\"},{\"face_token\":\"b\"},{\"face_token\":12345,\"score\":true}]}",
    &error);
  g_assert_no_error (error);
  result = lineup_reply_parse_search (root, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lineup_search_result_get_time_used (result), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_search_result_get_matches (result)), ==, 3);
  match = g_list_model_get_item (lineup_search_result_get_matches (result), 0);
  g_assert_cmpfloat_with_epsilon (lineup_match_get_score (match), 88.5, 1e-9);
  g_clear_object (&match);
  match = g_list_model_get_item (lineup_search_result_get_matches (result), 2);
  g_assert_cmpstr (lineup_match_get_face_token (match), ==, "12345");
  g_assert_true (isnan (lineup_match_get_score (match)));
  g_clear_object (&result);
  g_clear_pointer (&root, json_object_unref);

  /* result that is not an array */
  root = check (200, "{\"result\":{\"face_token\":\"a\"}}", &error);
  result = lineup_reply_parse_search (root, &error);
  g_assert_null (result);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  g_clear_pointer (&root, json_object_unref);

  /* missing result, and null result: no match */
  root = check (200, "{\"request_id\":\"r\"}", &error);
  result = lineup_reply_parse_search (root, &error);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_search_result_get_matches (result)), ==, 0);
  g_clear_object (&result);
  g_clear_pointer (&root, json_object_unref);

  /* deep nesting is refused before parsing */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  root = check (200, deep->str, &error);
  g_assert_null (root);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  g_string_free (deep, TRUE);

  /* 10,000 results parse fine */
  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (big, "%s{\"face_token\":\"t%u\",\"group_id\":\"g\",\"score\":%u.5}",
                            i ? "," : "", i, i % 100);
  g_string_append (big, "]}");
  root = check (200, big->str, &error);
  g_assert_no_error (error);
  result = lineup_reply_parse_search (root, &error);
  g_assert_cmpuint (g_list_model_get_n_items (lineup_search_result_get_matches (result)), ==, 10000);
  g_string_free (big, TRUE);
}

static void
test_face_info_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = check (200, "{\"request_id\":\"r\",\"info\":{\"user_id\":\"u\"}}", &error);
  g_autoptr(LineupFace) face = lineup_reply_parse_face_info (root, &error);

  g_assert_null (face);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_BAD_RESPONSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lineup/api/reply/vendor-search", test_vendor_search);
  g_test_add_func ("/lineup/api/reply/vendor-errors", test_vendor_errors);
  g_test_add_func ("/lineup/api/reply/vendor-face-info", test_vendor_face_info);
  g_test_add_func ("/lineup/api/reply/vendor-group-list", test_vendor_group_list);
  g_test_add_func ("/lineup/api/reply/add-time-forms", test_add_time_forms);
  g_test_add_func ("/lineup/api/reply/not-json", test_not_json);
  g_test_add_func ("/lineup/api/reply/hostile-shapes", test_hostile_shapes);
  g_test_add_func ("/lineup/api/reply/face-info-missing", test_face_info_missing);

  return g_test_run ();
}
