/* test-keyring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <libsecret/secret.h>

#include "lineup-keyring.h"
#include "lineup-test-util.h"

/* The keyring module in three worlds, chosen by $LINEUP_TEST_KEYRING:
 *   "available"   a fresh unlocked GNOME keyring (tests/keyring-session.sh)
 *   "no-bus"      no session bus at all
 *   "no-service"  a session bus without a Secret Service
 * In the last two every call fails with a clear error, and a secret that
 * could not be stored is kept in memory for the object's lifetime. */

#define KEY     "test-key-0123"
#define SECRET  "test-secret-do-not-print"

static gboolean
store (LineupKeyring  *keyring,
       const char     *key,
       const char     *secret,
       GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  lineup_keyring_store_async (keyring, key, secret, NULL, lineup_test_keep_result, &slot);
  result = lineup_test_wait_result (&slot);
  return lineup_keyring_store_finish (keyring, result, error);
}

static char *
lookup (LineupKeyring  *keyring,
        const char     *key,
        GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  lineup_keyring_lookup_async (keyring, key, NULL, lineup_test_keep_result, &slot);
  result = lineup_test_wait_result (&slot);
  return lineup_keyring_lookup_finish (keyring, result, error);
}

static gboolean
clear (LineupKeyring  *keyring,
       const char     *key,
       GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  lineup_keyring_clear_async (keyring, key, NULL, lineup_test_keep_result, &slot);
  result = lineup_test_wait_result (&slot);
  return lineup_keyring_clear_finish (keyring, result, error);
}

