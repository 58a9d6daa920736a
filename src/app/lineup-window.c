/* lineup-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-window"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lineup-error.h"
#include "lineup-group.h"
#include "lineup-inspector.h"
#include "lineup-match-row.h"
#include "lineup-window-private.h"

/* The main window: the probe photo and search options on the left, the
 * ranked matches on the right. It talks only to LineupClient; opening
 * files, actions and drag-and-drop live in lineup-window-*.c. */

G_DEFINE_FINAL_TYPE (LineupWindow, lineup_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cancel_and_clear (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

void
_lineup_window_toast_error (LineupWindow *self,
                            const GError *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

void
_lineup_window_update_actions (LineupWindow *self)
{
  gboolean searching = self->search_cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search",
                                 self->client != NULL && self->image != NULL &&
                                 adw_combo_row_get_selected_item (self->group_row) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", searching);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload-groups", self->client != NULL);
}

static const char *
selected_group_id (LineupWindow *self)
{
  LineupGroup *group = adw_combo_row_get_selected_item (self->group_row);

  return group ? lineup_group_get_group_id (group) : NULL;
}

/* Image */

void
_lineup_window_set_image (LineupWindow *self,
                          LineupImage  *image)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *size = NULL;
  g_autofree char *info = NULL;

  if (!g_set_object (&self->image, image))
    return;

  if (image == NULL)
    {
      gtk_stack_set_visible_child_name (self->image_stack, "empty");
      gtk_label_set_text (self->image_info, _("No photo yet"));
      _lineup_window_update_actions (self);
      return;
    }

  texture = gdk_texture_new_for_pixbuf (lineup_image_get_preview (image));
  gtk_picture_set_paintable (self->image_picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->image_stack, "image");

  size = g_format_size (g_bytes_get_size (lineup_image_get_bytes (image)));
  if (lineup_image_get_reencoded (image))
    /* Translators: file name · original size → sent size · bytes */
    info = g_strdup_printf (_("%s · %d × %d, sent as %d × %d JPEG · %s"),
                            lineup_image_get_filename (image),
                            lineup_image_get_source_width (image), lineup_image_get_source_height (image),
                            lineup_image_get_width (image), lineup_image_get_height (image), size);
  else
    /* Translators: file name · width × height · bytes */
    info = g_strdup_printf (_("%s · %d × %d · %s"), lineup_image_get_filename (image),
                            lineup_image_get_width (image), lineup_image_get_height (image), size);
  gtk_label_set_text (self->image_info, info);

  _lineup_window_update_actions (self);
}

static void
image_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LineupWindow) self = user_data;
  g_autoptr(LineupImage) image = NULL;
  g_autoptr(GError) error = NULL;

  image = lineup_image_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->image_cancellable);
  gtk_spinner_stop (self->image_spinner);

  if (image == NULL)
    {
      /* The previous photo stays: a bad file loses nothing. */
      gtk_stack_set_visible_child_name (self->image_stack, self->image ? "image" : "empty");
      _lineup_window_toast_error (self, error);
      return;
    }

  _lineup_window_set_image (self, image);
}

static void
begin_image_load (LineupWindow *self)
{
  cancel_and_clear (&self->image_cancellable);
  self->image_cancellable = g_cancellable_new ();
  gtk_spinner_start (self->image_spinner);
  gtk_stack_set_visible_child_name (self->image_stack, "loading");
}

/**
 * lineup_window_open_file:
 *
 * Reads and prepares @file in a worker thread and shows it as the probe.
 */
