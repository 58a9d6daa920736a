/* lineup-preferences-window-plain-http.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-preferences-window-private.h"

/* The question asked before the API key goes to a host that is not this
 * machine over plain HTTP. */

typedef struct
{
  LineupPreferencesWindow *self;
  char                    *url;
  gboolean                 answered;
} PlainHttpConsent;

static void
plain_http_consent_free (gpointer  data,
                         GClosure *closure)
{
  PlainHttpConsent *consent = data;

  g_object_unref (consent->self);
  g_free (consent->url);
  g_free (consent);
}

static void
plain_http_response_cb (GObject    *dialog,
                        const char *response,
                        gpointer    user_data)
{
  PlainHttpConsent *consent = user_data;

  /* closing after a response answers again, with the close response */
  if (consent->answered)
    return;
  consent->answered = TRUE;

  if (g_strcmp0 (response, "allow") == 0)
    _lineup_preferences_window_save_custom_url (consent->self, consent->url, TRUE);
  else
    _lineup_preferences_window_set_error (consent->self->custom_url_row, TRUE);
}

/* An AdwAlertDialog from libadwaita 1.5; below, an AdwMessageDialog
 * (deprecated in 1.6). The two share their properties and ::response. */
void
_lineup_preferences_window_ask_plain_http (LineupPreferencesWindow *self,
                                           const char              *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *body = NULL;
  PlainHttpConsent *consent;
  GtkWidget *dialog;

  body = g_strdup_printf (_("“%s” uses plain HTTP. Anyone on the network between here and there "
                            "can read the API key and the signatures, and change the results. "
                            "Use an https:// address if the service has one."),
                          uri ? g_uri_get_host (uri) : url);
#if ADW_CHECK_VERSION (1, 5, 0)
  dialog = GTK_WIDGET (adw_alert_dialog_new (NULL, NULL));
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "cancel", _("_Cancel"),
                                  "allow", _("_Use Plain HTTP"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "allow", ADW_RESPONSE_DESTRUCTIVE);
#else
  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "allow", _("_Use Plain HTTP"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "allow", ADW_RESPONSE_DESTRUCTIVE);
#endif
  g_object_set (dialog,
                /* Translators: keep it short: the dialog can be as narrow as a phone */
                "heading", _("Send Key Unencrypted?"),
                "body", body,
                "default-response", "cancel",
                "close-response", "cancel",
                NULL);

  consent = g_new0 (PlainHttpConsent, 1);
  consent->self = g_object_ref (self);
  consent->url = g_strdup (url);
  g_signal_connect_data (dialog, "response", G_CALLBACK (plain_http_response_cb), consent,
                         plain_http_consent_free, 0);
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
#else
  gtk_window_present (GTK_WINDOW (dialog));
#endif
}
