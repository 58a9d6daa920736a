/* lineup-inspector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-inspector"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lineup-inspector.h"

/* Every request the client made, newest first: what was sent (the sign
 * redacted by the API layer, user data and images shown by size), a curl
 * command to repeat it and the service's raw reply. Where the vendor's
 * documentation is silent, the raw reply is what an operator needs. */
struct _LineupInspector
{
  AdwWindow        parent_instance;
  LineupClient    *client;
  GtkSortListModel *sorted;
  AdwToastOverlay *toasts;
  GtkListBox      *list;
};

G_DEFINE_FINAL_TYPE (LineupInspector, lineup_inspector, ADW_TYPE_WINDOW)

static int
newest_first (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  GDateTime *ta = lineup_exchange_get_started ((LineupExchange *)a);
  GDateTime *tb = lineup_exchange_get_started ((LineupExchange *)b);

  if (ta == NULL || tb == NULL)
    return 0;
  return -g_date_time_compare (ta, tb);
}

static GtkWidget *
section (const char *title,
         const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *body = gtk_label_new (text && *text ? text : _("(empty)"));

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (body, "monospace");
  gtk_widget_add_css_class (body, "caption");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), body);

  return box;
}

static void
copy_curl (GtkButton      *button,
           LineupExchange *exchange)
{
  LineupInspector *self = LINEUP_INSPECTOR (gtk_widget_get_root (GTK_WIDGET (button)));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          lineup_exchange_get_curl_command (exchange));
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Command copied. Put the signature in before running it.")));
}

static char *
describe (LineupExchange *exchange)
{
  const GError *error = lineup_exchange_get_error (exchange);
  g_autoptr(GDateTime) local = g_date_time_to_local (lineup_exchange_get_started (exchange));
  /* The locale's time of day (LC_TIME) */
  g_autofree char *when = g_date_time_format (local, "%X");
  GString *text = g_string_new (when);

  if (lineup_exchange_get_status (exchange) != 0)
    g_string_append_printf (text, " · HTTP %u", lineup_exchange_get_status (exchange));
  g_string_append_printf (text, " · %" G_GINT64_FORMAT " ms", lineup_exchange_get_duration_ms (exchange));
  if (lineup_exchange_get_attempt (exchange) > 1)
    /* Translators: the attempt number of a retried request */
    g_string_append_printf (text, _(" · attempt %u"), lineup_exchange_get_attempt (exchange));
  if (error != NULL)
    g_string_append_printf (text, " · %s", error->message);

  return g_string_free (text, FALSE);
}

/* user_data is personal data the operator already sees in the rows; the
 * inspector is for the protocol, so it shows only how long it is. */
static void
redact_user_data (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        redact_user_data (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l; l = l->next)
        {
          JsonNode *member = json_object_get_member (object, l->data);

          if (g_strcmp0 (l->data, "user_data") == 0 && JSON_NODE_HOLDS_VALUE (member) &&
              json_node_get_value_type (member) == G_TYPE_STRING)
            {
              g_autofree char *hidden = g_strdup_printf ("<%ld characters>",
                                                         g_utf8_strlen (json_node_get_string (member), -1));
              json_object_set_string_member (object, l->data, hidden);
            }
          else
            redact_user_data (member);
        }
    }
}

/* Replies are one long line; indent them when they are JSON, and show
 * anything else exactly as it came. */
static char *
format_body (const char *body)
{
  g_autoptr(JsonNode) node = NULL;

  if (body == NULL || (node = json_from_string (body, NULL)) == NULL)
    return g_strdup (body);
  redact_user_data (node);
  return json_to_string (node, TRUE);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  LineupExchange *exchange = item;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *copy = gtk_button_new_with_mnemonic (_("_Copy as curl Command"));
  g_autofree char *title = g_strdup_printf ("%s %s", lineup_exchange_get_method (exchange),
                                            lineup_exchange_get_endpoint (exchange));
  g_autofree char *subtitle = describe (exchange);
  g_autofree char *response = NULL;
  g_autofree char *body = format_body (lineup_exchange_get_response_body (exchange));
  const char *request_id = lineup_exchange_get_request_id (exchange);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  if (lineup_exchange_get_error (exchange) != NULL)
    adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));

  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_box_append (GTK_BOX (content), section (_("Request"),
                                              lineup_exchange_get_request_description (exchange)));
  if (request_id != NULL)
    response = g_strdup_printf ("request_id: %s\n\n%s", request_id, body ? body : "");
  else
    response = g_steal_pointer (&body);
  gtk_box_append (GTK_BOX (content), section (_("Response"), response));

  gtk_widget_set_halign (copy, GTK_ALIGN_START);
  g_signal_connect_object (copy, "clicked", G_CALLBACK (copy_curl), exchange, 0);
  gtk_box_append (GTK_BOX (content), copy);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), content);
  return row;
}

static void
lineup_inspector_dispose (GObject *object)
{
  LineupInspector *self = (LineupInspector *)object;

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->sorted);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_INSPECTOR);

  G_OBJECT_CLASS (lineup_inspector_parent_class)->dispose (object);
}

static void
lineup_inspector_class_init (LineupInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_inspector_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/ui/lineup-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupInspector, toasts);
  gtk_widget_class_bind_template_child (widget_class, LineupInspector, list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lineup_inspector_init (LineupInspector *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (placeholder), "network-transmit-receive-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (placeholder), _("No Requests Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (placeholder),
                                   _("Each request to the service appears here, with its reply."));
  gtk_list_box_set_placeholder (self->list, placeholder);
}

GtkWidget *
lineup_inspector_new (GtkWindow *parent)
{
  return g_object_new (LINEUP_TYPE_INSPECTOR, "transient-for", parent, NULL);
}

/**
 * lineup_inspector_set_client:
 * @client: (nullable): whose requests to show
 */
void
lineup_inspector_set_client (LineupInspector *self,
                             LineupClient    *client)
{
  g_return_if_fail (LINEUP_IS_INSPECTOR (self));

  if (!g_set_object (&self->client, client))
    return;

  g_clear_object (&self->sorted);
  if (client == NULL)
    {
      gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
      return;
    }

  self->sorted = gtk_sort_list_model_new (g_object_ref (lineup_client_get_exchanges (client)),
                                          GTK_SORTER (gtk_custom_sorter_new (newest_first, NULL, NULL)));
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->sorted), create_row, self, NULL);
}
