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

/* Every code of protocol document §4.1 and §4.2, and then some. */
static void
test_error_codes (void)
{
  static const struct
  {
    guint       status;
    const char *api_code;
    int         code;
    gboolean    transient;
  } cases[] = {
    { 400, "BAD_ARGUMENTS", LINEUP_API_ERROR_BAD_ARGUMENTS, FALSE },
    { 400, "INVALID_OUTER_ID", LINEUP_API_ERROR_GROUP_NOT_FOUND, FALSE },
    { 400, "NOT_EMPTY", LINEUP_API_ERROR_GROUP_NOT_EMPTY, FALSE },
    { 400, "INVALID_GROUP_ID", LINEUP_API_ERROR_GROUP_NOT_FOUND, FALSE },
    { 400, "INVALID_FACE_TOKEN", LINEUP_API_ERROR_FACE_NOT_FOUND, FALSE },
    { 403, "AUTHORIZATION_ERROR", LINEUP_API_ERROR_AUTHORIZATION, FALSE },
    { 404, "API_NOT_FOUND", LINEUP_API_ERROR_API_NOT_FOUND, FALSE },
    { 400, "FACE_NOT_IN_GROUP", LINEUP_API_ERROR_FACE_NOT_FOUND, FALSE },
    { 401, "AUTHENTICATION_ERROR", LINEUP_API_ERROR_AUTHENTICATION, FALSE },
    { 403, "CONCURRENCY_LIMIT_EXCEEDED", LINEUP_API_ERROR_CONCURRENCY_LIMIT, TRUE },
    { 400, "MISSING_ARGUMENTS", LINEUP_API_ERROR_MISSING_ARGUMENTS, FALSE },
    { 400, "MISSING_ARGUMENTS: group_id", LINEUP_API_ERROR_MISSING_ARGUMENTS, FALSE },
    { 400, "IMAGE_ERROR_UNSUPPORTED_FORMAT", LINEUP_API_ERROR_UNSUPPORTED_IMAGE, FALSE },
    { 400, "IMAGE_ERROR_UNSUPPORTED_FORMAT: gif", LINEUP_API_ERROR_UNSUPPORTED_IMAGE, FALSE },
    { 400, "IMAGE_ERROR_SOMETHING_ELSE", LINEUP_API_ERROR_UNSUPPORTED_IMAGE, FALSE },
    { 400, "NO_FACE_FOUND", LINEUP_API_ERROR_NO_FACE_FOUND, FALSE },
    { 413, "REQUEST_ENTITY_TOO_LARGE", LINEUP_API_ERROR_TOO_LARGE, FALSE },
    { 500, "INTERNAL_ERROR", LINEUP_API_ERROR_INTERNAL, TRUE },
    { 400, "GROUP_ID_EXIST", LINEUP_API_ERROR_GROUP_EXISTS, FALSE },
    { 400, "GROUP_LIMIT_EXCEEDED", LINEUP_API_ERROR_QUOTA_EXCEEDED, FALSE },
    { 400, "SOMETHING_NEW_LIMIT_EXCEEDED", LINEUP_API_ERROR_QUOTA_EXCEEDED, FALSE },
    /* unknown codes: kept verbatim; the status class decides */
    { 400, "BRAND_NEW_CODE: with detail", LINEUP_API_ERROR_SERVICE, FALSE },
    { 502, "BAD_GATEWAY", LINEUP_API_ERROR_SERVER, TRUE },
    { 429, "SLOW_DOWN", LINEUP_API_ERROR_CONCURRENCY_LIMIT, TRUE },
    { 401, "WHO_ARE_YOU", LINEUP_API_ERROR_AUTHENTICATION, FALSE },
    /* a 5xx is worth another try whatever its code; a 4xx never is */
    { 503, "BAD_ARGUMENTS", LINEUP_API_ERROR_BAD_ARGUMENTS, TRUE },
    { 400, "INTERNAL_ERROR", LINEUP_API_ERROR_INTERNAL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"request_id\":\"1769684828,e483ae63\",\"time_used\":15,"
                                               "\"error\":\"%s\"}", cases[i].api_code);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) root = check (cases[i].status, text, &error);

      g_test_message ("%u %s", cases[i].status, cases[i].api_code);
      g_assert_null (root);
      g_assert_error (error, LINEUP_API_ERROR, cases[i].code);
      g_assert_cmpstr (lineup_api_error_get_api_code (error), ==, cases[i].api_code);
      g_assert_cmpuint (lineup_api_error_get_http_status (error), ==, cases[i].status);
      g_assert_cmpstr (lineup_api_error_get_request_id (error), ==, "1769684828,e483ae63");
      g_assert_cmpint (lineup_api_error_get_time_used (error), ==, 15);
      g_assert_cmpint (lineup_api_error_is_transient (error), ==, cases[i].transient);
      /* A sentence for people: starts upper case, ends with a full stop. */
      g_assert_true (g_ascii_isupper (error->message[0]));
      g_assert_true (g_str_has_suffix (error->message, "."));
    }
}

