/* lineup-signer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LINEUP_SIGN_VERSION "hmac_sha1"
#define LINEUP_SIGNER_DEFAULT_VALIDITY 100

/**
 * LineupSignature:
 *
 * The readable part of a decoded `sign` value.
 */
typedef struct
{
  char   *api_key;
  gint64  expire_time;
  gint64  current_time;
  char   *random;
} LineupSignature;

#define LINEUP_TYPE_SIGNER (lineup_signer_get_type ())
G_DECLARE_FINAL_TYPE (LineupSigner, lineup_signer, LINEUP, SIGNER, GObject)

LineupSigner    *lineup_signer_new              (const char       *api_key,
                                                 const char       *api_secret);
const char      *lineup_signer_get_api_key      (LineupSigner     *self);
guint            lineup_signer_get_validity     (LineupSigner     *self);
void             lineup_signer_set_validity     (LineupSigner     *self,
                                                 guint             seconds);
char            *lineup_signer_sign             (LineupSigner     *self);

char            *lineup_sign_raw                (const char       *api_key,
                                                 const char       *api_secret,
                                                 gint64            expire_time,
                                                 gint64            current_time,
                                                 const char       *random);
gboolean         lineup_random_decimal          (char              buf[11],
                                                 GError          **error);

LineupSignature *lineup_signature_parse         (const char       *sign,
                                                 GError          **error);
gboolean         lineup_signature_verify        (const char       *sign,
                                                 const char       *api_key,
                                                 const char       *api_secret,
                                                 gint64            now,
                                                 guint             max_skew,
                                                 GError          **error);
void             lineup_signature_free          (LineupSignature  *signature);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupSignature, lineup_signature_free)

G_END_DECLS
