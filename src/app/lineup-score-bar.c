/* lineup-score-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-score-bar"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lineup-score.h"
#include "lineup-score-bar.h"

/* A horizontal bar for a score on 0–100 with the threshold drawn as a
 * tick across it. The bar itself is a GtkLevelBar, which assistive
 * technology reads as a meter with its value (a custom-drawn meter has
 * no value interface on GTK 4.8). Colour is not the only sign: the row
 * next to it also says in words whether the score is above the
 * threshold. */

#define TICK_HEIGHT  16
#define MIN_WIDTH    60

struct _LineupScoreBar
{
  GtkWidget    parent_instance;
  GtkLevelBar *level;
  double       score;
  double       threshold;
};

enum {
  PROP_0,
  PROP_SCORE,
  PROP_THRESHOLD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LineupScoreBar, lineup_score_bar, GTK_TYPE_WIDGET)

static void
lineup_score_bar_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  LineupScoreBar *self = LINEUP_SCORE_BAR (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  GdkRGBA tick;

  gtk_widget_snapshot_child (widget, GTK_WIDGET (self->level), snapshot);

  if (self->threshold < 0 || self->threshold > 100)
    return;

  /* The tick follows the theme's text colour, so dark and
   * high-contrast styles work as well. */
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, &tick);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &tick);
#endif
  tick.alpha = 0.85;
  {
    float x = roundf (width * self->threshold / 100) - 1;

    gtk_snapshot_append_color (snapshot, &tick,
                               &GRAPHENE_RECT_INIT (CLAMP (x, 0, width - 2), (height - TICK_HEIGHT) / 2,
                                                    2, TICK_HEIGHT));
  }
}

static void
update (LineupScoreBar *self)
{
  gboolean above = lineup_score_is_above (self->score, self->threshold);
  double value = isfinite (self->score) ? CLAMP (self->score, 0, 100) : 0;
  g_autofree char *text = NULL;

  gtk_level_bar_set_value (self->level, value);
  if (above)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "below");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "below");

  if (isfinite (self->score))
    {
      g_autofree char *score = lineup_score_format (self->score);
      g_autofree char *threshold = lineup_score_format (self->threshold);

      /* Translators: read out for a score bar, e.g. "Score 97.8, threshold 75.0" */
      text = g_strdup_printf (_("Score %s, threshold %s"), score, threshold);
    }
  else
    text = g_strdup (_("No score"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->level),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Score"),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
lineup_score_bar_dispose (GObject *object)
{
  LineupScoreBar *self = (LineupScoreBar *)object;

  if (self->level != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->level));
  self->level = NULL;

  G_OBJECT_CLASS (lineup_score_bar_parent_class)->dispose (object);
}

static void
lineup_score_bar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LineupScoreBar *self = LINEUP_SCORE_BAR (object);

  switch (prop_id)
    {
    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;
    case PROP_THRESHOLD:
      g_value_set_double (value, self->threshold);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_score_bar_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LineupScoreBar *self = LINEUP_SCORE_BAR (object);

  switch (prop_id)
    {
    case PROP_SCORE:
      lineup_score_bar_set_score (self, g_value_get_double (value));
      break;
    case PROP_THRESHOLD:
      lineup_score_bar_set_threshold (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_score_bar_class_init (LineupScoreBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_score_bar_dispose;
  object_class->get_property = lineup_score_bar_get_property;
  object_class->set_property = lineup_score_bar_set_property;
  widget_class->snapshot = lineup_score_bar_snapshot;

  properties[PROP_SCORE] =
    g_param_spec_double ("score", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THRESHOLD] =
    g_param_spec_double ("threshold", NULL, NULL, -1, 100, 75,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "scorebar");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lineup_score_bar_init (LineupScoreBar *self)
{
  self->threshold = 75;
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self), MIN_WIDTH, TICK_HEIGHT);

  self->level = GTK_LEVEL_BAR (gtk_level_bar_new_for_interval (0, 100));
  /* One colour for the fill, set by style.css: the default offsets would
   * paint low scores as warnings, which says nothing about the threshold. */
  gtk_level_bar_remove_offset_value (self->level, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->level, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->level, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_valign (GTK_WIDGET (self->level), GTK_ALIGN_CENTER);
  gtk_widget_set_parent (GTK_WIDGET (self->level), GTK_WIDGET (self));
  update (self);
}

GtkWidget *
lineup_score_bar_new (void)
{
  return g_object_new (LINEUP_TYPE_SCORE_BAR, NULL);
}

double
lineup_score_bar_get_score (LineupScoreBar *self)
{
  g_return_val_if_fail (LINEUP_IS_SCORE_BAR (self), 0);
  return self->score;
}

void
lineup_score_bar_set_score (LineupScoreBar *self,
                            double          score)
{
  g_return_if_fail (LINEUP_IS_SCORE_BAR (self));

  if (self->score == score || (isnan (self->score) && isnan (score)))
    return;
  self->score = score;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE]);
}

double
lineup_score_bar_get_threshold (LineupScoreBar *self)
{
  g_return_val_if_fail (LINEUP_IS_SCORE_BAR (self), 0);
  return self->threshold;
}

void
lineup_score_bar_set_threshold (LineupScoreBar *self,
                                double          threshold)
{
  g_return_if_fail (LINEUP_IS_SCORE_BAR (self));

  if (self->threshold == threshold)
    return;
  self->threshold = threshold;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THRESHOLD]);
}
