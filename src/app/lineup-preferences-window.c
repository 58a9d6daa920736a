/* lineup-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-preferences"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lineup-accessible.h"
#include "lineup-account.h"
#include "lineup-error.h"
#include "lineup-preferences-window-private.h"

/* The service and the account. Choices apply at once, text rows when
 * their apply button is pressed; each change is written to GSettings
 * (the secret to the keyring only) and announced with ::applied, on
 * which the owner reloads the service. The keyring object is the app's,
 * so a secret it can only keep for the session is found again by the
 * service. Test Connection tries what the rows show, saved or not. */

#define APPLY_DELAY_MS 500

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_KEYRING,
  PROP_SERVICE,
  N_PROPS
};

enum {
  APPLIED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const region_ids[] = {
  LINEUP_REGION_SINGAPORE, LINEUP_REGION_INDONESIA, LINEUP_REGION_CUSTOM,
};

#if ADW_CHECK_VERSION (1, 5, 0)
G_DEFINE_FINAL_TYPE (LineupPreferencesWindow, lineup_preferences_window, ADW_TYPE_PREFERENCES_DIALOG)
#else
G_DEFINE_FINAL_TYPE (LineupPreferencesWindow, lineup_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)
#endif

static void
applied_now (LineupPreferencesWindow *self)
{
  g_clear_handle_id (&self->apply_id, g_source_remove);
  g_signal_emit (self, signals[APPLIED], 0);
}

static gboolean
apply_due_cb (gpointer user_data)
{
  LineupPreferencesWindow *self = user_data;

  self->apply_id = 0;
  applied_now (self);
  return G_SOURCE_REMOVE;
}

/* Spin buttons change in steps; the service is rebuilt once they rest. */
static void
apply_soon (LineupPreferencesWindow *self)
{
  g_clear_handle_id (&self->apply_id, g_source_remove);
  self->apply_id = g_timeout_add (APPLY_DELAY_MS, apply_due_cb, self);
}

static void
toast (LineupPreferencesWindow *self,
       const char              *text)
{
  AdwToast *item = adw_toast_new (text);

  adw_toast_set_timeout (item, 6);
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (self), item);
#else
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), item);
#endif
}

const char *
_lineup_preferences_window_get_region (LineupPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->region_row);

  return region_ids[MIN (selected, G_N_ELEMENTS (region_ids) - 1)];
}

static void
set_region_subtitle (LineupPreferencesWindow *self)
{
  const char *url = lineup_region_get_host_url (_lineup_preferences_window_get_region (self));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->region_row),
                               url ? url : _("The address of a FaceSearch-compatible service"));
  gtk_widget_set_visible (GTK_WIDGET (self->custom_url_row),
                          g_strcmp0 (_lineup_preferences_window_get_region (self), LINEUP_REGION_CUSTOM) == 0);
}

void
_lineup_preferences_window_set_error (AdwEntryRow *row,
                                      gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* What the secret status says; more than one fact can be true. */
static void
update_status_full (LineupPreferencesWindow *self,
                    const char              *secret_text,
                    gboolean                 warning)
{
  g_autoptr(GString) text = g_string_new (secret_text);

  if (g_settings_get_boolean (self->settings, "allow-insecure-http") &&
      g_strcmp0 (_lineup_preferences_window_get_region (self), LINEUP_REGION_CUSTOM) == 0)
    {
      g_autofree char *url = g_settings_get_string (self->settings, "custom-base-url");

      if (lineup_endpoint_is_plain_http (url))
        {
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, _("Plain HTTP: the API key and the signatures travel unencrypted."));
          warning = TRUE;
        }
    }
  gtk_label_set_text (self->account_status, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->account_status), text->len > 0);
  if (warning)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->account_status), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->account_status), "warning");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->account_status), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->account_status), "dim-label");
    }
}

static void
update_status (LineupPreferencesWindow *self,
               const char              *secret_text)
{
  update_status_full (self, secret_text, FALSE);
}

static void
update_status_warning (LineupPreferencesWindow *self,
                       const char              *secret_text)
{
  update_status_full (self, secret_text, TRUE);
}

