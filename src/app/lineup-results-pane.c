/* lineup-results-pane.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-results-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-accessible.h"
#include "lineup-error.h"
#include "lineup-error-text.h"
#include "lineup-match-detail.h"
#include "lineup-match-row.h"
#include "lineup-results-pane.h"
#include "lineup-score.h"

/* What a search gave, or why it gave nothing: idle, connecting,
 * searching, the ranked matches, or an error with a way forward. It
 * shows; the search page decides. Results stay tied to the photo they
 * were searched with: when the probe changes they are marked as the
 * previous photo's, never passed off as the new one's. */

#define THUMBNAIL_SIDE 96

struct _LineupResultsPane
{
  AdwBin              parent_instance;

  LineupSearchResult *result;
  LineupGroup        *group;
  GdkPaintable       *probe;
  LineupDemoSeam     *demo;
  GCancellable       *thumbnails_cancellable;
  double              threshold;
  guint               rotate : 1;
  guint               service_error : 1;

  GtkRevealer        *back_revealer;
  GtkStack           *results_stack;
  GtkSpinner         *connecting_spinner;
  GtkSpinner         *search_spinner;
  GtkRevealer        *stale_revealer;
  GtkLabel           *results_title;
  GtkLabel           *results_summary;
  GtkWidget          *rotate_hint;
  GtkListBox         *results_list;
  AdwStatusPage      *error_page;
  GtkButton          *try_again_button;
  GtkWidget          *rotate_button;
  GtkWidget          *use_demo_button;
  GtkWidget          *preferences_button;
  GtkExpander        *details_expander;
  GtkLabel           *error_details;
};

G_DEFINE_FINAL_TYPE (LineupResultsPane, lineup_results_pane, ADW_TYPE_BIN)

enum {
  RETRY_LOOKUP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_page (LineupResultsPane *self,
           const char        *name)
{
  gboolean connecting = g_strcmp0 (name, "connecting") == 0;
  gboolean searching = g_strcmp0 (name, "searching") == 0;

  if (connecting)
    gtk_spinner_start (self->connecting_spinner);
  else
    gtk_spinner_stop (self->connecting_spinner);
  if (searching)
    gtk_spinner_start (self->search_spinner);
  else
    gtk_spinner_stop (self->search_spinner);

  gtk_stack_set_visible_child_name (self->results_stack, name);
}

/* Rows */

static void
thumbnail_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LineupMatchRow) row = user_data;
  g_autoptr(GdkTexture) texture = NULL;

  texture = lineup_demo_seam_load_picture_finish (LINEUP_DEMO_SEAM (object), result, NULL);
  if (texture != NULL)
    lineup_match_row_set_thumbnail (row, GDK_PAINTABLE (texture));
}

static void
on_row_retry (LineupResultsPane *self,
              LineupMatchRow    *row)
{
  g_signal_emit (self, signals[RETRY_LOOKUP], 0, lineup_match_row_get_match (row));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  LineupResultsPane *self = user_data;
  LineupMatch *match = item;
  GtkWidget *row = lineup_match_row_new (match, self->threshold);

  g_signal_connect_object (row, "retry", G_CALLBACK (on_row_retry), self, G_CONNECT_SWAPPED);

  /* Only the demo service keeps pictures of enrolled faces. */
  if (self->demo != NULL)
    lineup_demo_seam_load_picture_async (self->demo, lineup_match_get_group_id (match),
                                         lineup_match_get_face_token (match), THUMBNAIL_SIDE,
                                         self->thumbnails_cancellable, thumbnail_cb, g_object_ref (row));
  return row;
}

static void
on_row_activated (LineupResultsPane *self,
                  GtkListBoxRow     *row)
{
  GtkWidget *detail;

  if (!LINEUP_IS_MATCH_ROW (row))
    return;

  detail = lineup_match_detail_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                    lineup_match_row_get_match (LINEUP_MATCH_ROW (row)),
                                    self->group, self->threshold, self->probe, self->demo,
                                    lineup_search_result_get_request_id (self->result));
  g_signal_connect_object (detail, "retry-lookup", G_CALLBACK (on_row_retry), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (detail));
}