void
lineup_window_open_file (LineupWindow *self,
                         GFile        *file)
{
  g_return_if_fail (LINEUP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  begin_image_load (self);
  lineup_image_load_async (file, self->image_cancellable, image_loaded_cb, g_object_ref (self));
}

void
_lineup_window_open_bytes (LineupWindow *self,
                           GBytes       *bytes,
                           const char   *file_name)
{
  begin_image_load (self);
  lineup_image_prepare_async (bytes, file_name, self->image_cancellable,
                              image_loaded_cb, g_object_ref (self));
}

/* Libraries */

static void
groups_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LineupWindow) self = user_data;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wanted = NULL;
  guint n;

  groups = lineup_client_group_list_finish (LINEUP_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->groups_cancellable);

  if (groups == NULL)
    {
      lineup_window_set_service_error (self, error);
      return;
    }

  n = g_list_model_get_n_items (groups);
  wanted = g_settings_get_string (self->settings, "group");
  g_list_store_remove_all (self->groups);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupGroup) group = g_list_model_get_item (groups, i);

      g_list_store_append (self->groups, group);
      if (g_strcmp0 (lineup_group_get_group_id (group), wanted) == 0)
        adw_combo_row_set_selected (self->group_row, i);
    }

  if (n == 0)
    adw_status_page_set_description (self->idle_page,
                                     _("This account has no face libraries yet."));
  _lineup_window_update_actions (self);
}

static void
reload_groups (LineupWindow *self)
{
  cancel_and_clear (&self->groups_cancellable);
  if (self->client == NULL)
    return;

  self->groups_cancellable = g_cancellable_new ();
  lineup_client_group_list_async (self->client, self->groups_cancellable, groups_cb, g_object_ref (self));
}

static void
on_group_selected (LineupWindow *self)
{
  const char *group_id = selected_group_id (self);

  if (group_id != NULL)
    g_settings_set_string (self->settings, "group", group_id);
  _lineup_window_update_actions (self);
}

/* Results */

typedef struct
{
  LineupDemoStore *store;
  char            *group_id;
  char            *face_token;
} ThumbnailRequest;

static void
thumbnail_request_free (gpointer data)
{
  ThumbnailRequest *request = data;

  g_object_unref (request->store);
  g_free (request->group_id);
  g_free (request->face_token);
  g_free (request);
}

static void
thumbnail_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ThumbnailRequest *request = task_data;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GBytes) bytes = NULL;
  GdkPixbuf *pixbuf;

  bytes = lineup_demo_store_get_thumbnail (request->store, request->group_id, request->face_token);
  if (bytes == NULL ||
      !gdk_pixbuf_loader_write_bytes (loader, bytes, NULL) ||
      !gdk_pixbuf_loader_close (loader, NULL) ||
      !(pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)))
    {
      if (bytes == NULL)
        gdk_pixbuf_loader_close (loader, NULL);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_task_return_pointer (task, g_object_ref (pixbuf), g_object_unref);
}

static void
thumbnail_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GdkPixbuf) pixbuf = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GdkTexture) texture = NULL;

  if (pixbuf == NULL)
    return;
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  lineup_match_row_set_thumbnail (LINEUP_MATCH_ROW (object), GDK_PAINTABLE (texture));
}

/* Only the demo service keeps pictures of enrolled faces; the real API
 * has no way to fetch them. Reading the store and decoding the JPEG
 * happen on a worker, a row at a time. */
static void
load_thumbnail (LineupWindow   *self,
                LineupMatchRow *row,
                LineupMatch    *match)
{
  g_autoptr(GTask) task = NULL;
  ThumbnailRequest *request;

  if (self->demo == NULL)
    return;

  request = g_new0 (ThumbnailRequest, 1);
  request->store = g_object_ref (lineup_demo_server_get_store (self->demo));
  request->group_id = g_strdup (lineup_match_get_group_id (match));
  request->face_token = g_strdup (lineup_match_get_face_token (match));

  task = g_task_new (row, NULL, thumbnail_cb, NULL);
  g_task_set_task_data (task, request, thumbnail_request_free);
  g_task_run_in_thread (task, thumbnail_thread);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  LineupWindow *self = user_data;
  GtkWidget *row = lineup_match_row_new (item, gtk_adjustment_get_value (self->threshold_adjustment));

  load_thumbnail (self, LINEUP_MATCH_ROW (row), item);
  return row;
}

