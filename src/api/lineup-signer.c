/* lineup-signer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-signer"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <glib/gi18n.h>

#include "lineup-error.h"
#include "lineup-signer-private.h"

#define MAC_LEN 20

/* The signature scheme of the vendor's authentication guide:
 *   raw  = "a=KEY&b=EXPIRE&c=NOW&d=RANDOM"
 *   sign = base64 (HMAC-SHA1 (secret, raw) || raw)
 * The secret lives only in this object and is wiped when it goes away. */
struct _LineupSigner
{
  GObject  parent_instance;
  char    *api_key;
  char    *api_secret;
  guint    validity;
};

G_DEFINE_FINAL_TYPE (LineupSigner, lineup_signer, G_TYPE_OBJECT)

static void
lineup_signer_finalize (GObject *object)
{
  LineupSigner *self = (LineupSigner *)object;

  if (self->api_secret != NULL)
    explicit_bzero (self->api_secret, strlen (self->api_secret));
  g_clear_pointer (&self->api_secret, g_free);
  g_clear_pointer (&self->api_key, g_free);

  G_OBJECT_CLASS (lineup_signer_parent_class)->finalize (object);
}

static void
lineup_signer_class_init (LineupSignerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_signer_finalize;
}

static void
lineup_signer_init (LineupSigner *self)
{
  self->validity = LINEUP_SIGNER_DEFAULT_VALIDITY;
}

/**
 * lineup_signer_new:
 * @api_key: the account's API key
 * @api_secret: the account's API secret; copied, never exposed again
 */
LineupSigner *
lineup_signer_new (const char *api_key,
                   const char *api_secret)
{
  LineupSigner *self;

  g_return_val_if_fail (api_key != NULL, NULL);
  g_return_val_if_fail (api_secret != NULL, NULL);

  self = g_object_new (LINEUP_TYPE_SIGNER, NULL);
  self->api_key = g_strdup (api_key);
  self->api_secret = g_strdup (api_secret);

  return self;
}

const char *
_lineup_signer_peek_secret (LineupSigner *self)
{
  g_return_val_if_fail (LINEUP_IS_SIGNER (self), NULL);
  return self->api_secret;
}

const char *
lineup_signer_get_api_key (LineupSigner *self)
{
  g_return_val_if_fail (LINEUP_IS_SIGNER (self), NULL);

  return self->api_key;
}

guint
lineup_signer_get_validity (LineupSigner *self)
{
  g_return_val_if_fail (LINEUP_IS_SIGNER (self), 0);

  return self->validity;
}

/**
 * lineup_signer_set_validity:
 * @seconds: how long a signature stays valid; 0 makes single-use
 *   signatures (expire_time = 0)
 */
void
lineup_signer_set_validity (LineupSigner *self,
                            guint         seconds)
{
  g_return_if_fail (LINEUP_IS_SIGNER (self));

  self->validity = seconds;
}

static void
compute_mac (const char *api_secret,
             const char *raw,
             guint8      mac[MAC_LEN])
{
  GHmac *hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *)api_secret, strlen (api_secret));
  gsize len = MAC_LEN;

  g_hmac_update (hmac, (const guchar *)raw, -1);
  g_hmac_get_digest (hmac, mac, &len);
  g_hmac_unref (hmac);
  g_assert (len == MAC_LEN);
}

/**
 * lineup_sign_raw:
 * @random: an unsigned decimal string of at most 10 digits
 *
 * Builds a signature from explicit inputs; this is what the test vectors
 * of the protocol document check.
 *
 * Returns: (transfer full): the `sign` form value
 */
char *
lineup_sign_raw (const char *api_key,
                 const char *api_secret,
                 gint64      expire_time,
                 gint64      current_time,
                 const char *random)
{
  g_autofree char *raw = NULL;
  g_autofree guint8 *buf = NULL;
  gsize raw_len;
  char *sign;

  g_return_val_if_fail (api_key != NULL, NULL);
  g_return_val_if_fail (api_secret != NULL, NULL);
  g_return_val_if_fail (random != NULL, NULL);

  raw = g_strdup_printf ("a=%s&b=%" G_GINT64_FORMAT "&c=%" G_GINT64_FORMAT "&d=%s",
                         api_key, expire_time, current_time, random);
  raw_len = strlen (raw);
  buf = g_malloc (MAC_LEN + raw_len);
  compute_mac (api_secret, raw, buf);
  memcpy (buf + MAC_LEN, raw, raw_len);
  sign = g_base64_encode (buf, MAC_LEN + raw_len);
  explicit_bzero (buf, MAC_LEN);

  return sign;
}

/**
 * lineup_random_decimal:
 * @buf: room for 10 digits and the terminating nul
 *
 * Fills @buf with 10 random decimal digits from the kernel's CSPRNG,
 * leading zeros included, as the vendor's sample code does.
 */
gboolean
lineup_random_decimal (char     buf[11],
                       GError **error)
{
  guint8 bytes[10];
  gsize got = 0;

  while (got < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + got, sizeof bytes - got, 0);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not get random numbers from the system: %s"),
                       g_strerror (saved_errno));
          return FALSE;
        }
      got += n;
    }

  /* 250 is the largest multiple of 10 below 256: reject above it so every
   * digit is equally likely. */
  for (guint i = 0; i < 10; i++)
    {
      while (bytes[i] >= 250)
        if (getrandom (&bytes[i], 1, 0) != 1)
          bytes[i] = 0;
      buf[i] = '0' + bytes[i] % 10;
    }
  buf[10] = '\0';

  return TRUE;
}

/**
 * lineup_signer_sign:
 *
 * Returns: (transfer full) (nullable): a fresh `sign` value for now, or
 *   %NULL if the system has no randomness to give (never seen in practice)
 */
