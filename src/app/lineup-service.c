/* lineup-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-service"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-account.h"
#include "lineup-app-enums.h"
#include "lineup-error.h"
#include "lineup-service.h"

/* Which service the app talks to, and whether it works. With no account
 * configured that is the built-in demo on loopback, so a first run does
 * the whole job offline; otherwise the configured service, signed with
 * the secret from the keyring (or, with no keyring, the one the
 * preferences keep in the keyring object's memory for the session). The
 * account's settings come from LineupAccount, so the app and lineup-cli
 * read them alike. The service counts as ready once its
 * library list has been read: that one request proves the address, the
 * key, the secret and the clock together, so a failure shows at once
 * and not at the first search. Windows bind to the properties; nothing
 * here blocks the main loop. */
struct _LineupService
{
  GObject             parent_instance;

  GSettings          *settings;
  LineupKeyring      *keyring;
  LineupAccount      *account;     /* as read by the last connect */
  LineupClient       *client;
  LineupDemoSeam     *demo;
  GListStore         *groups;
  GError             *error;
  char               *label;
  GCancellable       *cancellable;
  LineupServiceMode   mode;
  LineupServiceState  state;
  guint               ignore_environment : 1;
};

G_DEFINE_FINAL_TYPE (LineupService, lineup_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_MODE,
  PROP_STATE,
  PROP_ERROR,
  PROP_LABEL,
  PROP_GROUPS,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_state (LineupService      *self,
           LineupServiceState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_mode (LineupService     *self,
          LineupServiceMode  mode,
          const char        *label)
{
  if (self->mode != mode)
    {
      self->mode = mode;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
    }
  if (g_strcmp0 (self->label, label) != 0)
    {
      g_free (self->label);
      self->label = g_strdup (label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
    }
}

static void
set_client (LineupService *self,
            LineupClient  *client)
{
  /* timeouts, concurrency and signature validity, for the demo too */
  if (client != NULL)
    lineup_account_configure_client (self->account, client);
  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

static void
set_demo (LineupService  *self,
          LineupDemoSeam *demo)
{
  if (self->demo == demo)
    return;
  if (self->demo != NULL)
    lineup_demo_seam_stop (self->demo);
  g_set_object (&self->demo, demo);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
}

static void
fail (LineupService *self,
      GError        *error)
{
  g_debug ("Service unavailable: %s", error->message);
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  set_state (self, LINEUP_SERVICE_STATE_FAILED);
}

static void
groups_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LineupService) self = user_data;
  g_autoptr(GListModel) groups = NULL;
  GError *error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint n;

  groups = lineup_client_group_list_finish (LINEUP_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return;
    }
  if (groups == NULL)
    {
      fail (self, error);
      return;
    }

  n = g_list_model_get_n_items (groups);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (groups, i));
  g_list_store_splice (self->groups, 0, g_list_model_get_n_items (G_LIST_MODEL (self->groups)),
                       items->pdata, items->len);

  if (self->error != NULL)
    {
      g_clear_error (&self->error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  set_state (self, LINEUP_SERVICE_STATE_READY);
}

static void
fetch_groups (LineupService *self)
{
  lineup_client_group_list_async (self->client, self->cancellable, groups_cb, g_object_ref (self));
}

static void
use_client (LineupService *self,
            LineupClient  *client)
{
  set_client (self, client);
  fetch_groups (self);
}

static void
demo_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LineupService) self = user_data;
  g_autoptr(LineupClient) client = NULL;
  GError *error = NULL;

  if (!lineup_demo_seam_start_finish (LINEUP_DEMO_SEAM (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_error_free (error);
      else
        fail (self, error);
      return;
    }

  client = lineup_demo_seam_create_client (LINEUP_DEMO_SEAM (object));
  use_client (self, client);
}

static void
secret_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LineupService) self = user_data;
  g_autoptr(LineupClient) client = NULL;
  g_autoptr(GError) error = NULL;
  const char *key = self->account->api_key;
  char *secret;

  secret = lineup_keyring_lookup_finish (LINEUP_KEYRING (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (secret == NULL)
    {
      /* Said so that the operator knows what to do; the keyring's own
       * words first when it failed. */
      if (error != NULL)
        fail (self, g_error_new (LINEUP_API_ERROR, LINEUP_API_ERROR_NO_CREDENTIALS,
                                 _("%s Enter the API secret in Preferences: it is then kept until Lineup quits."),
                                 error->message));
      else
        fail (self, g_error_new (LINEUP_API_ERROR, LINEUP_API_ERROR_NO_CREDENTIALS,
                                 _("No API secret is stored for the key “%s”. Enter it in Preferences."), key));
      return;
    }

  client = lineup_account_create_client (self->account, secret, &error);
  lineup_keyring_secret_free (secret);
  if (client == NULL)
    {
      fail (self, g_steal_pointer (&error));
      return;
    }
  use_client (self, client);
}

static char *
host_label (const char *base_url)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (base_url);
  return g_strdup (g_uri_get_host (uri));
}

/* (Re)connects from scratch, reading the settings, the environment and
 * the keyring again: retrying, switching and applying preferences are
 * all this one path. An attempt still under way is cancelled first. */
static void
service_connect (LineupService *self)
{
  const char *env_key = g_getenv ("LINEUP_API_KEY");
  const char *env_secret = g_getenv ("LINEUP_API_SECRET");
  const char *env_url = g_getenv ("LINEUP_BASE_URL");
  g_autofree char *base_url = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_client (self, NULL);
  g_clear_pointer (&self->account, lineup_account_free);
  self->account = lineup_account_new_from_settings (self->settings);
  set_state (self, LINEUP_SERVICE_STATE_STARTING);

  /* Credentials in the environment win: handy for scripted demos. */
  if (!self->ignore_environment && env_key != NULL && *env_key && env_secret != NULL && *env_secret)
    {
      g_autoptr(LineupSigner) signer = lineup_signer_new (env_key, env_secret);
      g_autoptr(LineupClient) client = NULL;

      if (env_url != NULL && *env_url)
        base_url = g_strdup (env_url);
      else if (!(base_url = lineup_account_dup_base_url (self->account, NULL)))
        base_url = g_strdup (LINEUP_DEFAULT_BASE_URL);
      label = host_label (base_url);
      set_demo (self, NULL);
      set_mode (self, LINEUP_SERVICE_MODE_ACCOUNT, label);
      client = lineup_client_new (base_url, signer);
      use_client (self, client);
      return;
    }

  if (self->account->use_demo || *self->account->api_key == '\0')
    {
      g_autoptr(LineupDemoSeam) demo = self->demo ? g_object_ref (self->demo) : lineup_demo_seam_new ();

      set_mode (self, LINEUP_SERVICE_MODE_DEMO, _("Built-in demo service"));
      set_demo (self, demo);
      lineup_demo_seam_start_async (demo, self->cancellable, demo_started_cb, g_object_ref (self));
      return;
    }

  label = lineup_account_dup_label (self->account);
  set_demo (self, NULL);
  set_mode (self, LINEUP_SERVICE_MODE_ACCOUNT, label);
  /* an unusable address is reported before the keyring is asked */
  if (!(base_url = lineup_account_dup_base_url (self->account, &error)))
    {
      fail (self, g_steal_pointer (&error));
      return;
    }
  lineup_keyring_lookup_async (self->keyring, self->account->api_key, self->cancellable, secret_cb,
                               g_object_ref (self));
}

static void
lineup_service_dispose (GObject *object)
{
  LineupService *self = (LineupService *)object;

  lineup_service_shutdown (self);
  g_clear_object (&self->client);
  g_clear_object (&self->demo);
  g_clear_object (&self->groups);
  g_clear_object (&self->settings);
  g_clear_object (&self->keyring);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lineup_service_parent_class)->dispose (object);
}

static void
lineup_service_finalize (GObject *object)
{
  LineupService *self = (LineupService *)object;

  g_clear_error (&self->error);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->account, lineup_account_free);

  G_OBJECT_CLASS (lineup_service_parent_class)->finalize (object);
}

