/* test-exchange.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lineup-error.h"
#include "lineup-exchange-private.h"
#include "lineup-reply.h"
#include "lineup-signer.h"

/* The exchange record is where a reply enters the process: it must cut
 * the sign and the secret out however they are escaped, keep what else
 * the reply says, and record warnings. */

#define SECRET "exchange-test-secret-0123456789"
/* the shape of a real sign: Base64 with +, / and padding */
#define SIGN   "n+Vw/3Xq9Zk2+Lm/Pa7hYtR0c2E9a2V5JmI9MTc5NjExNzQwMyZjPTE3OTYxMTczMDMmZD0zMzc0NTcyOTU3=="

static LineupExchange *
new_exchange (void)
{
  g_autoptr(LineupSigner) signer = lineup_signer_new ("key", SECRET);
  g_autoptr(LineupCall) call = _lineup_call_new ("search");

  return _lineup_exchange_new (call, "http://127.0.0.1:1/x/search", 1, SIGN, signer);
}

static char *
receive_text (LineupExchange *exchange,
              const char     *text)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
  g_autoptr(GBytes) clean = _lineup_exchange_receive (exchange, body, TRUE);

  return g_strndup (g_bytes_get_data (clean, NULL), g_bytes_get_size (clean));
}

/* A sign's escaped spellings, as a hostile or careless server may send
 * them back. */
static char *
spell (const char *text,
       const char *how)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      gboolean special = *p == '+' || *p == '/' || *p == '=';

      if (strcmp (how, "json-slash") == 0 && *p == '/')
        g_string_append (out, "\\/");
      else if (strcmp (how, "json-unicode") == 0 && special)
        g_string_append_printf (out, "\\u%04x", *p);
      else if (strcmp (how, "json-unicode-all") == 0)
        g_string_append_printf (out, "\\u%04X", *p);
      else if (strcmp (how, "double-json") == 0 && special)
        g_string_append_printf (out, "\\\\u%04x", *p);
      else if (strcmp (how, "percent") == 0 && special)
        g_string_append_printf (out, "%%%02X", *p);
      else if (strcmp (how, "double-percent") == 0 && special)
        g_string_append_printf (out, "%%25%02x", *p);
      else if (strcmp (how, "html") == 0 && special)
        g_string_append_printf (out, "&#%d;", *p);
      else if (strcmp (how, "html-hex") == 0 && special)
        g_string_append_printf (out, "&#x%X;", *p);
      else if (strcmp (how, "base64url") == 0 && (*p == '+' || *p == '/'))
        g_string_append_c (out, *p == '+' ? '-' : '_');
      else if (strcmp (how, "base64url") == 0 && *p == '=')
        ;   /* unpadded */
      else if (strcmp (how, "form") == 0 && *p == '+')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
test_sign_however_escaped (void)
{
  static const char *hows[] = {
    "raw", "json-slash", "json-unicode", "json-unicode-all", "double-json", "percent",
    "double-percent", "html", "html-hex", "base64url", "form",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hows); i++)
    {
      g_autoptr(LineupExchange) exchange = new_exchange ();
      g_autofree char *sign = spell (SIGN, hows[i]);
      g_autofree char *secret = spell (SECRET, hows[i]);
      g_autofree char *reply = g_strdup_printf ("{\"request_id\":\"1,%s\",\"error\":\"AUTHENTICATION_ERROR: %s\","
                                                "\"debug\":\"key=%s\"}", sign, sign, secret);
      g_autofree char *clean = receive_text (exchange, reply);
      g_autoptr(JsonObject) root = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s: %s", hows[i], clean);
      g_assert_null (strstr (clean, sign));
      g_assert_null (strstr (clean, secret));
      g_assert_null (strstr (lineup_exchange_get_response_body (exchange), sign));
      /* what is around it stays, and the reply is still JSON */
      g_assert_nonnull (strstr (clean, "\"request_id\":\"1,<redacted>\""));
      g_assert_nonnull (strstr (clean, "AUTHENTICATION_ERROR: <redacted>"));
      g_assert_nonnull (strstr (clean, "\"debug\":\"key=<redacted>\""));
      {
        g_autoptr(GBytes) bytes = g_bytes_new (clean, strlen (clean));

        root = lineup_reply_check (401, bytes, NULL, NULL, &error);
        g_assert_null (root);
        g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_AUTHENTICATION);
        g_assert_cmpstr (lineup_api_error_get_request_id (error), ==, "1,<redacted>");
      }
      _lineup_exchange_finish (exchange, 401, "1,<redacted>", -1, error);
    }
}