char *
lineup_signer_sign (LineupSigner *self)
{
  g_autoptr(GError) error = NULL;
  gint64 now;
  char random[11];

  g_return_val_if_fail (LINEUP_IS_SIGNER (self), NULL);

  if (!lineup_random_decimal (random, &error))
    {
      g_warning ("%s", error->message);
      return NULL;
    }

  now = g_get_real_time () / G_USEC_PER_SEC;
  return lineup_sign_raw (self->api_key, self->api_secret,
                          self->validity ? now + self->validity : 0, now, random);
}

void
lineup_signature_free (LineupSignature *signature)
{
  if (signature == NULL)
    return;
  g_free (signature->api_key);
  g_free (signature->random);
  g_free (signature);
}

static gboolean
parse_time (const char *text,
            gint64     *out)
{
  guint64 value;

  if (text == NULL || *text == '\0' || strlen (text) > 12)
    return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
is_decimal (const char *text,
            gsize       max_len)
{
  gsize len = strlen (text);

  if (len == 0 || len > max_len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static GError *
malformed (void)
{
  return lineup_api_error_new_from_reply (401, "AUTHENTICATION_ERROR: malformed sign",
                                          NULL, -1, NULL, NULL);
}

/**
 * lineup_signature_parse:
 *
 * Decodes the readable part of a `sign` value (the 20 MAC bytes are skipped).
 *
 * Returns: (transfer full) (nullable): the fields, or %NULL with
 *   %LINEUP_API_ERROR_AUTHENTICATION when @sign is not of the expected form
 */
LineupSignature *
lineup_signature_parse (const char  *sign,
                        GError     **error)
{
  g_autoptr(LineupSignature) parsed = NULL;
  g_autofree guint8 *decoded = NULL;
  g_autofree char *raw = NULL;
  g_auto(GStrv) parts = NULL;
  gsize len = 0;

  if (sign == NULL || *sign == '\0' || strlen (sign) > 1024)
    goto fail;

  /* g_base64_decode() skips characters outside the alphabet; insist on a
   * clean value so garbage is not mistaken for a signature. */
  for (const char *p = sign; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
      goto fail;

  decoded = g_base64_decode (sign, &len);
  if (decoded == NULL || len <= MAC_LEN)
    goto fail;

  raw = g_strndup ((const char *)decoded + MAC_LEN, len - MAC_LEN);
  if (strlen (raw) != len - MAC_LEN || !g_utf8_validate (raw, -1, NULL))
    goto fail;

  parts = g_strsplit (raw, "&", -1);
  if (g_strv_length (parts) != 4 ||
      !g_str_has_prefix (parts[0], "a=") || !g_str_has_prefix (parts[1], "b=") ||
      !g_str_has_prefix (parts[2], "c=") || !g_str_has_prefix (parts[3], "d="))
    goto fail;

  parsed = g_new0 (LineupSignature, 1);
  parsed->api_key = g_strdup (parts[0] + 2);
  parsed->random = g_strdup (parts[3] + 2);
  if (*parsed->api_key == '\0' ||
      !parse_time (parts[1] + 2, &parsed->expire_time) ||
      !parse_time (parts[2] + 2, &parsed->current_time) ||
      !is_decimal (parsed->random, 10))
    goto fail;

  return g_steal_pointer (&parsed);

fail:
  g_propagate_error (error, malformed ());
  return NULL;
}

/**
 * lineup_signature_verify:
 * @now: the verifier's clock, in UNIX seconds
 * @max_skew: how far in the future current_time may be, in seconds
 *
 * The server side of the scheme, for the demo service: checks the key,
 * the MAC (in constant time) and the validity window.
 */
gboolean
lineup_signature_verify (const char  *sign,
                         const char  *api_key,
                         const char  *api_secret,
                         gint64       now,
                         guint        max_skew,
                         GError     **error)
{
  g_autoptr(LineupSignature) parsed = NULL;
  g_autofree guint8 *decoded = NULL;
  g_autofree char *raw = NULL;
  guint8 mac[MAC_LEN];
  guint8 diff = 0;
  gsize len = 0;

  g_return_val_if_fail (api_key != NULL, FALSE);
  g_return_val_if_fail (api_secret != NULL, FALSE);

  if (!(parsed = lineup_signature_parse (sign, error)))
    return FALSE;

  if (g_strcmp0 (parsed->api_key, api_key) != 0)
    {
      g_propagate_error (error, lineup_api_error_new_from_reply (401, "AUTHENTICATION_ERROR: unknown api_key",
                                                                 NULL, -1, NULL, NULL));
      return FALSE;
    }

  decoded = g_base64_decode (sign, &len);
  raw = g_strndup ((const char *)decoded + MAC_LEN, len - MAC_LEN);
  compute_mac (api_secret, raw, mac);
  for (guint i = 0; i < MAC_LEN; i++)
    diff |= mac[i] ^ decoded[i];
  explicit_bzero (mac, sizeof mac);

  if (diff != 0)
    {
      g_propagate_error (error, lineup_api_error_new_from_reply (401, "AUTHENTICATION_ERROR: signature mismatch",
                                                                 NULL, -1, NULL, NULL));
      return FALSE;
    }

  if (parsed->current_time > now + (gint64)max_skew ||
      (parsed->expire_time != 0 && parsed->expire_time < now) ||
      (parsed->expire_time != 0 && parsed->expire_time < parsed->current_time) ||
      (parsed->expire_time == 0 && parsed->current_time + (gint64)max_skew < now))
    {
      g_propagate_error (error, lineup_api_error_new_from_reply (401, "AUTHENTICATION_ERROR: signature expired",
                                                                 NULL, -1, NULL, NULL));
      return FALSE;
    }

  return TRUE;
}