static void
secret_state_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LineupPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_settings_get_string (self->settings, "api-key");
  char *secret;

  secret = lineup_keyring_lookup_finish (LINEUP_KEYRING (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (secret != NULL && lineup_keyring_has_session_secret (self->keyring, key))
    update_status_warning (self, _("The API secret is kept only until Lineup quits: the keyring cannot store it."));
  else if (secret != NULL)
    update_status (self, _("The API secret for this key is stored in the keyring."));
  else if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s Enter the API secret to use it until Lineup quits."),
                                               error->message);
      update_status_warning (self, text);
    }
  else
    update_status (self, _("No API secret is stored for this key yet."));
  lineup_keyring_secret_free (secret);
}

static void
refresh_secret_state (LineupPreferencesWindow *self)
{
  g_autofree char *key = g_settings_get_string (self->settings, "api-key");

  if (*key == '\0')
    {
      update_status (self, _("Enter the API key and the API secret of your FaceSearch account."));
      return;
    }
  lineup_keyring_lookup_async (self->keyring, key, self->cancellable, secret_state_cb, g_object_ref (self));
}

static void
fill_from_settings (LineupPreferencesWindow *self)
{
  g_autoptr(LineupAccount) account = lineup_account_new_from_settings (self->settings);

  self->filling = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (region_ids); i++)
    if (g_strcmp0 (account->region, region_ids[i]) == 0)
      adw_combo_row_set_selected (self->region_row, i);
  gtk_editable_set_text (GTK_EDITABLE (self->custom_url_row), account->custom_base_url);
  gtk_editable_set_text (GTK_EDITABLE (self->prefix_row), account->path_prefix);
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), account->api_key);
  set_region_subtitle (self);
  self->filling = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVICE]);
}

/* Service */

static const char *
get_service (LineupPreferencesWindow *self)
{
  /* asked for by the radio buttons while the template is built */
  if (self->settings == NULL)
    return "demo";
  return g_settings_get_boolean (self->settings, "use-demo") ? "demo" : "account";
}

static void
set_service (LineupPreferencesWindow *self,
             const char              *service)
{
  gboolean demo = g_strcmp0 (service, "account") != 0;

  if (demo == g_settings_get_boolean (self->settings, "use-demo"))
    return;
  g_settings_set_boolean (self->settings, "use-demo", demo);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVICE]);
  applied_now (self);
}

/* Address */

static void
region_changed_cb (LineupPreferencesWindow *self)
{
  g_autofree char *custom = NULL;
  const char *region;

  if (self->filling)
    return;
  set_region_subtitle (self);
  region = _lineup_preferences_window_get_region (self);
  custom = g_settings_get_string (self->settings, "custom-base-url");

  /* A custom service is taken on once it has an address. */
  if (g_strcmp0 (region, LINEUP_REGION_CUSTOM) == 0 && *custom == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->custom_url_row));
      return;
    }
  g_settings_set_string (self->settings, "region", region);
  refresh_secret_state (self);
  applied_now (self);
}

void
_lineup_preferences_window_save_custom_url (LineupPreferencesWindow *self,
                                            const char              *url,
                                            gboolean                 allow_insecure)
{
  g_autoptr(GSettings) changes = lineup_settings_new_delayed (self->settings);

  g_settings_set_string (changes, "region", LINEUP_REGION_CUSTOM);
  g_settings_set_string (changes, "custom-base-url", url);
  g_settings_set_boolean (changes, "allow-insecure-http", allow_insecure);
  g_settings_apply (changes);
  _lineup_preferences_window_set_error (self->custom_url_row, FALSE);
  refresh_secret_state (self);
  applied_now (self);
}

static void
custom_url_apply_cb (LineupPreferencesWindow *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->custom_url_row))));
  g_autofree char *prefix = g_settings_get_string (self->settings, "path-prefix");
  g_autofree char *base_url = NULL;
  g_autoptr(GError) error = NULL;

  base_url = lineup_endpoint_build (LINEUP_REGION_CUSTOM, url, prefix, FALSE, &error);
  if (g_error_matches (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INSECURE_TRANSPORT))
    _lineup_preferences_window_ask_plain_http (self, url);
  else if (error != NULL)
    {
      _lineup_preferences_window_set_error (self->custom_url_row, TRUE);
      toast (self, error->message);
    }
  else
    _lineup_preferences_window_save_custom_url (self, url, FALSE);
}

static void
prefix_apply_cb (LineupPreferencesWindow *self)
{
  const char *prefix = gtk_editable_get_text (GTK_EDITABLE (self->prefix_row));
  g_autofree char *base_url = lineup_endpoint_build (LINEUP_REGION_SINGAPORE, NULL, prefix, FALSE, NULL);
  const char *normalized = base_url + strlen (lineup_region_get_host_url (LINEUP_REGION_SINGAPORE));

  g_settings_set_string (self->settings, "path-prefix", normalized);
  gtk_editable_set_text (GTK_EDITABLE (self->prefix_row), normalized);
  applied_now (self);
}

