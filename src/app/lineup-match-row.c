/* lineup-match-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-match-row"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lineup-match-row.h"
#include "lineup-score-bar.h"

/* One ranked match: who it is (filled in when face_info answers), the
 * score as a number, a bar with the threshold marked, and a verdict in
 * words so colour is not the only sign. */
struct _LineupMatchRow
{
  GtkListBoxRow   parent_instance;

  LineupMatch    *match;
  double          threshold;

  GtkLabel       *rank_label;
  GtkImage       *thumbnail;
  GtkLabel       *user_id_label;
  GtkLabel       *user_data_label;
  GtkLabel       *details_label;
  GtkLabel       *token_label;
  GtkLabel       *score_label;
  GtkImage       *verdict_icon;
  GtkLabel       *verdict_label;
  LineupScoreBar *score_bar;
};

G_DEFINE_FINAL_TYPE (LineupMatchRow, lineup_match_row, GTK_TYPE_LIST_BOX_ROW)

static char *
format_add_time (LineupFace *face)
{
  GDateTime *add_time = lineup_face_get_add_time (face);
  g_autoptr(GDateTime) local = NULL;

  if (add_time == NULL)
    return g_strdup (lineup_face_get_add_time_raw (face));

  local = g_date_time_to_local (add_time);
  /* Translators: a date and time format for when a face was added, see g_date_time_format() */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

static void
update_face (LineupMatchRow *self)
{
  LineupFace *face = lineup_match_get_face (self->match);
  const GError *error = lineup_match_get_face_error (self->match);
  const char *token = lineup_match_get_face_token (self->match);
  g_autofree char *details = NULL;

  if (face != NULL)
    {
      g_autofree char *added = format_add_time (face);
      const char *user_data = lineup_face_get_user_data (face);

      gtk_label_set_text (self->user_id_label, lineup_face_get_user_id (face));
      gtk_label_set_text (self->user_data_label, *user_data ? user_data : _("No user data"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->user_data_label), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->user_data_label), TRUE);
      if (added != NULL)
        /* Translators: the argument is a date and time */
        details = g_strdup_printf (_("Added %s"), added);
    }
  else if (error != NULL)
    {
      gtk_label_set_text (self->user_id_label, _("Unknown face"));
      gtk_label_set_text (self->user_data_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->user_data_label), "error");
    }
  else
    {
      gtk_label_set_text (self->user_id_label, _("Loading details…"));
      gtk_label_set_text (self->user_data_label, "");
    }

  gtk_label_set_text (self->details_label, details ? details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), details != NULL);
  gtk_label_set_text (self->token_label, token);
}

static void
update_score (LineupMatchRow *self)
{
  double score = lineup_match_get_score (self->match);
  gboolean above = lineup_match_row_get_above (self);
  g_autofree char *text = NULL;

  text = isfinite (score) ? g_strdup_printf ("%.1f", score) : g_strdup ("—");
  gtk_label_set_text (self->score_label, text);
  lineup_score_bar_set_score (self->score_bar, score);
  lineup_score_bar_set_threshold (self->score_bar, self->threshold);

  gtk_image_set_from_icon_name (self->verdict_icon, above ? "object-select-symbolic" : "action-unavailable-symbolic");
  gtk_label_set_text (self->verdict_label, above ? _("Above threshold") : _("Below threshold"));
  if (above)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), "accent");
      gtk_widget_remove_css_class (GTK_WIDGET (self), "below-threshold");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "accent");
      gtk_widget_add_css_class (GTK_WIDGET (self), "below-threshold");
    }
}

static void
lineup_match_row_dispose (GObject *object)
{
  LineupMatchRow *self = (LineupMatchRow *)object;

  if (self->match != NULL)
    g_signal_handlers_disconnect_by_data (self->match, self);
  g_clear_object (&self->match);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_MATCH_ROW);

  G_OBJECT_CLASS (lineup_match_row_parent_class)->dispose (object);
}

static void
lineup_match_row_class_init (LineupMatchRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_match_row_dispose;

  g_type_ensure (LINEUP_TYPE_SCORE_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/ui/lineup-match-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, rank_label);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, user_id_label);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, user_data_label);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, token_label);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, score_label);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, score_bar);
}

static void
lineup_match_row_init (LineupMatchRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lineup_match_row_new (LineupMatch *match,
                      double       threshold)
{
  LineupMatchRow *self;
  g_autofree char *rank = NULL;

  g_return_val_if_fail (LINEUP_IS_MATCH (match), NULL);

  self = g_object_new (LINEUP_TYPE_MATCH_ROW, NULL);
  self->match = g_object_ref (match);
  self->threshold = threshold;

  rank = g_strdup_printf ("%u", lineup_match_get_rank (match));
  gtk_label_set_text (self->rank_label, rank);
  g_signal_connect_object (match, "notify::face", G_CALLBACK (update_face), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (match, "notify::face-error", G_CALLBACK (update_face), self, G_CONNECT_SWAPPED);
  update_face (self);
  update_score (self);

  return GTK_WIDGET (self);
}

LineupMatch *
lineup_match_row_get_match (LineupMatchRow *self)
{
  g_return_val_if_fail (LINEUP_IS_MATCH_ROW (self), NULL);
  return self->match;
}

void
lineup_match_row_set_threshold (LineupMatchRow *self,
                                double          threshold)
{
  g_return_if_fail (LINEUP_IS_MATCH_ROW (self));

  self->threshold = threshold;
  update_score (self);
}

/**
 * lineup_match_row_set_thumbnail:
 * @paintable: (nullable): the enrolled face's picture, where one is known
 */
void
lineup_match_row_set_thumbnail (LineupMatchRow *self,
                                GdkPaintable   *paintable)
{
  g_return_if_fail (LINEUP_IS_MATCH_ROW (self));

  /* A thumbnail may arrive after a new search disposed the row. */
  if (self->thumbnail == NULL)
    return;

  if (paintable != NULL)
    gtk_image_set_from_paintable (self->thumbnail, paintable);
  else
    gtk_image_set_from_icon_name (self->thumbnail, "avatar-default-symbolic");
}

/**
 * lineup_match_row_get_above:
 *
 * Returns: whether the score is strictly above the threshold, as the
 *   service applies it
 */
gboolean
lineup_match_row_get_above (LineupMatchRow *self)
{
  double score;

  g_return_val_if_fail (LINEUP_IS_MATCH_ROW (self), FALSE);

  score = lineup_match_get_score (self->match);
  return isfinite (score) && score > self->threshold;
}
