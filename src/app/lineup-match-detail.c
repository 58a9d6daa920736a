/* lineup-match-detail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-match-detail"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lineup-accessible.h"
#include "lineup-format.h"
#include "lineup-match-detail.h"
#include "lineup-score.h"
#include "lineup-score-bar.h"
#include "lineup-toast.h"

/* The whole record of one match: everything face_info said, in full,
 * each with a copy button, and the photo searched with beside the
 * enrolled one where the service keeps it (only the demo does). */
struct _LineupMatchDetail
{
  AdwWindow       parent_instance;

  LineupMatch    *match;
  LineupGroup    *group;
  GCancellable   *cancellable;
  char           *request_id;
  double          threshold;

  AdwWindowTitle *window_title;
  GtkPicture     *probe_picture;
  GtkStack       *enrolled_stack;
  GtkPicture     *enrolled_picture;
  GtkLabel       *score_label;
  GtkLabel       *verdict_label;
  LineupScoreBar *score_bar;
  GtkWidget      *lookup_error_box;
  GtkLabel       *lookup_error_label;
  GtkLabel       *user_id_value;
  GtkLabel       *user_data_value;
  GtkLabel       *added_value;
  GtkLabel       *token_value;
  GtkLabel       *library_value;
  GtkLabel       *request_value;
  GtkWidget      *request_row;
};

G_DEFINE_FINAL_TYPE (LineupMatchDetail, lineup_match_detail, ADW_TYPE_WINDOW)

enum {
  RETRY_LOOKUP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_face (LineupMatchDetail *self)
{
  LineupFace *face = lineup_match_get_face (self->match);
  const GError *error = lineup_match_get_face_error (self->match);
  g_autofree char *added = face ? lineup_format_add_time (face) : NULL;
  const char *user_id = face ? lineup_face_get_user_id (face) : NULL;
  const char *none = _("Not known");

  gtk_label_set_text (self->user_id_value, user_id ? user_id : none);
  gtk_label_set_text (self->user_data_value, face && *lineup_face_get_user_data (face)
                                               ? lineup_face_get_user_data (face) : _("No user data"));
  gtk_label_set_text (self->added_value, added ? added : none);
  adw_window_title_set_subtitle (self->window_title, user_id);

  gtk_widget_set_visible (self->lookup_error_box, face == NULL && error != NULL);
  if (error != NULL)
    gtk_label_set_text (self->lookup_error_label, error->message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.retry", face == NULL && error != NULL);
}

static void
enrolled_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LineupMatchDetail) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = lineup_demo_seam_load_picture_finish (LINEUP_DEMO_SEAM (object), result, &error);
  if (texture == NULL)
    return;
  gtk_picture_set_paintable (self->enrolled_picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->enrolled_stack, "picture");
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LineupMatchDetail *self = LINEUP_MATCH_DETAIL (widget);
  const char *field = g_variant_get_string (parameter, NULL);
  LineupFace *face = lineup_match_get_face (self->match);
  const char *text = NULL;

  if (g_str_equal (field, "user_id") && face)
    text = lineup_face_get_user_id (face);
  else if (g_str_equal (field, "user_data") && face)
    text = lineup_face_get_user_data (face);
  else if (g_str_equal (field, "added") && face)
    text = lineup_face_get_add_time_raw (face);
  else if (g_str_equal (field, "token"))
    text = lineup_match_get_face_token (self->match);
  else if (g_str_equal (field, "library"))
    text = lineup_match_get_group_id (self->match);
  else if (g_str_equal (field, "request"))
    text = self->request_id;

