/* lineup-match-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-match-row"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lineup-accessible.h"
#include "lineup-format.h"
#include "lineup-match-row.h"
#include "lineup-score.h"
#include "lineup-score-bar.h"

/* One ranked match: who it is (filled in when face_info answers), the
 * score as a number, a bar with the threshold marked, and a verdict in
 * words so colour is not the only sign. The whole row is one Tab stop
 * whose accessible name says all of that; activating it opens the full
 * record. */
struct _LineupMatchRow
{
  GtkListBoxRow   parent_instance;

  LineupMatch    *match;
  GdkPaintable   *thumbnail_paintable;
  double          threshold;

  GtkLabel       *rank_label;
  GtkImage       *thumbnail;
  GtkLabel       *user_id_label;
  GtkLabel       *user_data_label;
  GtkButton      *retry_button;
  GtkLabel       *details_label;
  GtkLabel       *score_label;
  GtkImage       *verdict_icon;
  GtkLabel       *verdict_label;
  LineupScoreBar *score_bar;
};

G_DEFINE_FINAL_TYPE (LineupMatchRow, lineup_match_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  RETRY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_accessible (LineupMatchRow *self)
{
  LineupFace *face = lineup_match_get_face (self->match);
  g_autofree char *score = lineup_score_format (lineup_match_get_score (self->match));
  g_autofree char *threshold = lineup_score_format (self->threshold);
  g_autofree char *who = NULL;
  g_autofree char *name = NULL;
  g_autofree char *picture = NULL;

  if (face != NULL && *lineup_face_get_user_data (face))
    /* Translators: who a result row is, read out by a screen reader: the
     * face's user_id, then its user_data */
    who = g_strdup_printf (_("%s, %s"), lineup_face_get_user_id (face), lineup_face_get_user_data (face));
  else
    who = g_strdup (gtk_label_get_text (self->user_id_label));

  if (lineup_match_get_score_problem (self->match) != NULL)
    /* Translators: a result row read out by a screen reader: rank, who, what is wrong with the score */
    name = g_strdup_printf (_("Rank %u: %s. The score is not usable: %s"),
                            lineup_match_get_rank (self->match), who,
                            lineup_match_get_score_problem (self->match));
  else if (lineup_match_row_get_above (self))
    /* Translators: a result row read out by a screen reader: rank, who, score, threshold */
    name = g_strdup_printf (_("Rank %u: %s. Score %s, above the threshold %s"),
                            lineup_match_get_rank (self->match), who, score, threshold);
  else
    name = g_strdup_printf (_("Rank %u: %s. Score %s, below the threshold %s"),
                            lineup_match_get_rank (self->match), who, score, threshold);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  picture = self->thumbnail_paintable
    /* Translators: the argument is a user_id */
    ? g_strdup_printf (_("Enrolled photo of %s"), gtk_label_get_text (self->user_id_label))
    : g_strdup (_("No enrolled photo"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->thumbnail), GTK_ACCESSIBLE_PROPERTY_LABEL, picture, -1);
}

static void
update_face (LineupMatchRow *self)
{
  LineupFace *face = lineup_match_get_face (self->match);
  const GError *error = lineup_match_get_face_error (self->match);
  g_autofree char *details = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), face == NULL && error != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->user_data_label), "error");

  if (face != NULL)
    {
      g_autofree char *added = lineup_format_add_time (face);
      const char *user_data = lineup_face_get_user_data (face);

      gtk_label_set_text (self->user_id_label, lineup_face_get_user_id (face));
      gtk_label_set_text (self->user_data_label, *user_data ? user_data : _("No user data"));
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
  update_accessible (self);
}

static void
update_score (LineupMatchRow *self)
{
  const char *problem = lineup_match_get_score_problem (self->match);
  double score = problem ? NAN : lineup_match_get_score (self->match);
  gboolean above = lineup_match_row_get_above (self);
  g_autofree char *text = lineup_score_format (score);
  g_autofree char *threshold = lineup_score_format (self->threshold);
  g_autofree char *tooltip = NULL;

  gtk_label_set_text (self->score_label, text);
  lineup_score_bar_set_score (self->score_bar, score);
  lineup_score_bar_set_threshold (self->score_bar, self->threshold);

  if (problem != NULL)
    {
      /* A score that is not a number in 0–100 is flagged, never judged. */
      gtk_image_set_from_icon_name (self->verdict_icon, "dialog-warning-symbolic");
      gtk_label_set_text (self->verdict_label, C_("verdict", "Unusable"));
      tooltip = g_strdup_printf (_("The service sent a score that is not usable: %s"), problem);
    }
  else
    {
      gtk_image_set_from_icon_name (self->verdict_icon, above ? "object-select-symbolic" : "action-unavailable-symbolic");
      /* Translators: the verdict under a score; keep it short, the row's
       * accessible name and tooltip say it in full */
      gtk_label_set_text (self->verdict_label, above ? C_("verdict", "Above") : C_("verdict", "Below"));
      tooltip = above ? g_strdup_printf (_("Above the threshold %s"), threshold)
                      : g_strdup_printf (_("Below the threshold %s"), threshold);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->verdict_label), tooltip);
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
  update_accessible (self);
}

static void
on_retry_clicked (LineupMatchRow *self)
{
  g_signal_emit (self, signals[RETRY], 0);
}

static void
lineup_match_row_dispose (GObject *object)
{
  LineupMatchRow *self = (LineupMatchRow *)object;

  if (self->match != NULL)
    g_signal_handlers_disconnect_by_data (self->match, self);
  g_clear_object (&self->match);
  g_clear_object (&self->thumbnail_paintable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_MATCH_ROW);

  G_OBJECT_CLASS (lineup_match_row_parent_class)->dispose (object);
}

static void
lineup_match_row_class_init (LineupMatchRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_match_row_dispose;

  /**
   * LineupMatchRow::retry:
   *
   * The operator asks to look up who this face is again, after the
   * lookup failed.
   */
  signals[RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LINEUP_TYPE_SCORE_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/ui/lineup-match-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, rank_label);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, user_id_label);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, user_data_label);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, score_label);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, LineupMatchRow, score_bar);
}

static void
lineup_match_row_init (LineupMatchRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lineup_accessible_clean_names (GTK_WIDGET (self));
  g_signal_connect_object (self->retry_button, "clicked", G_CALLBACK (on_retry_clicked), self, G_CONNECT_SWAPPED);
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
 * lineup_match_row_get_thumbnail:
 *
 * Returns: (transfer none) (nullable): the enrolled face's picture
 */
GdkPaintable *
lineup_match_row_get_thumbnail (LineupMatchRow *self)
{
  g_return_val_if_fail (LINEUP_IS_MATCH_ROW (self), NULL);
  return self->thumbnail_paintable;
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

  g_set_object (&self->thumbnail_paintable, paintable);
  if (paintable != NULL)
    gtk_image_set_from_paintable (self->thumbnail, paintable);
  else
    gtk_image_set_from_icon_name (self->thumbnail, "avatar-default-symbolic");
  update_accessible (self);
}

/**
 * lineup_match_row_get_above:
 *
 * Returns: whether the score, as shown, is strictly above the threshold,
 *   as the service applies it
 */
gboolean
lineup_match_row_get_above (LineupMatchRow *self)
{
  g_return_val_if_fail (LINEUP_IS_MATCH_ROW (self), FALSE);
  return lineup_match_is_above (self->match, self->threshold);
}
