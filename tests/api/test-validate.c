/* test-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lineup-error.h"
#include "lineup-validate.h"

/* The documented limits (protocol document §1.4, §3), checked before
 * anything is sent. */

static void
test_ids (void)
{
  static const char * const good[] = {
    "YuanliStudent_01", "a", "user_01", "-%@#&_", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL",
  };
  static const char * const bad[] = {
    "", "bad id", "semi;colon", "slash/", "dot.", "comma,", "tab\t", "émile", "quote\"",
    /* 49 bytes */
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM",
  };

  g_assert_cmpuint (strlen (good[4]), ==, 48);
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (lineup_validate_id ("The library ID", good[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lineup_validate_id ("The library ID", bad[i], &error));
      g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT);
      g_assert_true (g_str_has_prefix (error->message, "The library ID"));
    }
  g_assert_false (lineup_validate_id ("The user ID", NULL, NULL));
}

static char *
repeat (const char *unit,
        guint       n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

static void
test_text (void)
{
  g_autofree char *ascii60 = repeat ("a", 60);
  g_autofree char *ascii61 = repeat ("a", 61);
  g_autofree char *e30 = repeat ("é", 30);     /* 60 bytes */
  g_autofree char *e31 = repeat ("é", 31);     /* 62 bytes, 31 characters */
  g_autofree char *cjk43 = repeat ("顔", 43);  /* 129 bytes */
  g_autofree char *cjk42 = repeat ("顔", 42);  /* 126 bytes */
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_validate_text ("The library name", ascii60, LINEUP_GROUP_NAME_MAX_CHARS, TRUE, &error));
  g_assert_true (lineup_validate_text ("The library name", e30, LINEUP_GROUP_NAME_MAX_CHARS, TRUE, &error));
  g_assert_true (lineup_validate_text ("The user data", cjk42, LINEUP_DATA_MAX_CHARS, FALSE, &error));
  g_assert_true (lineup_validate_text ("The user data", NULL, LINEUP_DATA_MAX_CHARS, FALSE, &error));
  g_assert_true (lineup_validate_text ("The user data", "", LINEUP_DATA_MAX_CHARS, FALSE, &error));
  g_assert_no_error (error);

  g_assert_false (lineup_validate_text ("The library name", ascii61, LINEUP_GROUP_NAME_MAX_CHARS, TRUE, &error));
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "60 characters"));
  g_clear_error (&error);

  /* UTF-8 aware: 31 characters, but 62 bytes */
  g_assert_false (lineup_validate_text ("The library name", e31, LINEUP_GROUP_NAME_MAX_CHARS, TRUE, &error));
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "60 bytes"));
  g_clear_error (&error);

  g_assert_false (lineup_validate_text ("The user data", cjk43, LINEUP_DATA_MAX_CHARS, FALSE, &error));
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (lineup_validate_text ("The library name", "", LINEUP_GROUP_NAME_MAX_CHARS, TRUE, &error));
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (lineup_validate_text ("The user data", "bad \xff utf-8", LINEUP_DATA_MAX_CHARS, FALSE, &error));
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT);
}

static void
test_ranges (void)
{
  static const struct
  {
    double   value;
    double   min, max;
    gboolean ok;
  } cases[] = {
    { 1, 1, LINEUP_SEARCH_LIMIT_MAX, TRUE },
    { 100, 1, LINEUP_SEARCH_LIMIT_MAX, TRUE },
    { 101, 1, LINEUP_SEARCH_LIMIT_MAX, FALSE },
    { 0, 1, LINEUP_SEARCH_LIMIT_MAX, FALSE },
    { 0, 0, 100, TRUE },
    { 100, 0, 100, TRUE },
    { 100.0001, 0, 100, FALSE },
    { -0.5, 0, 100, FALSE },
    { NAN, 0, 100, FALSE },
    { INFINITY, 0, 100, FALSE },
    { 1000, 1, LINEUP_LIST_START_MAX, TRUE },
    { 1001, 1, LINEUP_LIST_START_MAX, FALSE },
    { 1000, 1, LINEUP_LIST_LIMIT_MAX, TRUE },
    { 1001, 1, LINEUP_LIST_LIMIT_MAX, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = lineup_validate_range ("The value", cases[i].value, cases[i].min, cases[i].max, &error);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT);
    }
}

static void
test_tokens (void)
{
  const char *one[] = { "9eab9fe14a402295fb78409a81abfc3c", NULL };
  const char *empty[] = { NULL };
  const char *with_comma[] = { "a,b", NULL };
  const char *with_blank[] = { "a b", NULL };
  const char *blank[] = { "a", "", NULL };
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (lineup_validate_tokens (one, &error));
  g_assert_no_error (error);
  g_assert_false (lineup_validate_tokens (empty, &error));
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (lineup_validate_tokens (NULL, NULL));
  g_assert_false (lineup_validate_tokens (with_comma, NULL));
  g_assert_false (lineup_validate_tokens (with_blank, NULL));
  g_assert_false (lineup_validate_tokens (blank, NULL));

  for (guint i = 0; i < LINEUP_DELETE_TOKENS_MAX; i++)
    g_ptr_array_add (many, g_strdup_printf ("t%u", i));
  g_ptr_array_add (many, NULL);
  g_assert_true (lineup_validate_tokens ((const char * const *)many->pdata, &error));
  g_assert_no_error (error);

  g_ptr_array_remove_index (many, many->len - 1);
  g_ptr_array_add (many, g_strdup ("one-too-many"));
  g_ptr_array_add (many, NULL);
  g_assert_false (lineup_validate_tokens ((const char * const *)many->pdata, &error));
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "1001"));
}

static void
test_flags (void)
{
  g_assert_true (lineup_validate_flag ("multi_oriented_detection", "0", NULL));
  g_assert_true (lineup_validate_flag ("multi_oriented_detection", "1", NULL));
  g_assert_false (lineup_validate_flag ("multi_oriented_detection", "true", NULL));
  g_assert_false (lineup_validate_flag ("multi_oriented_detection", "2", NULL));
  g_assert_false (lineup_validate_flag ("multi_oriented_detection", "", NULL));
  g_assert_false (lineup_validate_flag ("multi_oriented_detection", NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lineup/api/validate/ids", test_ids);
  g_test_add_func ("/lineup/api/validate/text", test_text);
  g_test_add_func ("/lineup/api/validate/ranges", test_ranges);
  g_test_add_func ("/lineup/api/validate/tokens", test_tokens);
  g_test_add_func ("/lineup/api/validate/flags", test_flags);

  return g_test_run ();
}
