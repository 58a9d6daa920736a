/* lineup-keyring.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The keyring entry: schema and attribute, shared by the app and the CLI
 * (and by `secret-tool lookup xdg:schema io.github.lineup.Lineup.ApiSecret`). */
#define LINEUP_KEYRING_SCHEMA     "io.github.lineup.Lineup.ApiSecret"
#define LINEUP_KEYRING_ATTRIBUTE  "api_key"

#define LINEUP_KEYRING_ERROR (lineup_keyring_error_quark ())

/**
 * LineupKeyringError:
 * @LINEUP_KEYRING_ERROR_UNAVAILABLE: no session bus, or no Secret Service
 *   on it
 * @LINEUP_KEYRING_ERROR_LOCKED: the keyring is locked (or not set up) and
 *   was not unlocked: the unlock prompt was dismissed or could not be shown
 * @LINEUP_KEYRING_ERROR_FAILED: the Secret Service failed otherwise
 *
 * Each message is a translated sentence the app can show as it is.
 */
typedef enum
{
  LINEUP_KEYRING_ERROR_UNAVAILABLE,
  LINEUP_KEYRING_ERROR_LOCKED,
  LINEUP_KEYRING_ERROR_FAILED,
} LineupKeyringError;

GQuark lineup_keyring_error_quark (void);

#define LINEUP_TYPE_KEYRING (lineup_keyring_get_type ())
G_DECLARE_FINAL_TYPE (LineupKeyring, lineup_keyring, LINEUP, KEYRING, GObject)

LineupKeyring *lineup_keyring_new                (void);

void           lineup_keyring_store_async        (LineupKeyring        *self,
                                                  const char           *api_key,
                                                  const char           *secret,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean       lineup_keyring_store_finish       (LineupKeyring        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
gboolean       lineup_keyring_store_sync         (LineupKeyring        *self,
                                                  const char           *api_key,
                                                  const char           *secret,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

void           lineup_keyring_lookup_async       (LineupKeyring        *self,
                                                  const char           *api_key,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
char          *lineup_keyring_lookup_finish      (LineupKeyring        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
char          *lineup_keyring_lookup_sync        (LineupKeyring        *self,
                                                  const char           *api_key,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

void           lineup_keyring_clear_async        (LineupKeyring        *self,
                                                  const char           *api_key,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean       lineup_keyring_clear_finish       (LineupKeyring        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
gboolean       lineup_keyring_clear_sync         (LineupKeyring        *self,
                                                  const char           *api_key,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

gboolean       lineup_keyring_has_session_secret (LineupKeyring        *self,
                                                  const char           *api_key);
void           lineup_keyring_forget_session     (LineupKeyring        *self);

void           lineup_keyring_secret_free        (char                 *secret);

G_END_DECLS