/* Credentials */

static void
key_apply_cb (LineupPreferencesWindow *self)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));

  gtk_editable_set_text (GTK_EDITABLE (self->key_row), key);
  g_settings_set_string (self->settings, "api-key", key);
  refresh_secret_state (self);
  applied_now (self);
}

/* Entering the secret is asking to use the account. */
static void
use_account (LineupPreferencesWindow *self)
{
  if (g_settings_get_boolean (self->settings, "use-demo"))
    set_service (self, "account");
  else
    applied_now (self);
}

static void
secret_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LineupPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lineup_keyring_store_finish (LINEUP_KEYRING (object), result, &error))
    {
      g_autofree char *key = g_settings_get_string (self->settings, "api-key");

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (lineup_keyring_has_session_secret (self->keyring, key))
        {
          g_autofree char *text = g_strdup_printf (_("%s The API secret is kept only until Lineup quits, "
                                                     "and asked for again next time."), error->message);
          update_status_warning (self, text);
          use_account (self);
        }
      else
        {
          update_status_warning (self, error->message);
          toast (self, error->message);
        }
      return;
    }

  update_status (self, _("The API secret for this key is stored in the keyring."));
  use_account (self);
}

static void
secret_apply_cb (LineupPreferencesWindow *self)
{
  g_autofree char *key = g_settings_get_string (self->settings, "api-key");
  g_autofree char *typed_key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));

  /* The secret belongs to the key the row shows. */
  if (*typed_key != '\0' && g_strcmp0 (typed_key, key) != 0)
    {
      key_apply_cb (self);
      g_free (key);
      key = g_settings_get_string (self->settings, "api-key");
    }
  if (*key == '\0')
    {
      toast (self, _("Enter the API key first."));
      return;
    }
  if (*secret == '\0')
    return;

  lineup_keyring_store_async (self->keyring, key, secret, self->cancellable, secret_stored_cb, g_object_ref (self));
  /* It is in the keyring now, or in its memory: not in a widget. */
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
}

/* GObject */

static void
lineup_preferences_window_constructed (GObject *object)
{
  LineupPreferencesWindow *self = LINEUP_PREFERENCES_WINDOW (object);
  static const struct { const char *key; gsize offset; } spins[] = {
    { "signature-validity", G_STRUCT_OFFSET (LineupPreferencesWindow, validity_spin) },
    { "connect-timeout", G_STRUCT_OFFSET (LineupPreferencesWindow, connect_timeout_spin) },
    { "timeout", G_STRUCT_OFFSET (LineupPreferencesWindow, timeout_spin) },
    { "max-concurrency", G_STRUCT_OFFSET (LineupPreferencesWindow, concurrency_spin) },
  };

  G_OBJECT_CLASS (lineup_preferences_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));
  g_assert (LINEUP_IS_KEYRING (self->keyring));

  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      GtkSpinButton *spin = G_STRUCT_MEMBER (GtkSpinButton *, self, spins[i].offset);
      g_autofree char *detailed = g_strconcat ("changed::", spins[i].key, NULL);

      g_settings_bind (self->settings, spins[i].key, gtk_spin_button_get_adjustment (spin), "value",
                       G_SETTINGS_BIND_DEFAULT);
      g_signal_connect_object (self->settings, detailed, G_CALLBACK (apply_soon), self, G_CONNECT_SWAPPED);
    }

  fill_from_settings (self);
  refresh_secret_state (self);
}

static void
lineup_preferences_window_dispose (GObject *object)
{
  LineupPreferencesWindow *self = (LineupPreferencesWindow *)object;

  /* a change still waiting for the spin buttons to rest is not lost */
  if (self->apply_id != 0)
    applied_now (self);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->test_cancellable);
  g_clear_handle_id (&self->apply_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (lineup_preferences_window_parent_class)->dispose (object);
}

static void
lineup_preferences_window_finalize (GObject *object)
{
  LineupPreferencesWindow *self = (LineupPreferencesWindow *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->keyring);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->outcome);

  G_OBJECT_CLASS (lineup_preferences_window_parent_class)->finalize (object);
}

