/* test-error-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "lineup-error.h"
#include "lineup-error-text.h"

/* Transport failures read as plain words; the original stays available. */
static void
test_transport_words (void)
{
  static const struct { GQuark domain; int code; const char *words; } cases[] = {
    { 0, G_IO_ERROR_CONNECTION_CLOSED, "The service closed the connection." },
    { 0, G_IO_ERROR_PARTIAL_INPUT, "The reply was cut off." },
    { 0, G_IO_ERROR_TIMED_OUT, "The service did not answer in time." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, cases[i].code,
                                                     "Error receiving data: Connection reset by peer");
      g_autofree char *summary = lineup_error_dup_summary (error);
      g_autofree char *technical = lineup_error_dup_technical (error);

      g_assert_cmpstr (summary, ==, cases[i].words);
      g_assert_nonnull (strstr (technical, "Connection reset by peer"));
      g_assert_nonnull (strstr (technical, "g-io-error-quark"));
    }
}

static void
test_tls_and_resolver (void)
{
  g_autoptr(GError) tls = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "Unacceptable TLS certificate");
  g_autoptr(GError) dns = g_error_new_literal (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "Name or service not known");
  g_autofree char *tls_text = lineup_error_dup_summary (tls);
  g_autofree char *dns_text = lineup_error_dup_summary (dns);

  g_assert_nonnull (strstr (tls_text, "certificate"));
  g_assert_nonnull (strstr (dns_text, "host name"));
}

static void
test_service_error_keeps_details (void)
{
  g_autoptr(GError) error = lineup_api_error_new_from_reply (400, "INVALID_GROUP_ID", "1769,abc", 3, "demo", NULL);
  g_autofree char *summary = lineup_error_dup_summary (error);
  g_autofree char *technical = lineup_error_dup_technical (error);

  /* Our own messages are already plain: they pass through. */
  g_assert_cmpstr (summary, ==, error->message);
  g_assert_nonnull (strstr (technical, "INVALID_GROUP_ID"));
  g_assert_nonnull (strstr (technical, "HTTP 400"));
  g_assert_nonnull (strstr (technical, "1769,abc"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lineup/api/error-text/transport-words", test_transport_words);
  g_test_add_func ("/lineup/api/error-text/tls-and-resolver", test_tls_and_resolver);
  g_test_add_func ("/lineup/api/error-text/service-error-keeps-details", test_service_error_keeps_details);
  return g_test_run ();
}