/* 403/404 come without time_used and maybe without request_id (§1.2). */
static void
test_bare_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = check (403, "{\"error\":\"AUTHORIZATION_ERROR\"}", &error);

  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_AUTHORIZATION);
  g_assert_null (lineup_api_error_get_request_id (error));
  g_assert_cmpint (lineup_api_error_get_time_used (error), ==, -1);
  g_clear_error (&error);

  root = check (404, "{\"request_id\":\"1,2\",\"error\":\"API_NOT_FOUND\"}", &error);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_API_NOT_FOUND);
  g_assert_cmpint (lineup_api_error_get_time_used (error), ==, -1);
  g_clear_error (&error);

  /* error present but null or empty: the status decides */
  root = check (500, "{\"error\":null}", &error);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_SERVER);
  g_clear_error (&error);
  root = check (200, "{\"error\":\"\",\"group_id\":\"g\"}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
}

static void
test_vendor_free (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = check (200,
    "{\"request_id\":\"1769684764,35b33b50-60ef-47dd-a346-c224ec8a313b\",\"time_used\":100,"
    "\"group_id\":\"YuanliStudent_01\"}", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lineup_reply_get_string (root, "group_id"), ==, "YuanliStudent_01");
  g_clear_pointer (&root, json_object_unref);

  root = check (400,
    "{\"request_id\":\"1769684828,e483ae63-913b-4e32-9068-3719cce59570\",\"time_used\":15,"
    "\"error\":\"INVALID_GROUP_ID\"}", &error);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_GROUP_NOT_FOUND);
  g_clear_error (&error);

  root = check (400, "{\"request_id\":\"r\",\"time_used\":3,\"error\":\"NOT_EMPTY\"}", &error);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_GROUP_NOT_EMPTY);
  g_assert_nonnull (strstr (error->message, "test_002"));
}

static void
test_vendor_group_info (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = check (200,
    "{\"request_id\":\"1772530321,13109482-5119-4ac5-981e-ef4b06aa10bd\",\"time_used\":159,"
    "\"info\":{\"group_id\":\"YuanliStudent_test_01\",\"group_name\":\"MegviiInternLibrary_01\","
    "\"group_data\":\"Megvii intern face library for storing face information\","
    "\"model_version\":\"s21\",\"add_time\":\"…\"}}", &error);
  g_autoptr(LineupGroup) group = lineup_reply_parse_group_info (root, "YuanliStudent_test_01", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lineup_group_get_group_id (group), ==, "YuanliStudent_test_01");
  g_assert_cmpstr (lineup_group_get_group_name (group), ==, "MegviiInternLibrary_01");
  g_assert_cmpstr (lineup_group_get_group_data (group), ==,
                   "Megvii intern face library for storing face information");
  g_assert_cmpstr (lineup_group_get_model_version (group), ==, "s21");
  /* The truncated example's add_time is kept but cannot be read. */
  g_assert_cmpstr (lineup_group_get_add_time_raw (group), ==, "…");
  g_assert_null (lineup_group_get_add_time (group));
  g_clear_object (&group);
  g_clear_pointer (&root, json_object_unref);

  /* flat, without group_id, add_time as milliseconds */
  root = check (200, "{\"group_name\":\"N\",\"add_time\":1769739690208}", &error);
  group = lineup_reply_parse_group_info (root, "asked", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_group_get_group_id (group), ==, "asked");
  g_assert_nonnull (lineup_group_get_add_time (group));
  g_clear_object (&group);
  g_clear_pointer (&root, json_object_unref);

  /* nothing to go on */
  root = check (200, "{\"request_id\":\"r\",\"info\":[1]}", &error);
  group = lineup_reply_parse_group_info (root, "asked", &error);
  g_assert_null (group);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_BAD_RESPONSE);
}