static void
test_round_trip (void)
{
  g_autoptr(LineupKeyring) keyring = lineup_keyring_new ();
  g_autoptr(LineupKeyring) other = lineup_keyring_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *found_sync = NULL;
  g_autofree char *missing = NULL;

  g_assert_true (store (keyring, KEY, SECRET, &error));
  g_assert_no_error (error);
  g_assert_false (lineup_keyring_has_session_secret (keyring, KEY));

  /* another object, so it comes from the keyring and not from memory */
  found = lookup (other, KEY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, SECRET);
  found_sync = lineup_keyring_lookup_sync (other, KEY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found_sync, ==, SECRET);

  missing = lookup (other, "no-such-key", &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  /* a new secret replaces the old one */
  g_assert_true (lineup_keyring_store_sync (keyring, KEY, "second", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&found, lineup_keyring_secret_free);
  found = lookup (other, KEY, &error);
  g_assert_cmpstr (found, ==, "second");

  g_assert_true (clear (keyring, KEY, &error));
  g_assert_no_error (error);
  g_clear_pointer (&found, lineup_keyring_secret_free);
  found = lookup (other, KEY, &error);
  g_assert_no_error (error);
  g_assert_null (found);
  /* nothing left to clear */
  g_assert_false (lineup_keyring_clear_sync (keyring, KEY, NULL, &error));
  g_assert_no_error (error);
}

static void
test_secret_tool_sees_it (void)
{
  g_autoptr(LineupKeyring) keyring = lineup_keyring_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  /* The documented entry, as another tool reads it. */
  g_assert_true (store (keyring, "shared-key", SECRET, &error));
  g_assert_no_error (error);
  g_spawn_command_line_sync ("secret-tool lookup xdg:schema " LINEUP_KEYRING_SCHEMA " "
                             LINEUP_KEYRING_ATTRIBUTE " shared-key", &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, SECRET);
  g_assert_true (lineup_keyring_clear_sync (keyring, "shared-key", NULL, &error));
}

static void
lock_default_collection (void)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  GList *locked = NULL;
  GList *objects;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  objects = g_list_append (NULL, collection);
  g_assert_cmpint (secret_service_lock_sync (service, objects, NULL, &locked, &error), ==, 1);
  g_assert_no_error (error);
  g_list_free (objects);
  g_list_free_full (locked, g_object_unref);
}

/* Last in the program: nothing unlocks the keyring again without a
 * prompt, and no prompt can be shown here. */
static void
test_locked (void)
{
  g_autoptr(LineupKeyring) keyring = lineup_keyring_new ();
  g_autoptr(LineupKeyring) other = lineup_keyring_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  g_assert_true (store (keyring, "stored-before", SECRET, &error));
  g_assert_no_error (error);
  lock_default_collection ();

  /* a secret that is there but cannot be read is not "not stored" */
  found = lookup (other, "stored-before", &error);
  g_assert_error (error, LINEUP_KEYRING_ERROR, LINEUP_KEYRING_ERROR_LOCKED);
  g_assert_null (found);
  g_assert_cmpstr (error->message, ==, "The keyring is locked and was not unlocked.");
  g_clear_error (&error);
  found = lineup_keyring_lookup_sync (other, "stored-before", NULL, &error);
  g_assert_error (error, LINEUP_KEYRING_ERROR, LINEUP_KEYRING_ERROR_LOCKED);
  g_clear_error (&error);

  /* storing fails, and the secret is kept for the session */
  g_assert_false (store (keyring, KEY, SECRET, &error));
  g_assert_error (error, LINEUP_KEYRING_ERROR, LINEUP_KEYRING_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_true (lineup_keyring_has_session_secret (keyring, KEY));
  found = lookup (keyring, KEY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, SECRET);
}

static void
test_unavailable (void)
{
  g_autoptr(LineupKeyring) keyring = lineup_keyring_new ();
  g_autoptr(LineupKeyring) next_session = lineup_keyring_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *found_sync = NULL;

  g_assert_false (store (keyring, KEY, SECRET, &error));
  g_assert_error (error, LINEUP_KEYRING_ERROR, LINEUP_KEYRING_ERROR_UNAVAILABLE);
  /* a sentence to show, not libsecret's or D-Bus's jargon */
  g_assert_cmpstr (error->message, ==, "No keyring is available: the Secret Service cannot be reached.");
  g_clear_error (&error);

  /* kept in memory, for this object only */
  g_assert_true (lineup_keyring_has_session_secret (keyring, KEY));
  found = lookup (keyring, KEY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, SECRET);
  found_sync = lineup_keyring_lookup_sync (keyring, KEY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found_sync, ==, SECRET);

  g_clear_pointer (&found, lineup_keyring_secret_free);
  found = lookup (next_session, KEY, &error);
  g_assert_error (error, LINEUP_KEYRING_ERROR, LINEUP_KEYRING_ERROR_UNAVAILABLE);
  g_assert_null (found);
  g_clear_error (&error);

  /* the sync store keeps it too */
  g_assert_false (lineup_keyring_store_sync (next_session, "sync-key", SECRET, NULL, &error));
  g_assert_error (error, LINEUP_KEYRING_ERROR, LINEUP_KEYRING_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_true (lineup_keyring_has_session_secret (next_session, "sync-key"));

  /* clearing forgets the memory copy even when the keyring is away */
  g_assert_false (clear (keyring, KEY, &error));
  g_assert_error (error, LINEUP_KEYRING_ERROR, LINEUP_KEYRING_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_false (lineup_keyring_has_session_secret (keyring, KEY));

  lineup_keyring_forget_session (next_session);
  g_assert_false (lineup_keyring_has_session_secret (next_session, "sync-key"));
}

static void
test_cancelled (void)
{
  g_autoptr(LineupKeyring) keyring = lineup_keyring_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  g_cancellable_cancel (cancellable);
  lineup_keyring_store_async (keyring, KEY, SECRET, cancellable, lineup_test_keep_result, &slot);
  result = lineup_test_wait_result (&slot);
  g_assert_false (lineup_keyring_store_finish (keyring, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* a cancellation is not a reason to keep the secret anywhere */
  g_assert_false (lineup_keyring_has_session_secret (keyring, KEY));
}

int
main (int   argc,
      char *argv[])
{
  const char *world = g_getenv ("LINEUP_TEST_KEYRING");

  g_test_init (&argc, &argv, NULL);

  if (g_strcmp0 (world, "available") == 0)
    {
      g_test_add_func ("/lineup/api/keyring/round-trip", test_round_trip);
      g_test_add_func ("/lineup/api/keyring/secret-tool-sees-it", test_secret_tool_sees_it);
      g_test_add_func ("/lineup/api/keyring/cancelled", test_cancelled);
      g_test_add_func ("/lineup/api/keyring/locked", test_locked);
    }
  else if (g_strcmp0 (world, "no-bus") == 0 || g_strcmp0 (world, "no-service") == 0)
    {
      g_test_add_func ("/lineup/api/keyring/unavailable", test_unavailable);
      g_test_add_func ("/lineup/api/keyring/cancelled", test_cancelled);
    }
  else
    g_error ("Set LINEUP_TEST_KEYRING to available, no-bus or no-service");

  return g_test_run ();
}