/* Text that only looks a bit like the sign, or holds a short secret,
 * is left alone. */
static void
test_leaves_the_rest (void)
{
  g_autoptr(LineupSigner) signer = lineup_signer_new ("key", "result");
  g_autoptr(LineupCall) call = _lineup_call_new ("search");
  g_autoptr(LineupExchange) exchange = _lineup_exchange_new (call, "http://127.0.0.1:1/x/search", 1, SIGN, signer);
  const char *reply = "{\"request_id\":\"1,n+Vw/3Xq9Zk2\",\"result\":[],\"nul\":\"a\\u0000b\"}";
  g_autofree char *clean = receive_text (exchange, reply);
  g_autofree char *redacted = _lineup_exchange_redact (exchange, "Location: http://x/?s=" SIGN);

  /* a secret of 6 characters would match ordinary text: not looked for */
  g_assert_cmpstr (clean, ==, reply);
  g_assert_cmpstr (redacted, ==, "Location: http://x/?s=<redacted>");
  g_assert_null (_lineup_exchange_redact (exchange, NULL));
}

/* A body with NUL bytes keeps its length through redaction. */
static void
test_binary_body (void)
{
  g_autoptr(LineupExchange) exchange = new_exchange ();
  static const char raw[] = "\0" SIGN "\0tail";
  g_autoptr(GBytes) body = g_bytes_new (raw, sizeof raw - 1);
  g_autoptr(GBytes) clean = _lineup_exchange_receive (exchange, body, TRUE);
  static const char expected[] = "\0<redacted>\0tail";

  g_assert_cmpuint (g_bytes_get_size (clean), ==, sizeof expected - 1);
  g_assert_cmpmem (g_bytes_get_data (clean, NULL), g_bytes_get_size (clean), expected, sizeof expected - 1);
  g_assert_cmpuint (lineup_exchange_get_response_size (exchange), ==, sizeof raw - 1);
}

static void
test_warnings_and_partial (void)
{
  g_autoptr(LineupExchange) exchange = new_exchange ();
  g_autofree char *clean = NULL;
  g_autofree char *text = NULL;

  g_assert_null (lineup_exchange_get_warnings (exchange)[0]);
  {
    g_autoptr(GBytes) body = g_bytes_new ("{\"result\":[", 11);
    g_autoptr(GBytes) kept = _lineup_exchange_receive (exchange, body, FALSE);
  }
  _lineup_exchange_add_warning (exchange, "The service sent 3 results for a limit of 1.");
  _lineup_exchange_finish (exchange, 200, NULL, -1, NULL);

  g_assert_cmpstr (lineup_exchange_get_warnings (exchange)[0], ==, "The service sent 3 results for a limit of 1.");
  g_assert_null (lineup_exchange_get_warnings (exchange)[1]);
  g_assert_nonnull (strstr (lineup_exchange_get_response_body (exchange), "(the rest was not read)"));
  text = lineup_exchange_to_text (exchange);
  g_assert_nonnull (strstr (text, "Warning: The service sent 3 results"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lineup/api/exchange/sign-however-escaped", test_sign_however_escaped);
  g_test_add_func ("/lineup/api/exchange/leaves-the-rest", test_leaves_the_rest);
  g_test_add_func ("/lineup/api/exchange/binary-body", test_binary_body);
  g_test_add_func ("/lineup/api/exchange/warnings-and-partial", test_warnings_and_partial);
  return g_test_run ();
}