static void
update_summary (LineupWindow *self)
{
  GListModel *matches;
  double threshold = gtk_adjustment_get_value (self->threshold_adjustment);
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *timing = NULL;
  guint n, above = 0;

  if (self->result == NULL)
    return;

  matches = lineup_search_result_get_matches (self->result);
  n = g_list_model_get_n_items (matches);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupMatch) match = g_list_model_get_item (matches, i);
      double score = lineup_match_get_score (match);

      if (isfinite (score) && score > threshold)
        above++;
    }

  if (above == 0)
    title = g_strdup (_("No Match"));
  else
    title = g_strdup_printf (ngettext ("%u Match", "%u Matches", above), above);
  gtk_label_set_text (self->results_title, title);

  if (lineup_search_result_get_time_used (self->result) >= 0)
    /* Translators: server time in milliseconds */
    timing = g_strdup_printf (_("%d ms"), (int)MIN (lineup_search_result_get_time_used (self->result), G_MAXINT));
  /* Translators: "3 of 5 results score above 75.0 in “demo” · 41 ms · request 1769…" */
  summary = g_strdup_printf (ngettext ("%u of %u result scores above %.1f in “%s”",
                                       "%u of %u results score above %.1f in “%s”", n),
                             above, n, threshold, self->searched_group);
  if (timing != NULL)
    {
      char *tmp = g_strdup_printf ("%s · %s", summary, timing);
      g_free (summary);
      summary = tmp;
    }
  if (lineup_search_result_get_request_id (self->result) != NULL)
    {
      char *tmp = g_strdup_printf (_("%s · request %s"), summary,
                                   lineup_search_result_get_request_id (self->result));
      g_free (summary);
      summary = tmp;
    }
  gtk_label_set_text (self->results_summary, summary);
}

static void
on_threshold_changed (LineupWindow *self)
{
  double threshold = gtk_adjustment_get_value (self->threshold_adjustment);

  /* Tuning: the rows re-judge themselves, no new request is made. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (LINEUP_IS_MATCH_ROW (child))
      lineup_match_row_set_threshold (LINEUP_MATCH_ROW (child), threshold);
  update_summary (self);
}

static void
show_error (LineupWindow *self,
            const char   *title,
            const GError *error)
{
  const char *code = lineup_api_error_get_api_code (error);
  const char *request_id = lineup_api_error_get_request_id (error);
  guint status = lineup_api_error_get_http_status (error);
  g_autoptr(GString) details = g_string_new (NULL);

  if (code != NULL)
    g_string_append_printf (details, _("Error code: %s"), code);
  if (status != 0)
    {
      if (details->len)
        g_string_append (details, " · ");
      g_string_append_printf (details, _("HTTP %u"), status);
    }
  if (request_id != NULL)
    {
      if (details->len)
        g_string_append_c (details, '\n');
      g_string_append_printf (details, _("Request ID: %s"), request_id);
    }

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_label_set_text (self->error_details, details->str);
  gtk_widget_set_visible (GTK_WIDGET (self->error_details), details->len > 0);
  gtk_stack_set_visible_child_name (self->results_stack, "error");
}

static void
faces_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LineupWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Per-face failures show on their rows; only cancellation ends here. */
  lineup_client_fetch_faces_finish (LINEUP_CLIENT (object), result, &error);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LineupWindow) self = user_data;
  g_autoptr(LineupSearchResult) search_result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *matches;

  search_result = lineup_client_search_finish (LINEUP_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->search_spinner);

  if (search_result == NULL)
    {
      g_clear_object (&self->search_cancellable);
      _lineup_window_update_actions (self);
      show_error (self, _("Search Failed"), error);
      return;
    }

  g_set_object (&self->result, search_result);
  matches = lineup_search_result_get_matches (search_result);
  gtk_list_box_bind_model (self->results_list, matches, create_row, self, NULL);
  update_summary (self);
  gtk_stack_set_visible_child_name (self->results_stack, "results");

  /* Who each face is arrives row by row; the search cancellable also
   * stops these lookups when a new search starts. */
  lineup_client_fetch_faces_async (LINEUP_CLIENT (object), matches, self->search_cancellable,
                                   faces_cb, g_object_ref (self));
  g_clear_object (&self->search_cancellable);
  _lineup_window_update_actions (self);
}