static void
lineup_service_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LineupService *self = LINEUP_SERVICE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_GROUPS:
      g_value_set_object (value, self->groups);
      break;
    case PROP_DEMO:
      g_value_set_object (value, self->demo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_service_class_init (LineupServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lineup_service_dispose;
  object_class->finalize = lineup_service_finalize;
  object_class->get_property = lineup_service_get_property;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, LINEUP_TYPE_CLIENT, flags);
  properties[PROP_MODE] = g_param_spec_enum ("mode", NULL, NULL, LINEUP_TYPE_SERVICE_MODE,
                                             LINEUP_SERVICE_MODE_DEMO, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, LINEUP_TYPE_SERVICE_STATE,
                                              LINEUP_SERVICE_STATE_IDLE, flags);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_GROUPS] = g_param_spec_object ("groups", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_DEMO] = g_param_spec_object ("demo", NULL, NULL, LINEUP_TYPE_DEMO_SEAM, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_service_init (LineupService *self)
{
  self->groups = g_list_store_new (LINEUP_TYPE_GROUP);
  self->cancellable = g_cancellable_new ();
  self->keyring = lineup_keyring_new ();
  self->account = lineup_account_new ();
}

LineupService *
lineup_service_new (GSettings *settings)
{
  LineupService *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LINEUP_TYPE_SERVICE, NULL);
  self->settings = g_object_ref (settings);
  return self;
}

/**
 * lineup_service_get_client:
 *
 * Returns: (transfer none) (nullable): the client of the service in use;
 *   it exists while the service is still being checked, so that its
 *   requests can be inspected, but searching waits for the ready state
 */
LineupClient *
lineup_service_get_client (LineupService *self)
{
  g_return_val_if_fail (LINEUP_IS_SERVICE (self), NULL);
  return self->client;
}

/**
 * lineup_service_get_keyring:
 *
 * Returns: (transfer none): the keyring the service reads the secret
 *   from; the preferences store into it, so that a secret it can only
 *   keep in memory (no keyring) is found
 */
