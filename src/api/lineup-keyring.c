/* lineup-keyring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-keyring"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "lineup-keyring.h"

/* The one place that knows the keyring entry of an API secret. Every
 * libsecret failure becomes a LINEUP_KEYRING_ERROR whose message can be
 * shown as it is.
 *
 * When the keyring cannot take a secret (no Secret Service, or locked),
 * the secret is kept in this object's memory instead, for as long as the
 * object lives: the app keeps one for the session, so an operator can
 * still work and is asked again next time. Lookups look there first.
 * Not thread-safe: use an object from one thread. */
struct _LineupKeyring
{
  GObject     parent_instance;
  GHashTable *session;   /* api_key → secret, wiped when removed */
};

G_DEFINE_FINAL_TYPE (LineupKeyring, lineup_keyring, G_TYPE_OBJECT)

G_DEFINE_QUARK (lineup-keyring-error-quark, lineup_keyring_error)

static const SecretSchema *
schema (void)
{
  static const SecretSchema schema = {
    LINEUP_KEYRING_SCHEMA, SECRET_SCHEMA_NONE,
    {
      { LINEUP_KEYRING_ATTRIBUTE, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "NULL", 0 },
    }
  };
  return &schema;
}

/**
 * lineup_keyring_secret_free:
 *
 * Wipes and frees a secret returned by a lookup.
 */
void
lineup_keyring_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static void
lineup_keyring_finalize (GObject *object)
{
  LineupKeyring *self = (LineupKeyring *)object;

  g_clear_pointer (&self->session, g_hash_table_unref);

  G_OBJECT_CLASS (lineup_keyring_parent_class)->finalize (object);
}

static void
lineup_keyring_class_init (LineupKeyringClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_keyring_finalize;
}

static void
lineup_keyring_init (LineupKeyring *self)
{
  self->session = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)lineup_keyring_secret_free);
}

LineupKeyring *
lineup_keyring_new (void)
{
  return g_object_new (LINEUP_TYPE_KEYRING, NULL);
}

/* Takes @error; returns it as a LINEUP_KEYRING_ERROR, or as it is when
 * it is a cancellation. The original text goes to the debug log only. */
static GError *
map_error (GError *error)
{
  g_autoptr(GError) original = error;
  LineupKeyringError code;
  const char *message;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&original);

  g_debug ("Keyring: %s (%s %d)", error->message, g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT))
    {
      /* gnome-keyring answers UnknownMethod for a login keyring it could
       * not create because the prompt could not be shown. */
      code = LINEUP_KEYRING_ERROR_LOCKED;
      message = _("The keyring is locked and was not unlocked.");
    }
  else if (error->domain == G_IO_ERROR || error->domain == G_DBUS_ERROR)
    {
      code = LINEUP_KEYRING_ERROR_UNAVAILABLE;
      message = _("No keyring is available: the Secret Service cannot be reached.");
    }
  else
    {
      code = LINEUP_KEYRING_ERROR_FAILED;
      message = _("The keyring failed.");
    }

  return g_error_new_literal (LINEUP_KEYRING_ERROR, code, message);
}

static GError *
locked_error (void)
{
  return g_error_new_literal (LINEUP_KEYRING_ERROR, LINEUP_KEYRING_ERROR_LOCKED,
                              _("The keyring is locked and was not unlocked."));
}

static gboolean
keeps_in_session (const GError *error)
{
  return g_error_matches (error, LINEUP_KEYRING_ERROR, LINEUP_KEYRING_ERROR_UNAVAILABLE) ||
         g_error_matches (error, LINEUP_KEYRING_ERROR, LINEUP_KEYRING_ERROR_LOCKED);
}

static void
keep_in_session (LineupKeyring *self,
                 const char    *api_key,
                 const char    *secret)
{
  g_debug ("Keeping the secret for this session only");
  g_hash_table_replace (self->session, g_strdup (api_key), g_strdup (secret));
}

static char *
label_for (const char *api_key)
{
  /* Translators: the keyring item's label, seen in Passwords and Keys */
  return g_strdup_printf (_("FaceSearch API secret for “%s”"), api_key);
}

/* Store */

typedef struct
{
  char *api_key;
  char *secret;
} StoreData;