static void
lineup_window_search_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  LineupWindow *self = LINEUP_WINDOW (widget);
  LineupSearchOptions options = LINEUP_SEARCH_OPTIONS_INIT;
  const char *group_id = selected_group_id (self);

  if (self->client == NULL || self->image == NULL || group_id == NULL)
    return;

  cancel_and_clear (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();
  g_free (self->searched_group);
  self->searched_group = g_strdup (group_id);

  options.limit = gtk_spin_button_get_value_as_int (self->limit_spin);
  /* No threshold is sent: the service returns its best matches whatever
   * their score and they are judged here, so moving the threshold
   * re-judges them without a new request. */
  options.rotate = gtk_switch_get_active (self->rotate_switch);
  options.send_base64 = g_settings_get_boolean (self->settings, "send-base64");

  gtk_spinner_start (self->search_spinner);
  gtk_stack_set_visible_child_name (self->results_stack, "searching");
  _lineup_window_update_actions (self);

  lineup_client_search_async (self->client, group_id, self->image, &options,
                              self->search_cancellable, search_cb, g_object_ref (self));
}

static void
lineup_window_cancel_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  LineupWindow *self = LINEUP_WINDOW (widget);

  if (self->search_cancellable == NULL)
    return;

  cancel_and_clear (&self->search_cancellable);
  gtk_spinner_stop (self->search_spinner);
  gtk_stack_set_visible_child_name (self->results_stack, self->result ? "results" : "idle");
  _lineup_window_update_actions (self);
}

static void
lineup_window_threshold_preset_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  LineupWindow *self = LINEUP_WINDOW (widget);

  gtk_adjustment_set_value (self->threshold_adjustment, g_variant_get_double (parameter));
}

static void
lineup_window_reload_groups_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  reload_groups (LINEUP_WINDOW (widget));
}

static void
lineup_window_show_requests_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  LineupWindow *self = LINEUP_WINDOW (widget);

  if (self->inspector == NULL)
    {
      self->inspector = lineup_inspector_new (GTK_WINDOW (self));
      g_object_add_weak_pointer (G_OBJECT (self->inspector), (gpointer *)&self->inspector);
      gtk_window_set_hide_on_close (GTK_WINDOW (self->inspector), TRUE);
    }
  lineup_inspector_set_client (LINEUP_INSPECTOR (self->inspector), self->client);
  gtk_window_present (GTK_WINDOW (self->inspector));
}

/* Service */

LineupClient *
lineup_window_get_client (LineupWindow *self)
{
  g_return_val_if_fail (LINEUP_IS_WINDOW (self), NULL);
  return self->client;
}

/**
 * lineup_window_set_client:
 * @client: (nullable): the service to use, or %NULL while none is ready
 */