LineupKeyring *
lineup_service_get_keyring (LineupService *self)
{
  g_return_val_if_fail (LINEUP_IS_SERVICE (self), NULL);
  return self->keyring;
}

LineupServiceMode
lineup_service_get_mode (LineupService *self)
{
  g_return_val_if_fail (LINEUP_IS_SERVICE (self), LINEUP_SERVICE_MODE_DEMO);
  return self->mode;
}

LineupServiceState
lineup_service_get_state (LineupService *self)
{
  g_return_val_if_fail (LINEUP_IS_SERVICE (self), LINEUP_SERVICE_STATE_IDLE);
  return self->state;
}

/**
 * lineup_service_get_error:
 *
 * Returns: (nullable): why the service cannot be used, while it cannot
 */
const GError *
lineup_service_get_error (LineupService *self)
{
  g_return_val_if_fail (LINEUP_IS_SERVICE (self), NULL);
  return self->error;
}

/**
 * lineup_service_get_label:
 *
 * Returns: (nullable): a few words naming the service in use, for a
 *   window's subtitle: "Built-in demo service", or the host
 */
const char *
lineup_service_get_label (LineupService *self)
{
  g_return_val_if_fail (LINEUP_IS_SERVICE (self), NULL);
  return self->label;
}

/**
 * lineup_service_get_groups:
 *
 * Returns: (transfer none): the libraries of the service in use, a
 *   #GListModel of #LineupGroup that is refilled in place
 */
GListModel *
lineup_service_get_groups (LineupService *self)
{
  g_return_val_if_fail (LINEUP_IS_SERVICE (self), NULL);
  return G_LIST_MODEL (self->groups);
}

/**
 * lineup_service_get_demo:
 *
 * Returns: (transfer none) (nullable): the built-in demo service, while
 *   it is the one in use
 */
LineupDemoSeam *
lineup_service_get_demo (LineupService *self)
{
  g_return_val_if_fail (LINEUP_IS_SERVICE (self), NULL);
  return self->demo;
}

gboolean
lineup_service_is_ready (LineupService *self)
{
  g_return_val_if_fail (LINEUP_IS_SERVICE (self), FALSE);
  return self->state == LINEUP_SERVICE_STATE_READY && self->client != NULL;
}

/**
 * lineup_service_start:
 *
 * Connects for the first time; later calls do nothing. The application
 * calls it after the first frame, so nothing here delays start-up.
 */
void
lineup_service_start (LineupService *self)
{
  g_return_if_fail (LINEUP_IS_SERVICE (self));

  if (self->state == LINEUP_SERVICE_STATE_IDLE)
    service_connect (self);
}

/**
 * lineup_service_retry:
 *
 * Tries again from scratch: the settings and the keyring are read again,
 * and a demo service that failed to start is started anew.
 */
void
lineup_service_retry (LineupService *self)
{
  g_return_if_fail (LINEUP_IS_SERVICE (self));
  service_connect (self);
}

/**
 * lineup_service_reload:
 *
 * Applies changed settings (address, key, secret, timeouts) without a
 * restart.
 */
void
lineup_service_reload (LineupService *self)
{
  g_return_if_fail (LINEUP_IS_SERVICE (self));
  service_connect (self);
}

/**
 * lineup_service_reload_groups:
 *
 * Reads the library list again, keeping the client.
 */
void
lineup_service_reload_groups (LineupService *self)
{
  g_return_if_fail (LINEUP_IS_SERVICE (self));

  if (self->client == NULL)
    {
      service_connect (self);
      return;
    }
  fetch_groups (self);
}

void
lineup_service_use_demo (LineupService *self)
{
  g_return_if_fail (LINEUP_IS_SERVICE (self));

  /* The operator's choice wins over credentials in the environment. */
  self->ignore_environment = TRUE;
  g_settings_set_boolean (self->settings, "use-demo", TRUE);

  /* Editing the account while the demo runs does not restart the demo;
   * a change to how requests are made does. */
  if (self->mode == LINEUP_SERVICE_MODE_DEMO && self->state == LINEUP_SERVICE_STATE_READY)
    {
      g_autoptr(LineupAccount) now = lineup_account_new_from_settings (self->settings);

      if (now->signature_validity == self->account->signature_validity &&
          now->connect_timeout == self->account->connect_timeout &&
          now->total_timeout == self->account->total_timeout &&
          now->max_concurrency == self->account->max_concurrency)
        return;
    }
  service_connect (self);
}

void
lineup_service_use_account (LineupService *self)
{
  g_return_if_fail (LINEUP_IS_SERVICE (self));

  self->ignore_environment = FALSE;
  g_settings_set_boolean (self->settings, "use-demo", FALSE);
  service_connect (self);
}

/**
 * lineup_service_shutdown:
 *
 * Cancels whatever is under way and stops the demo service; the
 * application calls it when it quits.
 */
void
lineup_service_shutdown (LineupService *self)
{
  g_return_if_fail (LINEUP_IS_SERVICE (self));

  g_cancellable_cancel (self->cancellable);
  if (self->demo != NULL)
    lineup_demo_seam_stop (self->demo);
}