static void
store_data_free (gpointer data)
{
  StoreData *store = data;

  g_free (store->api_key);
  lineup_keyring_secret_free (store->secret);
  g_free (store);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LineupKeyring *self = g_task_get_source_object (task);
  StoreData *store = g_task_get_task_data (task);
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      error = map_error (error);
      if (keeps_in_session (error))
        keep_in_session (self, store->api_key, store->secret);
      g_task_return_error (task, error);
      return;
    }

  g_hash_table_remove (self->session, store->api_key);
  g_task_return_boolean (task, TRUE);
}

/**
 * lineup_keyring_store_async:
 *
 * Stores @secret for @api_key in the default collection, replacing any
 * earlier one. When that fails with %LINEUP_KEYRING_ERROR_UNAVAILABLE or
 * %LINEUP_KEYRING_ERROR_LOCKED, the secret is kept in @self's memory
 * (see lineup_keyring_has_session_secret()) and the error still returned.
 */
void
lineup_keyring_store_async (LineupKeyring       *self,
                            const char          *api_key,
                            const char          *secret,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *label = NULL;
  StoreData *store;
  GTask *task;

  g_return_if_fail (LINEUP_IS_KEYRING (self));
  g_return_if_fail (api_key != NULL && *api_key != '\0');
  g_return_if_fail (secret != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_keyring_store_async);
  store = g_new0 (StoreData, 1);
  store->api_key = g_strdup (api_key);
  store->secret = g_strdup (secret);
  g_task_set_task_data (task, store, store_data_free);

  label = label_for (api_key);
  secret_password_store (schema (), SECRET_COLLECTION_DEFAULT, label, secret, cancellable,
                         store_cb, task, LINEUP_KEYRING_ATTRIBUTE, api_key, NULL);
}

gboolean
lineup_keyring_store_finish (LineupKeyring  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lineup_keyring_store_sync:
 *
 * As lineup_keyring_store_async(), blocking: for the CLI, never the GUI.
 */
gboolean
lineup_keyring_store_sync (LineupKeyring  *self,
                           const char     *api_key,
                           const char     *secret,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (LINEUP_IS_KEYRING (self), FALSE);
  g_return_val_if_fail (api_key != NULL && *api_key != '\0', FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);

  label = label_for (api_key);
  if (!secret_password_store_sync (schema (), SECRET_COLLECTION_DEFAULT, label, secret, cancellable,
                                   &local_error, LINEUP_KEYRING_ATTRIBUTE, api_key, NULL))
    {
      local_error = map_error (local_error);
      if (keeps_in_session (local_error))
        keep_in_session (self, api_key, secret);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  g_hash_table_remove (self->session, api_key);
  return TRUE;
}

/* Lookup */

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *items;

  /* The lookup found no secret it could read. An item that is there
   * nonetheless is one in a locked collection. */
  items = secret_password_search_finish (result, &error);
  if (items != NULL)
    {
      g_list_free_full (items, g_object_unref);
      g_task_return_error (task, locked_error ());
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, map_error (g_steal_pointer (&error)));
      return;
    }
  g_task_return_pointer (task, NULL, NULL);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *api_key = g_task_get_task_data (task);
  GError *error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (secret != NULL)
    {
      char *copy = g_strdup (secret);

      secret_password_free (secret);
      g_task_return_pointer (task, copy, (GDestroyNotify)lineup_keyring_secret_free);
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, map_error (error));
      return;
    }

  secret_password_search (schema (), SECRET_SEARCH_ALL, g_task_get_cancellable (task), search_cb,
                          g_object_ref (task), LINEUP_KEYRING_ATTRIBUTE, api_key, NULL);
}

/**
 * lineup_keyring_lookup_async:
 *
 * Looks up the secret for @api_key: in this session's memory first, then
 * in the keyring (which may ask to unlock it).
 */
void
lineup_keyring_lookup_async (LineupKeyring       *self,
                             const char          *api_key,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  const char *kept;
  GTask *task;

  g_return_if_fail (LINEUP_IS_KEYRING (self));
  g_return_if_fail (api_key != NULL && *api_key != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_keyring_lookup_async);
  g_task_set_task_data (task, g_strdup (api_key), g_free);

  if ((kept = g_hash_table_lookup (self->session, api_key)) != NULL)
    {
      g_task_return_pointer (task, g_strdup (kept), (GDestroyNotify)lineup_keyring_secret_free);
      g_object_unref (task);
      return;
    }

  secret_password_lookup (schema (), cancellable, lookup_cb, task, LINEUP_KEYRING_ATTRIBUTE, api_key, NULL);
}