static void
test_create (void)
{
  g_autoptr(GError) error = NULL;
  /* The shape the field table implies (not a vendor example). */
  g_autoptr(JsonObject) root = check (200,
    "{\"request_id\":\"1,2\",\"time_used\":50,\"group_id\":\"YuanliStudent_01\",\"group_name\":\"Students\","
    "\"group_data\":\"\",\"model_version\":\"s21\"}", &error);
  g_autoptr(LineupGroup) group = lineup_reply_parse_create (root, "YuanliStudent_01", "Students", NULL, NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (lineup_group_get_group_id (group), ==, "YuanliStudent_01");
  g_assert_cmpstr (lineup_group_get_group_name (group), ==, "Students");
  g_assert_cmpstr (lineup_group_get_model_version (group), ==, "s21");
  g_clear_object (&group);
  g_clear_pointer (&root, json_object_unref);

  /* "group_id is empty when not defined": the request's values fill in */
  root = check (200, "{\"request_id\":\"1,2\",\"group_id\":\"\",\"model_version\":7}", &error);
  group = lineup_reply_parse_create (root, "mine", "My library", "notes", NULL);
  g_assert_cmpstr (lineup_group_get_group_id (group), ==, "mine");
  g_assert_cmpstr (lineup_group_get_group_name (group), ==, "My library");
  g_assert_cmpstr (lineup_group_get_group_data (group), ==, "notes");
  g_assert_cmpstr (lineup_group_get_model_version (group), ==, "7");
}

static void
test_add_shapes (void)
{
  static const char * const replies[] = {
    "{\"request_id\":\"r\",\"face_token\":\"tok1\"}",
    "{\"request_id\":\"r\",\"faces\":[{\"face_token\":\"tok1\",\"face_rectangle\":{\"top\":1}}]}",
    "{\"request_id\":\"r\",\"faces\":[],\"face\":{\"face_token\":\"tok1\"}}",
    "{\"request_id\":\"r\",\"info\":{\"face_token\":\"tok1\",\"user_id\":\"u_from_reply\",\"add_time\":\"1769739690208\"}}",
  };
  static const char * const broken[] = {
    "{\"request_id\":\"r\"}",
    "{\"request_id\":\"r\",\"face_token\":\"\"}",
    "{\"request_id\":\"r\",\"face_token\":null,\"faces\":[null]}",
    "{\"request_id\":\"r\",\"faces\":{\"face_token\":\"x\"}}",
    "{\"request_id\":\"r\",\"face_token\":{\"id\":12}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) root = check (200, replies[i], &error);
      g_autoptr(LineupFace) face = lineup_reply_parse_add (root, "user_01", "Test user", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (lineup_face_get_face_token (face), ==, "tok1");
      g_assert_cmpstr (lineup_face_get_user_id (face), ==, i == 3 ? "u_from_reply" : "user_01");
      g_assert_cmpstr (lineup_face_get_user_data (face), ==, "Test user");
      if (i == 3)
        g_assert_nonnull (lineup_face_get_add_time (face));
    }

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) root = check (200, broken[i], &error);
      g_autoptr(LineupFace) face = lineup_reply_parse_add (root, "user_01", NULL, &error);

      g_assert_null (face);
      g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_BAD_RESPONSE);
      g_assert_cmpstr (lineup_api_error_get_request_id (error), ==, "r");
    }
}

