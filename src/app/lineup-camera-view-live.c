/* lineup-camera-view-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-camera-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-camera-view-private.h"
#include "lineup-error.h"
#include "lineup-error-text.h"
#include "lineup-match.h"
#include "lineup-score.h"
#include "lineup-toast.h"

/* Live mode of the camera view: LineupLiveSearch searches the preview
 * every live-search-interval seconds, and the best match is drawn over
 * the preview, with its score and whether it is above the threshold, in
 * words and not by colour alone. The results go on to whoever listens
 * to ::live-result (the results pane, in the window). */

static void
show_live (LineupCameraView *self,
           const char       *icon_name,
           const char       *css_class,
           const char       *title,
           const char       *detail)
{
  GtkWidget *box = self->live_box;
  g_autofree char *description = NULL;

  gtk_image_set_from_icon_name (self->live_icon, icon_name);
  gtk_label_set_text (self->live_title, title);
  gtk_label_set_text (self->live_detail, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->live_detail), detail != NULL);
  gtk_widget_remove_css_class (box, "above");
  gtk_widget_remove_css_class (box, "below");
  if (css_class != NULL)
    gtk_widget_add_css_class (box, css_class);

  description = detail ? g_strdup_printf ("%s. %s", title, detail) : g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_revealer_set_reveal_child (self->live_revealer, TRUE);
}

static void
on_live_result (LineupLiveSearch   *live,
                LineupSearchResult *result,
                LineupImage        *probe,
                LineupCameraView   *self)
{
  GListModel *matches = lineup_search_result_get_matches (result);
  g_autoptr(LineupMatch) best = g_list_model_get_item (matches, 0);
  g_autofree char *score = NULL;
  g_autofree char *threshold = NULL;
  g_autofree char *detail = NULL;
  const char *who = NULL;
  LineupFace *face;
  gboolean above;

  if (best == NULL)
    show_live (self, "dialog-question-symbolic", "below", _("No match"),
               _("Nobody in this library looks like this face."));
  else
    {
      face = lineup_match_get_face (best);
      if (face != NULL)
        who = lineup_face_get_user_id (face);
      if (who == NULL || *who == '\0')
        who = lineup_match_get_face_token (best);

      score = lineup_score_format (lineup_match_get_score (best));
      threshold = lineup_score_format (g_settings_get_double (self->settings, "threshold"));
      above = lineup_score_is_above (lineup_match_get_score (best), g_settings_get_double (self->settings, "threshold"));
      if (above)
        /* Translators: a score, then the threshold, e.g. "95.6, above the 75.0 threshold" */
        detail = g_strdup_printf (_("%s, above the %s threshold"), score, threshold);
      else
        detail = g_strdup_printf (_("%s, below the %s threshold"), score, threshold);
      show_live (self, above ? "emblem-ok-symbolic" : "dialog-question-symbolic", above ? "above" : "below",
                 who, detail);
    }

  g_signal_emit_by_name (self, "live-result", result, probe);
}

static void
on_live_failed (LineupLiveSearch *live,
                const GError     *error,
                gboolean          stopped,
                LineupCameraView *self)
{
  g_autofree char *summary = lineup_error_dup_summary (error);
  g_autofree char *detail = NULL;

  if (stopped)
    {
      show_live (self, "dialog-warning-symbolic", NULL, _("Live search stopped"), summary);
      lineup_toast_show_error (GTK_WIDGET (self), error);
      /* The toggle goes off; the reason stays on the preview. */
      g_signal_handlers_disconnect_by_data (live, self);
      g_clear_object (&self->live);
      self->live_wanted = FALSE;
      _lineup_camera_view_notify_live (self);
    }
  else if (g_error_matches (error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_FACE_FOUND))
    show_live (self, "avatar-default-symbolic", NULL, _("No face in view"), _("Face the camera."));
  else if (lineup_api_error_is_transient (error))
    {
      guint seconds = (lineup_live_search_get_delay (live) + 999) / 1000;

      detail = g_strdup_printf (ngettext ("Next search in %u second.", "Next search in %u seconds.", seconds),
                                seconds);
      show_live (self, "dialog-warning-symbolic", NULL,
                 g_error_matches (error, LINEUP_API_ERROR, LINEUP_API_ERROR_CONCURRENCY_LIMIT)
                   ? _("The service is busy") : summary,
                 detail);
    }
  else
    show_live (self, "dialog-warning-symbolic", NULL, summary, NULL);
}

void
_lineup_camera_view_start_live (LineupCameraView *self)
{
  LineupSearchOptions options = LINEUP_SEARCH_OPTIONS_INIT;
  g_autofree char *group_id = NULL;

  if (self->live != NULL || self->camera == NULL)
    return;
  group_id = g_settings_get_string (self->settings, "group");
  if (self->client == NULL || *group_id == '\0')
    {
      lineup_toast_show (GTK_WIDGET (self), _("Live search needs the service and a library: wait for them, "
                                              "or choose a library."));
      show_live (self, "dialog-warning-symbolic", NULL, _("Live search is not ready"),
                 _("There is no service or no library yet."));
      self->live_wanted = FALSE;
      _lineup_camera_view_notify_live (self);
      return;
    }

  /* The same options as the Search button; the threshold is judged here */
  options.limit = g_settings_get_int (self->settings, "limit");
  options.rotate = g_settings_get_boolean (self->settings, "rotate");
  options.send_base64 = g_settings_get_boolean (self->settings, "send-base64");

  self->live = lineup_live_search_new (self->client, group_id);
  lineup_live_search_set_options (self->live, &options);
  lineup_live_search_set_interval (self->live, 1000 * g_settings_get_int (self->settings, "live-search-interval"));
  g_signal_connect (self->live, "result", G_CALLBACK (on_live_result), self);
  g_signal_connect (self->live, "failed", G_CALLBACK (on_live_failed), self);
  show_live (self, "edit-find-symbolic", NULL, _("Searching…"), NULL);
  lineup_live_search_start (self->live, self->camera);
}

void
_lineup_camera_view_stop_live (LineupCameraView *self)
{
  if (self->live != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->live, self);
      lineup_live_search_stop (self->live);
      g_clear_object (&self->live);
    }
  gtk_revealer_set_reveal_child (self->live_revealer, FALSE);
}

/* Another library or other options: the next live search uses them. */
static void
on_options_changed (LineupCameraView *self)
{
  if (self->live == NULL)
    return;
  _lineup_camera_view_stop_live (self);
  _lineup_camera_view_start_live (self);
}

void
_lineup_camera_view_live_init (LineupCameraView *self)
{
  static const char * const keys[] = { "group", "limit", "rotate", "send-base64", "live-search-interval" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", keys[i], NULL);

      g_signal_connect_object (self->settings, signal, G_CALLBACK (on_options_changed), self, G_CONNECT_SWAPPED);
    }
}