/* Summary */

static void
update_summary (LineupResultsPane *self)
{
  GListModel *matches;
  const char *library;
  g_autofree char *threshold = lineup_score_format (self->threshold);
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  guint n, above = 0;
  gint64 time_used;

  if (self->result == NULL)
    return;

  matches = lineup_search_result_get_matches (self->result);
  n = g_list_model_get_n_items (matches);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupMatch) match = g_list_model_get_item (matches, i);

      if (lineup_match_is_above (match, self->threshold))
        above++;
    }

  if (n == 0)
    title = g_strdup (_("No Candidates"));
  else if (above == 0)
    /* Translators: the argument is the threshold, such as 75.0 */
    title = g_strdup_printf (_("No match above %s"), threshold);
  else
    title = g_strdup_printf (ngettext ("%u Match", "%u Matches", above), above);
  gtk_label_set_text (self->results_title, title);

  library = self->group ? lineup_group_get_display_name (self->group) : "";
  if (n == 0)
    summary = g_strdup_printf (_("The library “%s” returned no candidates."), library);
  else if (above == 0)
    summary = g_strdup_printf (ngettext ("The %u candidate from “%s” scores at or below %s.",
                                         "All %u candidates from “%s” score at or below %s.", n),
                               n, library, threshold);
  else
    /* Translators: "3 of 5 results score above 75.0 in “Demo people”" */
    summary = g_strdup_printf (ngettext ("%u of %u result scores above %s in “%s”",
                                         "%u of %u results score above %s in “%s”", n),
                               above, n, threshold, library);

  time_used = lineup_search_result_get_time_used (self->result);
  if (time_used >= 0)
    {
      /* Translators: a summary, then the service's time in milliseconds */
      g_autofree char *timed = g_strdup_printf (_("%s · %d ms"), summary, (int)MIN (time_used, G_MAXINT));

      g_free (summary);
      summary = g_steal_pointer (&timed);
    }
  gtk_label_set_text (self->results_summary, summary);

  gtk_widget_set_visible (self->rotate_hint, above == 0 && !self->rotate);
}

/* Errors */

static void
set_error (LineupResultsPane *self,
           const char        *title,
           const GError      *error,
           const char        *hint)
{
  g_autofree char *summary = lineup_error_dup_summary (error);
  g_autofree char *technical = lineup_error_dup_technical (error);
  g_autofree char *description = NULL;

  description = hint ? g_strdup_printf ("%s %s", summary, hint) : g_strdup (summary);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, description);
  gtk_label_set_text (self->error_details, technical);
  gtk_expander_set_expanded (self->details_expander, FALSE);
  show_page (self, "error");
}

static gboolean
app_has_action (LineupResultsPane *self,
                const char        *name)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  return app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), name);
}

/* GObject */

static void
lineup_results_pane_dispose (GObject *object)
{
  LineupResultsPane *self = (LineupResultsPane *)object;

  g_cancellable_cancel (self->thumbnails_cancellable);
  g_clear_object (&self->thumbnails_cancellable);
  if (self->results_list != NULL)
    gtk_list_box_bind_model (self->results_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_RESULTS_PANE);
  g_clear_object (&self->result);
  g_clear_object (&self->group);
  g_clear_object (&self->probe);
  g_clear_object (&self->demo);

  G_OBJECT_CLASS (lineup_results_pane_parent_class)->dispose (object);
}