static void
test_delete_shapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = check (200,
    "{\"request_id\":\"1,2\",\"time_used\":9,\"group_id\":\"test_002\",\"face_removed\":1,\"face_count\":19,"
    "\"failure_detail\":[{\"face_token\":\"gone\",\"reason\":\"FACE_NOT_IN_GROUP\"}]}", &error);
  g_autoptr(LineupDeleteOutcome) outcome = lineup_reply_parse_delete (root, "test_002", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lineup_delete_outcome_get_group_id (outcome), ==, "test_002");
  g_assert_cmpstr (lineup_delete_outcome_get_request_id (outcome), ==, "1,2");
  g_assert_cmpint (lineup_delete_outcome_get_time_used (outcome), ==, 9);
  g_assert_cmpint (lineup_delete_outcome_get_face_removed (outcome), ==, 1);
  g_assert_cmpint (lineup_delete_outcome_get_face_count (outcome), ==, 19);
  g_assert_cmpuint (lineup_delete_outcome_get_n_failures (outcome), ==, 1);
  g_assert_cmpstr (lineup_delete_outcome_get_failure_token (outcome, 0), ==, "gone");
  g_assert_cmpstr (lineup_delete_outcome_get_failure_reason (outcome, 0), ==, "FACE_NOT_IN_GROUP");
  g_assert_cmpstr (lineup_delete_outcome_lookup_failure (outcome, "gone"), ==, "FACE_NOT_IN_GROUP");
  g_assert_null (lineup_delete_outcome_lookup_failure (outcome, "kept"));
  g_clear_object (&outcome);
  g_clear_pointer (&root, json_object_unref);

  /* Hostile: counts as strings, odd entries, a duplicate; missing group */
  root = check (200,
    "{\"face_removed\":\"2\",\"face_count\":null,\"failure_detail\":[null,3,\"bare\",{},"
    "{\"face_token\":\"x\"},{\"face_token\":\"x\",\"reason\":7},{\"face_token\":\"y\",\"error\":\"E\"}]}",
    &error);
  outcome = lineup_reply_parse_delete (root, "asked", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_delete_outcome_get_group_id (outcome), ==, "asked");
  g_assert_cmpint (lineup_delete_outcome_get_face_removed (outcome), ==, 2);
  g_assert_cmpint (lineup_delete_outcome_get_face_count (outcome), ==, -1);
  g_assert_cmpuint (lineup_delete_outcome_get_n_failures (outcome), ==, 4);
  g_assert_cmpstr (lineup_delete_outcome_get_failure_token (outcome, 0), ==, "bare");
  g_assert_cmpstr (lineup_delete_outcome_get_failure_reason (outcome, 0), ==, "");
  g_assert_cmpstr (lineup_delete_outcome_get_failure_reason (outcome, 2), ==, "7");
  g_assert_cmpstr (lineup_delete_outcome_get_failure_reason (outcome, 3), ==, "E");
  g_clear_object (&outcome);
  g_clear_pointer (&root, json_object_unref);

  /* failure_detail that is not a list */
  root = check (200, "{\"failure_detail\":{\"face_token\":\"x\"}}", &error);
  outcome = lineup_reply_parse_delete (root, "asked", &error);
  g_assert_null (outcome);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_BAD_RESPONSE);
}

static void
test_list_shapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GListStore) faces = NULL;
  g_autoptr(LineupFace) face = NULL;
  GString *big = g_string_new ("{\"face_tokens\":[");
  guint next = 12345;

  /* documented shape; add_time as number and as string */
  root = check (200,
    "{\"request_id\":\"1,2\",\"time_used\":4,\"face_tokens\":["
    "{\"face_token\":\"9eab9fe14a402295fb78409a81abfc3c\",\"user_id\":\"user_01\",\"user_data\":\"Test user\","
    "\"add_time\":1769739690208},"
    "{\"face_token\":\"b\",\"user_id\":\"user_02\",\"add_time\":\"1769739690208\"},"
    "{\"face_token\":\"c\",\"add_time\":\"2026-01-27T14:19:01+08:00\"}]}", &error);
  faces = lineup_reply_parse_face_list (root, 1, &next, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (faces)), ==, 3);
  g_assert_cmpuint (next, ==, 4);
  for (guint i = 0; i < 3; i++)
    {
      face = g_list_model_get_item (G_LIST_MODEL (faces), i);
      g_assert_nonnull (lineup_face_get_add_time (face));
      g_clear_object (&face);
    }
  face = g_list_model_get_item (G_LIST_MODEL (faces), 0);
  g_assert_cmpstr (lineup_face_get_user_data (face), ==, "Test user");
  g_clear_object (&face);
  g_clear_object (&faces);
  g_clear_pointer (&root, json_object_unref);

  /* an empty library: empty array, and the end */
  root = check (200, "{\"request_id\":\"1,2\",\"face_tokens\":[]}", &error);
  faces = lineup_reply_parse_face_list (root, 1, &next, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (faces)), ==, 0);
  g_assert_cmpuint (next, ==, 0);
  g_clear_object (&faces);
  g_clear_pointer (&root, json_object_unref);

  /* `next` honoured when it moves forward, as a number or a string */
  root = check (200, "{\"face_tokens\":[\"t1\",\"t2\"],\"next\":\"101\"}", &error);
  faces = lineup_reply_parse_face_list (root, 1, &next, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (faces)), ==, 2);
  g_assert_cmpuint (next, ==, 101);
  face = g_list_model_get_item (G_LIST_MODEL (faces), 1);
  g_assert_cmpstr (lineup_face_get_face_token (face), ==, "t2");
  g_assert_cmpstr (lineup_face_get_user_id (face), ==, "");
  g_clear_object (&face);
  g_clear_object (&faces);
  g_clear_pointer (&root, json_object_unref);

  /* a `next` that does not move forward is ignored */
  root = check (200, "{\"face_tokens\":[\"t1\",\"t2\"],\"next\":5}", &error);
  faces = lineup_reply_parse_face_list (root, 5, &next, &error);
  g_assert_cmpuint (next, ==, 7);
  g_clear_object (&faces);
  g_clear_pointer (&root, json_object_unref);

  /* junk entries skipped, duplicates kept, but the cursor counts them all */
  root = check (200, "{\"face_tokens\":[null,{},{\"face_token\":\"d\"},{\"face_token\":\"d\"},[],\"\",true]}", &error);
  faces = lineup_reply_parse_face_list (root, 1, &next, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (faces)), ==, 2);
  g_assert_cmpuint (next, ==, 8);
  g_clear_object (&faces);
  g_clear_pointer (&root, json_object_unref);

  /* missing list: empty; wrong type: an error */
  root = check (200, "{\"request_id\":\"r\"}", &error);
  faces = lineup_reply_parse_face_list (root, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (faces)), ==, 0);
  g_clear_object (&faces);
  g_clear_pointer (&root, json_object_unref);
  root = check (200, "{\"face_tokens\":\"a,b\"}", &error);
  faces = lineup_reply_parse_face_list (root, 1, NULL, &error);
  g_assert_null (faces);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  g_clear_pointer (&root, json_object_unref);

  /* 10,000 entries */
  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (big, "%s{\"face_token\":\"t%u\",\"user_id\":\"u%u\",\"add_time\":%u}",
                            i ? "," : "", i, i, 1769739690 + i);
  g_string_append (big, "]}");
  root = check (200, big->str, &error);
  g_assert_no_error (error);
  faces = lineup_reply_parse_face_list (root, 1, &next, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (faces)), ==, 10000);
  g_assert_cmpuint (next, ==, 10001);
  g_string_free (big, TRUE);
}