static void
lineup_preferences_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  LineupPreferencesWindow *self = LINEUP_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_KEYRING:
      g_value_set_object (value, self->keyring);
      break;
    case PROP_SERVICE:
      g_value_set_string (value, get_service (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  LineupPreferencesWindow *self = LINEUP_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_KEYRING:
      self->keyring = g_value_dup_object (value);
      break;
    case PROP_SERVICE:
      set_service (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_preferences_window_class_init (LineupPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lineup_preferences_window_constructed;
  object_class->dispose = lineup_preferences_window_dispose;
  object_class->finalize = lineup_preferences_window_finalize;
  object_class->get_property = lineup_preferences_window_get_property;
  object_class->set_property = lineup_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEYRING] =
    g_param_spec_object ("keyring", NULL, NULL, LINEUP_TYPE_KEYRING,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* "demo" or "account", for the prefs.service radio action */
  properties[PROP_SERVICE] =
    g_param_spec_string ("service", NULL, NULL, "demo",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LineupPreferencesWindow::applied:
   *
   * A change was written to the settings or the keyring; the service
   * should reload them.
   */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lineup/Lineup/ui/lineup-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, region_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, custom_url_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, prefix_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, secret_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, account_status);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, test_row);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, test_icon);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, validity_spin);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, connect_timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, LineupPreferencesWindow, concurrency_spin);
  gtk_widget_class_bind_template_callback (widget_class, custom_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, prefix_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, secret_apply_cb);

  gtk_widget_class_install_property_action (widget_class, "prefs.service", "service");
  gtk_widget_class_install_action (widget_class, "prefs.test-connection", NULL, _lineup_preferences_window_test_connection);
}

static void
lineup_preferences_window_init (LineupPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Here, not in the template it shares with the dialog, which has
   * neither property. */
#if !ADW_CHECK_VERSION (1, 5, 0)
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 760);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
#endif
  lineup_accessible_clean_names (GTK_WIDGET (self));
  g_signal_connect_object (self->region_row, "notify::selected", G_CALLBACK (region_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * lineup_preferences_window_new:
 * @settings: the app's settings
 * @keyring: the app's keyring, whose session memory the service reads
 *
 * Returns: the preferences, to show with lineup_preferences_window_present()
 */
GtkWidget *
lineup_preferences_window_new (GSettings     *settings,
                               LineupKeyring *keyring)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (LINEUP_IS_KEYRING (keyring), NULL);

  return g_object_new (LINEUP_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       "keyring", keyring,
                       NULL);
}

/**
 * lineup_preferences_window_present:
 * @parent: (nullable): a widget of the window the preferences are for
 *
 * Shows the preferences over @parent's window (in it, from libadwaita
 * 1.5), or brings them to the front where they already are.
 */
void
lineup_preferences_window_present (LineupPreferencesWindow *self,
                                   GtkWidget               *parent)
{
  GtkRoot *root;

  g_return_if_fail (LINEUP_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (!parent || GTK_IS_WIDGET (parent));

#if ADW_CHECK_VERSION (1, 5, 0)
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_present (GTK_WINDOW (root));
  else
    adw_dialog_present (ADW_DIALOG (self), parent);
#else
  root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  if (GTK_IS_WINDOW (root) && gtk_window_get_transient_for (GTK_WINDOW (self)) == NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (self));
#endif
}

/**
 * lineup_preferences_window_get_outcome:
 *
 * Returns: (nullable): the last connection test's outcome
 */
LineupConnectionOutcome *
lineup_preferences_window_get_outcome (LineupPreferencesWindow *self)
{
  g_return_val_if_fail (LINEUP_IS_PREFERENCES_WINDOW (self), NULL);
  return self->outcome;
}

/**
 * lineup_preferences_window_show_account:
 *
 * Puts the focus where the account needs filling in, for “Connect an
 * Account”. The service switches once the secret is entered.
 */
void
lineup_preferences_window_show_account (LineupPreferencesWindow *self)
{
  GtkWidget *row;

  g_return_if_fail (LINEUP_IS_PREFERENCES_WINDOW (self));

  row = *gtk_editable_get_text (GTK_EDITABLE (self->key_row)) == '\0' ? GTK_WIDGET (self->key_row)
                                                                        : GTK_WIDGET (self->secret_row);
#if ADW_CHECK_VERSION (1, 5, 0)
  /* kept until the dialog is shown, if it is not yet */
  adw_dialog_set_focus (ADW_DIALOG (self), row);
#else
  gtk_widget_grab_focus (row);
#endif
}