/**
 * lineup_keyring_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the secret, to be freed with
 *   lineup_keyring_secret_free(); %NULL without an error when none is
 *   stored for the key
 */
char *
lineup_keyring_lookup_finish (LineupKeyring  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lineup_keyring_lookup_sync:
 *
 * As lineup_keyring_lookup_async(), blocking: for the CLI, never the GUI.
 */
char *
lineup_keyring_lookup_sync (LineupKeyring  *self,
                            const char     *api_key,
                            GCancellable   *cancellable,
                            GError        **error)
{
  GError *local_error = NULL;
  const char *kept;
  GList *items;
  char *secret;
  char *copy;

  g_return_val_if_fail (LINEUP_IS_KEYRING (self), NULL);
  g_return_val_if_fail (api_key != NULL && *api_key != '\0', NULL);

  if ((kept = g_hash_table_lookup (self->session, api_key)) != NULL)
    return g_strdup (kept);

  secret = secret_password_lookup_sync (schema (), cancellable, &local_error,
                                        LINEUP_KEYRING_ATTRIBUTE, api_key, NULL);
  if (secret != NULL)
    {
      copy = g_strdup (secret);
      secret_password_free (secret);
      return copy;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, map_error (local_error));
      return NULL;
    }

  items = secret_password_search_sync (schema (), SECRET_SEARCH_ALL, cancellable, &local_error,
                                       LINEUP_KEYRING_ATTRIBUTE, api_key, NULL);
  if (items != NULL)
    {
      g_list_free_full (items, g_object_unref);
      g_propagate_error (error, locked_error ());
    }
  else if (local_error != NULL)
    g_propagate_error (error, map_error (local_error));
  return NULL;
}

/* Clear */

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean removed;

  removed = secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, map_error (error));
  else
    g_task_return_boolean (task, removed);
}

/**
 * lineup_keyring_clear_async:
 *
 * Removes the secret for @api_key from this session's memory and from
 * the keyring.
 */
void
lineup_keyring_clear_async (LineupKeyring       *self,
                            const char          *api_key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LINEUP_IS_KEYRING (self));
  g_return_if_fail (api_key != NULL && *api_key != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_keyring_clear_async);
  g_hash_table_remove (self->session, api_key);
  secret_password_clear (schema (), cancellable, clear_cb, task, LINEUP_KEYRING_ATTRIBUTE, api_key, NULL);
}

/**
 * lineup_keyring_clear_finish:
 *
 * Returns: whether the keyring held a secret for the key; %FALSE with
 *   @error set when the keyring failed
 */
gboolean
lineup_keyring_clear_finish (LineupKeyring  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lineup_keyring_clear_sync (LineupKeyring  *self,
                           const char     *api_key,
                           GCancellable   *cancellable,
                           GError        **error)
{
  GError *local_error = NULL;
  gboolean removed;

  g_return_val_if_fail (LINEUP_IS_KEYRING (self), FALSE);
  g_return_val_if_fail (api_key != NULL && *api_key != '\0', FALSE);

  g_hash_table_remove (self->session, api_key);
  removed = secret_password_clear_sync (schema (), cancellable, &local_error,
                                        LINEUP_KEYRING_ATTRIBUTE, api_key, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, map_error (local_error));
      return FALSE;
    }
  return removed;
}

/* The session fallback */

/**
 * lineup_keyring_has_session_secret:
 *
 * Returns: whether the secret for @api_key is kept in memory only,
 *   because the keyring could not take it
 */
gboolean
lineup_keyring_has_session_secret (LineupKeyring *self,
                                   const char    *api_key)
{
  g_return_val_if_fail (LINEUP_IS_KEYRING (self), FALSE);
  return api_key != NULL && g_hash_table_contains (self->session, api_key);
}

/**
 * lineup_keyring_forget_session:
 *
 * Wipes every secret kept in memory.
 */
void
lineup_keyring_forget_session (LineupKeyring *self)
{
  g_return_if_fail (LINEUP_IS_KEYRING (self));
  g_hash_table_remove_all (self->session);
}