static void
test_group_list_hostile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = check (200,
    "{\"group_infos\":[null,{\"group_name\":\"no id\"},{\"group_id\":\"a\",\"add_time\":1769739690208,"
    "\"group_name\":null},{\"group_id\":\"a\"},{\"group_id\":5,\"model_version\":[\"s21\"]}]}", &error);
  g_autoptr(GListStore) groups = lineup_reply_parse_group_list (root, &error);
  g_autoptr(LineupGroup) group = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (groups)), ==, 3);
  group = g_list_model_get_item (G_LIST_MODEL (groups), 0);
  g_assert_nonnull (lineup_group_get_add_time (group));
  g_assert_cmpstr (lineup_group_get_display_name (group), ==, "a");
  g_clear_object (&group);
  group = g_list_model_get_item (G_LIST_MODEL (groups), 2);
  g_assert_cmpstr (lineup_group_get_group_id (group), ==, "5");
  g_clear_object (&group);
  g_clear_pointer (&root, json_object_unref);
  g_clear_object (&groups);

  root = check (200, "{\"group_infos\":\"none\"}", &error);
  groups = lineup_reply_parse_group_list (root, &error);
  g_assert_null (groups);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_BAD_RESPONSE);
}

static void
test_face_info_add_time_string (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = check (200,
    "{\"request_id\":\"r\",\"info\":{\"face_token\":\"t\",\"user_id\":null,\"user_data\":5,"
    "\"add_time\":\"1769739690208\"}}", &error);
  g_autoptr(LineupFace) face = lineup_reply_parse_face_info (root, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lineup_face_get_user_id (face), ==, "");
  g_assert_cmpstr (lineup_face_get_user_data (face), ==, "5");
  g_assert_cmpint (g_date_time_to_unix (lineup_face_get_add_time (face)), ==, 1769739690);
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
  g_test_add_func ("/lineup/api/reply/error-codes", test_error_codes);
  g_test_add_func ("/lineup/api/reply/bare-errors", test_bare_errors);
  g_test_add_func ("/lineup/api/reply/vendor-free", test_vendor_free);
  g_test_add_func ("/lineup/api/reply/vendor-group-info", test_vendor_group_info);
  g_test_add_func ("/lineup/api/reply/create", test_create);
  g_test_add_func ("/lineup/api/reply/add-shapes", test_add_shapes);
  g_test_add_func ("/lineup/api/reply/delete-shapes", test_delete_shapes);
  g_test_add_func ("/lineup/api/reply/list-shapes", test_list_shapes);
  g_test_add_func ("/lineup/api/reply/group-list-hostile", test_group_list_hostile);
  g_test_add_func ("/lineup/api/reply/face-info-add-time-string", test_face_info_add_time_string);

  return g_test_run ();
}
