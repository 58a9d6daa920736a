/* lineup-preferences-window-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-account.h"
#include "lineup-error.h"
#include "lineup-preferences-window-private.h"

/* Test Connection: what the rows show is tested, applied or not, with
 * the secret typed in API Secret or else the one the keyring has. */

/* The account as the rows show it, applied or not. Consent to plain
 * HTTP holds only for the address it was given for. */
static LineupAccount *
account_from_rows (LineupPreferencesWindow *self)
{
  LineupAccount *account = lineup_account_new_from_settings (self->settings);
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->custom_url_row))));

  account->allow_insecure = account->allow_insecure && g_strcmp0 (url, account->custom_base_url) == 0;
  g_free (account->region);
  account->region = g_strdup (_lineup_preferences_window_get_region (self));
  g_free (account->custom_base_url);
  account->custom_base_url = g_steal_pointer (&url);
  g_free (account->path_prefix);
  account->path_prefix = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->prefix_row)));
  g_free (account->api_key);
  account->api_key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));
  return account;
}

static void
set_testing (LineupPreferencesWindow *self,
             gboolean                 testing)
{
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), testing);
  gtk_spinner_set_spinning (self->test_spinner, testing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.test-connection", !testing);
  if (testing)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->test_row), _("Testing…"));
      adw_action_row_set_subtitle (self->test_row, "");
    }
}

static void
show_outcome (LineupPreferencesWindow *self,
              LineupConnectionOutcome *outcome)
{
  LineupConnectionStatus status = lineup_connection_outcome_get_status (outcome);
  gboolean connected = status == LINEUP_CONNECTION_CONNECTED;

  g_set_object (&self->outcome, outcome);
  set_testing (self, FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->test_row), lineup_connection_outcome_get_title (outcome));
  adw_action_row_set_subtitle (self->test_row, lineup_connection_outcome_get_detail (outcome));
  gtk_image_set_from_icon_name (self->test_icon, connected ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), connected ? "warning" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->test_icon), connected ? "success" : "warning");
}

static void
show_error_outcome (LineupPreferencesWindow *self,
                    const GError            *error)
{
  g_autoptr(LineupConnectionOutcome) outcome = lineup_connection_outcome_new_for_error (error);

  show_outcome (self, outcome);
}

static void
test_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LineupPreferencesWindow) self = user_data;
  g_autoptr(LineupConnectionOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  outcome = lineup_connection_test_finish (LINEUP_CLIENT (object), result, &error);
  if (outcome == NULL)
    return;   /* cancelled: a newer test or the window's end */
  show_outcome (self, outcome);
}

static void
test_with_secret (LineupPreferencesWindow *self,
                  const LineupAccount     *account,
                  const char              *secret)
{
  g_autoptr(LineupClient) client = NULL;
  g_autoptr(GError) error = NULL;

  if (!(client = lineup_account_create_client (account, secret, &error)))
    {
      show_error_outcome (self, error);
      return;
    }
  /* one attempt: the test is about this moment's answer */
  lineup_client_set_retries (client, 0, 0);
  lineup_connection_test_async (client, self->test_cancellable, test_done_cb, g_object_ref (self));
}

static void
test_secret_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LineupPreferencesWindow) self = user_data;
  g_autoptr(LineupAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = lineup_keyring_lookup_finish (LINEUP_KEYRING (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (secret == NULL)
    {
      g_autoptr(GError) missing = NULL;

      missing = g_error_new (LINEUP_API_ERROR, LINEUP_API_ERROR_NO_CREDENTIALS, "%s %s",
                             error ? error->message : _("No API secret is stored for this key."),
                             _("Enter it in API Secret."));
      show_error_outcome (self, missing);
      return;
    }

  account = account_from_rows (self);
  test_with_secret (self, account, secret);
  lineup_keyring_secret_free (secret);
}

void
_lineup_preferences_window_test_connection (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter)
{
  LineupPreferencesWindow *self = LINEUP_PREFERENCES_WINDOW (widget);
  g_autoptr(LineupAccount) account = account_from_rows (self);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));

  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);
  self->test_cancellable = g_cancellable_new ();
  set_testing (self, TRUE);

  if (*typed != '\0' || *account->api_key == '\0')
    test_with_secret (self, account, typed);
  else
    lineup_keyring_lookup_async (self->keyring, account->api_key, self->test_cancellable,
                                 test_secret_cb, g_object_ref (self));
}