static void
lineup_results_pane_class_init (LineupResultsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_results_pane_dispose;

  /**
   * LineupResultsPane::retry-lookup:
   * @match: the match whose face_info lookup failed
   *
   * The operator asks to look the face up again.
   */
  signals[RETRY_LOOKUP] = g_signal_new ("retry-lookup", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, LINEUP_TYPE_MATCH);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/ui/lineup-results-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupResultsPane, back_revealer);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsPane, results_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsPane, connecting_spinner);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsPane, search_spinner);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsPane, stale_revealer);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsPane, results_title);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsPane, results_summary);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsPane, rotate_hint);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsPane, results_list);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsPane, error_page);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsPane, try_again_button);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsPane, rotate_button);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsPane, use_demo_button);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsPane, preferences_button);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsPane, details_expander);
  gtk_widget_class_bind_template_child (widget_class, LineupResultsPane, error_details);
}

static void
lineup_results_pane_init (LineupResultsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lineup_accessible_clean_names (GTK_WIDGET (self));
  self->threshold = 75;
  g_signal_connect_object (self->results_list, "row-activated", G_CALLBACK (on_row_activated),
                           self, G_CONNECT_SWAPPED);
}

/* Public */

/**
 * lineup_results_pane_get_state:
 *
 * Returns: which state is shown: "idle", "connecting", "searching",
 *   "results" or "error"
 */
const char *
lineup_results_pane_get_state (LineupResultsPane *self)
{
  g_return_val_if_fail (LINEUP_IS_RESULTS_PANE (self), NULL);
  return gtk_stack_get_visible_child_name (self->results_stack);
}

/**
 * lineup_results_pane_get_result:
 *
 * Returns: (transfer none) (nullable): the result shown, if any
 */
LineupSearchResult *
lineup_results_pane_get_result (LineupResultsPane *self)
{
  g_return_val_if_fail (LINEUP_IS_RESULTS_PANE (self), NULL);
  return self->result;
}

void
lineup_results_pane_show_idle (LineupResultsPane *self)
{
  g_return_if_fail (LINEUP_IS_RESULTS_PANE (self));
  show_page (self, "idle");
}

void
lineup_results_pane_show_connecting (LineupResultsPane *self)
{
  g_return_if_fail (LINEUP_IS_RESULTS_PANE (self));
  show_page (self, "connecting");
}

void
lineup_results_pane_show_searching (LineupResultsPane *self)
{
  g_return_if_fail (LINEUP_IS_RESULTS_PANE (self));

  self->service_error = FALSE;
  show_page (self, "searching");
}

/**
 * lineup_results_pane_show_result:
 * @group: (nullable): the library searched, to name it
 * @probe: (nullable): the photo searched with, for the detail view
 * @rotate: whether rotation detection was on, to offer it when not
 */
void
lineup_results_pane_show_result (LineupResultsPane  *self,
                                 LineupSearchResult *result,
                                 LineupGroup        *group,
                                 GdkPaintable       *probe,
                                 gboolean            rotate)
{
  g_return_if_fail (LINEUP_IS_RESULTS_PANE (self));
  g_return_if_fail (LINEUP_IS_SEARCH_RESULT (result));

  g_cancellable_cancel (self->thumbnails_cancellable);
  g_clear_object (&self->thumbnails_cancellable);
  self->thumbnails_cancellable = g_cancellable_new ();

  g_set_object (&self->result, result);
  g_set_object (&self->group, group);
  g_set_object (&self->probe, probe);
  self->rotate = !!rotate;
  self->service_error = FALSE;

  gtk_list_box_bind_model (self->results_list, lineup_search_result_get_matches (result),
                           create_row, self, NULL);
  update_summary (self);
  lineup_results_pane_set_stale (self, FALSE);
  show_page (self, "results");
}

void
lineup_results_pane_show_search_error (LineupResultsPane *self,
                                       const GError      *error,
                                       gboolean           rotate)
{
  gboolean no_face;

  g_return_if_fail (LINEUP_IS_RESULTS_PANE (self));
  g_return_if_fail (error != NULL);

  no_face = g_error_matches (error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_FACE_FOUND);
  self->service_error = FALSE;
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->try_again_button), "search.run");
  gtk_widget_set_visible (self->rotate_button, no_face && !rotate);
  gtk_widget_set_visible (self->use_demo_button, FALSE);
  gtk_widget_set_visible (self->preferences_button, FALSE);
  set_error (self, _("Search Failed"), error,
             no_face && !rotate ? _("If the face is turned, rotation detection may find it.") : NULL);
}