void
lineup_window_set_client (LineupWindow *self,
                          LineupClient *client)
{
  g_autofree char *host = NULL;

  g_return_if_fail (LINEUP_IS_WINDOW (self));

  if (!g_set_object (&self->client, client))
    return;

  if (client != NULL && self->demo == NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (lineup_client_get_base_url (client), G_URI_FLAGS_NONE, NULL);

      host = g_strdup (uri ? g_uri_get_host (uri) : lineup_client_get_base_url (client));
      adw_window_title_set_subtitle (self->window_title, host);
    }

  if (self->inspector != NULL)
    lineup_inspector_set_client (LINEUP_INSPECTOR (self->inspector), client);
  g_list_store_remove_all (self->groups);
  reload_groups (self);
  _lineup_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

/**
 * lineup_window_set_demo_server:
 *
 * Tells the window that its client talks to the built-in demo service:
 * it then offers the demo's sample photos and shows enrolled faces.
 */
void
lineup_window_set_demo_server (LineupWindow     *self,
                               LineupDemoServer *demo)
{
  g_return_if_fail (LINEUP_IS_WINDOW (self));

  g_set_object (&self->demo, demo);
  gtk_widget_set_visible (GTK_WIDGET (self->samples_button), demo != NULL);
  if (demo != NULL)
    adw_window_title_set_subtitle (self->window_title, _("Built-in demo service"));
}

/**
 * lineup_window_set_service_error:
 *
 * Shows why no service can be used (the demo did not start, no secret).
 */
void
lineup_window_set_service_error (LineupWindow *self,
                                 const GError *error)
{
  g_return_if_fail (LINEUP_IS_WINDOW (self));

  show_error (self, _("Service Unavailable"), error);
}

static gboolean
lineup_window_close_request (GtkWindow *window)
{
  LineupWindow *self = LINEUP_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (lineup_window_parent_class)->close_request (window);
}

static void
lineup_window_dispose (GObject *object)
{
  LineupWindow *self = (LineupWindow *)object;

  cancel_and_clear (&self->image_cancellable);
  cancel_and_clear (&self->search_cancellable);
  cancel_and_clear (&self->groups_cancellable);
  if (self->results_list != NULL)
    gtk_list_box_bind_model (self->results_list, NULL, NULL, NULL, NULL);

  if (self->inspector != NULL)
    gtk_window_destroy (GTK_WINDOW (self->inspector));
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_WINDOW);

  g_clear_object (&self->client);
  g_clear_object (&self->demo);
  g_clear_object (&self->image);
  g_clear_object (&self->result);
  g_clear_object (&self->groups);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->searched_group, g_free);

  G_OBJECT_CLASS (lineup_window_parent_class)->dispose (object);
}

static void
lineup_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LineupWindow *self = LINEUP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LineupWindow *self = LINEUP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      lineup_window_set_client (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_window_class_init (LineupWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_window_dispose;
  object_class->get_property = lineup_window_get_property;
  object_class->set_property = lineup_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = lineup_window_close_request;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, LINEUP_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/ui/lineup-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, samples_button);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, samples_section);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, image_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, image_spinner);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, image_picture);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, image_info);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, group_row);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, limit_spin);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, threshold_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, threshold_scale);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, rotate_switch);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, results_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, search_spinner);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, results_title);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, results_summary);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, results_list);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, idle_page);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, error_details);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, lineup_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, lineup_window_cancel_action);
  gtk_widget_class_install_action (widget_class, "win.reload-groups", NULL, lineup_window_reload_groups_action);
  gtk_widget_class_install_action (widget_class, "win.show-requests", NULL, lineup_window_show_requests_action);
  gtk_widget_class_install_action (widget_class, "win.threshold-preset", "d", lineup_window_threshold_preset_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.show-requests", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);

  _lineup_window_class_actions_init (klass);
}

static void
lineup_window_init (LineupWindow *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  self->groups = g_list_store_new (LINEUP_TYPE_GROUP);

  expression = gtk_property_expression_new (LINEUP_TYPE_GROUP, NULL, "display-name");
  adw_combo_row_set_expression (self->group_row, expression);
  adw_combo_row_set_model (self->group_row, G_LIST_MODEL (self->groups));
  g_signal_connect_object (self->group_row, "notify::selected-item",
                           G_CALLBACK (on_group_selected), self, G_CONNECT_SWAPPED);

  g_settings_bind (self->settings, "limit", self->limit_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "threshold", self->threshold_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "rotate", self->rotate_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->threshold_adjustment, "value-changed",
                           G_CALLBACK (on_threshold_changed), self, G_CONNECT_SWAPPED);

  /* The vendor's recommended thresholds (FAR 1e-3 … 1e-6). */
  for (guint i = 0; i < 4; i++)
    gtk_scale_add_mark (self->threshold_scale, 75 + 5 * i, GTK_POS_BOTTOM, NULL);

  _lineup_window_actions_init (self);
  _lineup_window_dnd_init (self);
  _lineup_window_update_actions (self);
}

LineupWindow *
lineup_window_new (GtkApplication *application)
{
  return g_object_new (LINEUP_TYPE_WINDOW, "application", application, NULL);
}
