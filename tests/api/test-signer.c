/* test-signer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lineup-error.h"
#include "lineup-signer.h"

#define KEY    "fs_demo_key_0123456789ABCDEFGHIJ"
#define SECRET "fs_demo_secret_QRSTUVWXYZ-abcdef"

/* The vectors of the protocol document, §2.3. */
static void
test_vector_reusable (void)
{
  g_autofree char *sign = lineup_sign_raw (KEY, SECRET, 1767225700, 1767225600, "2718281828");

  g_assert_cmpstr (sign, ==,
                   "ikkBLHFnJ41MzVH7cwqTUF/YCZ1hPWZzX2RlbW9fa2V5XzAxMjM0NTY3ODlBQkNERUZHSElKJmI9MTc2NzIyNTcwMCZjPTE3NjcyMjU2MDAmZD0yNzE4MjgxODI4");
  g_assert_cmpuint (strlen (sign), ==, 124);
}

static void
test_vector_single_use (void)
{
  g_autofree char *sign = lineup_sign_raw (KEY, SECRET, 0, 1767225600, "42");

  g_assert_cmpstr (sign, ==,
                   "4TWhIv+2AnLDzUa1x0elwE8h8zNhPWZzX2RlbW9fa2V5XzAxMjM0NTY3ODlBQkNERUZHSElKJmI9MCZjPTE3NjcyMjU2MDAmZD00Mg==");
}

static void
test_random_decimal (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint digits[10] = { 0 };

  for (guint i = 0; i < 2000; i++)
    {
      char buf[11];

      g_assert_true (lineup_random_decimal (buf, NULL));
      g_assert_cmpuint (strlen (buf), ==, 10);
      for (guint j = 0; j < 10; j++)
        {
          g_assert_true (g_ascii_isdigit (buf[j]));
          digits[buf[j] - '0']++;
        }
      g_hash_table_add (seen, g_strdup (buf));
    }

  /* 20,000 digits: each appears about 2,000 times. */
  for (guint d = 0; d < 10; d++)
    g_assert_cmpuint (digits[d], >, 1500);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 2000);
}

static void
test_sign_now_roundtrip (void)
{
  g_autoptr(LineupSigner) signer = lineup_signer_new (KEY, SECRET);
  g_autoptr(LineupSignature) parsed = NULL;
  g_autofree char *sign = lineup_signer_sign (signer);
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  parsed = lineup_signature_parse (sign, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed->api_key, ==, KEY);
  g_assert_cmpint (parsed->expire_time - parsed->current_time, ==, LINEUP_SIGNER_DEFAULT_VALIDITY);
  g_assert_cmpint (ABS (parsed->current_time - now), <=, 5);
  g_assert_cmpuint (strlen (parsed->random), ==, 10);

  g_assert_true (lineup_signature_verify (sign, KEY, SECRET, now, 300, &error));
  g_assert_no_error (error);

  lineup_signer_set_validity (signer, 0);
  g_clear_pointer (&sign, g_free);
  g_clear_pointer (&parsed, lineup_signature_free);
  sign = lineup_signer_sign (signer);
  parsed = lineup_signature_parse (sign, &error);
  g_assert_cmpint (parsed->expire_time, ==, 0);
}

static void
assert_rejected (const char *sign,
                 gint64      now,
                 const char *code_prefix)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lineup_signature_verify (sign, KEY, SECRET, now, 300, &error));
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_AUTHENTICATION);
  g_assert_true (g_str_has_prefix (lineup_api_error_get_api_code (error), code_prefix));
}

static void
test_verify_rejects (void)
{
  g_autofree char *good = lineup_sign_raw (KEY, SECRET, 1767225700, 1767225600, "2718281828");
  g_autofree char *wrong_secret = lineup_sign_raw (KEY, "other", 1767225700, 1767225600, "2718281828");
  g_autofree char *wrong_key = lineup_sign_raw ("other_key", SECRET, 1767225700, 1767225600, "2718281828");
  g_autofree char *tampered = g_strdup (good);

  g_assert_true (lineup_signature_verify (good, KEY, SECRET, 1767225650, 300, NULL));
  assert_rejected (good, 1767225701, "AUTHENTICATION_ERROR: signature expired");
  assert_rejected (good, 1767225600 - 301, "AUTHENTICATION_ERROR: signature expired");
  assert_rejected (wrong_secret, 1767225650, "AUTHENTICATION_ERROR: signature mismatch");
  assert_rejected (wrong_key, 1767225650, "AUTHENTICATION_ERROR: unknown api_key");
  tampered[3] = tampered[3] == 'A' ? 'B' : 'A';
  assert_rejected (tampered, 1767225650, "AUTHENTICATION_ERROR");
  assert_rejected ("", 0, "AUTHENTICATION_ERROR: malformed");
  assert_rejected ("not base64!", 0, "AUTHENTICATION_ERROR: malformed");
  assert_rejected ("aGVsbG8=", 0, "AUTHENTICATION_ERROR: malformed");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lineup/api/signer/vector-reusable", test_vector_reusable);
  g_test_add_func ("/lineup/api/signer/vector-single-use", test_vector_single_use);
  g_test_add_func ("/lineup/api/signer/random-decimal", test_random_decimal);
  g_test_add_func ("/lineup/api/signer/sign-now-roundtrip", test_sign_now_roundtrip);
  g_test_add_func ("/lineup/api/signer/verify-rejects", test_verify_rejects);

  return g_test_run ();
}