void
lineup_results_pane_show_service_error (LineupResultsPane *self,
                                        const GError      *error,
                                        LineupServiceMode  mode)
{
  g_return_if_fail (LINEUP_IS_RESULTS_PANE (self));
  g_return_if_fail (error != NULL);

  self->service_error = TRUE;
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->try_again_button), "win.retry-service");
  gtk_widget_set_visible (self->rotate_button, FALSE);
  gtk_widget_set_visible (self->use_demo_button, mode == LINEUP_SERVICE_MODE_ACCOUNT);
  gtk_widget_set_visible (self->preferences_button, app_has_action (self, "preferences"));
  set_error (self, _("Service Unavailable"), error, NULL);
}

/**
 * lineup_results_pane_restore:
 *
 * Shows the results of the last search again, or the idle page when
 * there are none: after a cancelled search, say.
 */
void
lineup_results_pane_restore (LineupResultsPane *self)
{
  g_return_if_fail (LINEUP_IS_RESULTS_PANE (self));

  self->service_error = FALSE;
  show_page (self, self->result ? "results" : "idle");
}

/**
 * lineup_results_pane_leave_error:
 *
 * Once the service works again its error page goes: back to the results
 * if there are any, else to the idle page.
 */
void
lineup_results_pane_leave_error (LineupResultsPane *self)
{
  g_return_if_fail (LINEUP_IS_RESULTS_PANE (self));

  if (g_strcmp0 (lineup_results_pane_get_state (self), "error") != 0 &&
      g_strcmp0 (lineup_results_pane_get_state (self), "connecting") != 0)
    return;
  if (g_strcmp0 (lineup_results_pane_get_state (self), "error") == 0 && !self->service_error)
    return;

  lineup_results_pane_restore (self);
}

void
lineup_results_pane_set_threshold (LineupResultsPane *self,
                                   double             threshold)
{
  g_return_if_fail (LINEUP_IS_RESULTS_PANE (self));

  self->threshold = threshold;

  /* Tuning: the rows re-judge themselves, no new request is made. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (LINEUP_IS_MATCH_ROW (child))
      lineup_match_row_set_threshold (LINEUP_MATCH_ROW (child), threshold);
  update_summary (self);
}

/**
 * lineup_results_pane_set_stale:
 *
 * Marks the results as those of the previous photo: dimmed, with a bar
 * that says so and offers to search the new one.
 */
void
lineup_results_pane_set_stale (LineupResultsPane *self,
                               gboolean           stale)
{
  g_return_if_fail (LINEUP_IS_RESULTS_PANE (self));

  gtk_revealer_set_reveal_child (self->stale_revealer, stale);
  if (stale)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->results_list), "stale");
      gtk_widget_add_css_class (GTK_WIDGET (self->results_title), "stale");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->results_list), "stale");
      gtk_widget_remove_css_class (GTK_WIDGET (self->results_title), "stale");
    }
}

/**
 * lineup_results_pane_set_demo:
 * @demo: (nullable): the demo service, which has pictures of its faces
 */
void
lineup_results_pane_set_demo (LineupResultsPane *self,
                              LineupDemoSeam    *demo)
{
  g_return_if_fail (LINEUP_IS_RESULTS_PANE (self));
  g_set_object (&self->demo, demo);
}

/**
 * lineup_results_pane_set_folded:
 *
 * In the narrow layout the results are a page of their own, with a way
 * back to the photo.
 */
void
lineup_results_pane_set_folded (LineupResultsPane *self,
                                gboolean           folded)
{
  g_return_if_fail (LINEUP_IS_RESULTS_PANE (self));
  gtk_revealer_set_reveal_child (self->back_revealer, folded);
}
