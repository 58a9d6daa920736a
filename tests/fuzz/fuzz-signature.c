/* fuzz-signature.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-fuzz"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "lineup-error.h"
#include "lineup-signer.h"

/* libFuzzer harness for the `sign` decoder. The demo service runs it on
 * every request it receives, so any bytes a client sends must give a
 * parsed signature or an authentication error. */

#define FUZZ_KEY    "fs_demo_key_0123456789ABCDEFGHIJ"
#define FUZZ_SECRET "fs_demo_secret_QRSTUVWXYZ-abcdef"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *sign = g_strndup ((const char *)data, size);
  g_autoptr(LineupSignature) parsed = NULL;
  g_autoptr(GError) error = NULL;
  gboolean verified;

  parsed = lineup_signature_parse (sign, &error);
  if (parsed != NULL)
    {
      g_assert_no_error (error);
      g_assert_nonnull (parsed->api_key);
      g_assert_cmpstr (parsed->api_key, !=, "");
      g_assert_nonnull (parsed->random);
      g_assert_cmpuint (strlen (parsed->random), <=, 10);
    }
  else
    {
      g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_AUTHENTICATION);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  g_clear_error (&error);

  /* The test vectors' clock, so that a valid input reaches every check. */
  verified = lineup_signature_verify (sign, FUZZ_KEY, FUZZ_SECRET, 1767225650, 30, &error);
  g_assert_true (verified == (error == NULL));
  if (!verified)
    {
      g_assert_true (error->domain == LINEUP_API_ERROR);
      /* The secret never leaks into an error. */
      g_assert_null (strstr (error->message, FUZZ_SECRET));
    }

  return 0;
}