  if (text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  lineup_toast_show (adw_window_get_content (ADW_WINDOW (self)), _("Copied"));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LineupMatchDetail *self = LINEUP_MATCH_DETAIL (widget);

  g_signal_emit (self, signals[RETRY_LOOKUP], 0, self->match);
}

static void
lineup_match_detail_dispose (GObject *object)
{
  LineupMatchDetail *self = (LineupMatchDetail *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->match != NULL)
    g_signal_handlers_disconnect_by_data (self->match, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_MATCH_DETAIL);
  g_clear_object (&self->match);
  g_clear_object (&self->group);

  G_OBJECT_CLASS (lineup_match_detail_parent_class)->dispose (object);
}

static void
lineup_match_detail_finalize (GObject *object)
{
  LineupMatchDetail *self = (LineupMatchDetail *)object;

  g_clear_pointer (&self->request_id, g_free);

  G_OBJECT_CLASS (lineup_match_detail_parent_class)->finalize (object);
}

static void
lineup_match_detail_class_init (LineupMatchDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_match_detail_dispose;
  object_class->finalize = lineup_match_detail_finalize;

  signals[RETRY_LOOKUP] = g_signal_new ("retry-lookup", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, LINEUP_TYPE_MATCH);

  g_type_ensure (LINEUP_TYPE_SCORE_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/ui/lineup-match-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupMatchDetail, window_title);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchDetail, probe_picture);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchDetail, enrolled_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchDetail, enrolled_picture);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchDetail, score_label);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchDetail, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchDetail, score_bar);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchDetail, lookup_error_box);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchDetail, lookup_error_label);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchDetail, user_id_value);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchDetail, user_data_value);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchDetail, added_value);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchDetail, token_value);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchDetail, library_value);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchDetail, request_value);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchDetail, request_row);

  gtk_widget_class_install_action (widget_class, "detail.copy", "s", copy_action);
  gtk_widget_class_install_action (widget_class, "detail.retry", NULL, retry_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lineup_match_detail_init (LineupMatchDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lineup_accessible_clean_names (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * lineup_match_detail_new:
 * @group: (nullable): the library searched
 * @probe: (nullable): the photo searched with
 * @demo: (nullable): the demo service, which keeps enrolled photos
 * @request_id: (nullable): the search's request_id
 */
GtkWidget *
lineup_match_detail_new (GtkWindow      *parent,
                         LineupMatch    *match,
                         LineupGroup    *group,
                         double          threshold,
                         GdkPaintable   *probe,
                         LineupDemoSeam *demo,
                         const char     *request_id)
{
  LineupMatchDetail *self;
  g_autofree char *title = NULL;
  g_autofree char *score = NULL;
  g_autofree char *shown_threshold = lineup_score_format (threshold);
  g_autofree char *verdict = NULL;
  g_autofree char *library = NULL;
  const char *problem;
  gboolean above;

  g_return_val_if_fail (LINEUP_IS_MATCH (match), NULL);

  self = g_object_new (LINEUP_TYPE_MATCH_DETAIL, "transient-for", parent, NULL);
  self->match = g_object_ref (match);
  self->group = group ? g_object_ref (group) : NULL;
  self->threshold = threshold;
  self->request_id = g_strdup (request_id);

  /* Translators: the title of a match's detail window; the argument is its rank */
  title = g_strdup_printf (_("Match %u"), lineup_match_get_rank (match));
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  problem = lineup_match_get_score_problem (match);
  score = lineup_score_format (problem ? NAN : lineup_match_get_score (match));
  above = lineup_match_is_above (match, threshold);
  gtk_label_set_text (self->score_label, score);
  if (problem != NULL)
    verdict = g_strdup_printf (_("The service sent a score that is not usable: %s"), problem);
  else
    verdict = above ? g_strdup_printf (_("Above the threshold %s"), shown_threshold)
                    : g_strdup_printf (_("Below the threshold %s"), shown_threshold);
  gtk_label_set_text (self->verdict_label, verdict);
  lineup_score_bar_set_score (self->score_bar, problem ? NAN : lineup_match_get_score (match));
  lineup_score_bar_set_threshold (self->score_bar, threshold);

  gtk_label_set_text (self->token_value, lineup_match_get_face_token (match));
  if (group != NULL && g_strcmp0 (lineup_group_get_display_name (group), lineup_group_get_group_id (group)) != 0)
    library = g_strdup_printf ("%s (%s)", lineup_group_get_display_name (group), lineup_group_get_group_id (group));
  else
    library = g_strdup (lineup_match_get_group_id (match));
  gtk_label_set_text (self->library_value, library);
  gtk_label_set_text (self->request_value, request_id ? request_id : _("Not known"));
  gtk_widget_set_visible (self->request_row, request_id != NULL);

  gtk_picture_set_paintable (self->probe_picture, probe);
  if (demo != NULL)
    lineup_demo_seam_load_picture_async (demo, lineup_match_get_group_id (match),
                                         lineup_match_get_face_token (match), 0, self->cancellable,
                                         enrolled_cb, g_object_ref (self));

  g_signal_connect_object (match, "notify::face", G_CALLBACK (update_face), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (match, "notify::face-error", G_CALLBACK (update_face), self, G_CONNECT_SWAPPED);
  update_face (self);

  return GTK_WIDGET (self);
}

LineupMatch *
lineup_match_detail_get_match (LineupMatchDetail *self)
{
  g_return_val_if_fail (LINEUP_IS_MATCH_DETAIL (self), NULL);
  return self->match;
}
