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
 * tick across it. Colour is not the only sign: the row next to it also
 * says in words whether the score is above the threshold, and the bar
 * reports itself to assistive technology as a meter. */

#define BAR_HEIGHT   8
#define TICK_HEIGHT  16
#define MIN_WIDTH    60

struct _LineupScoreBar
{
  GtkWidget parent_instance;
  double    score;
  double    threshold;
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
lineup_score_bar_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = MIN_WIDTH;
  else
    *minimum = *natural = TICK_HEIGHT;
}

static void
append_rounded (GtkSnapshot     *snapshot,
                float            x,
                float            y,
                float            width,
                float            height,
                const GdkRGBA   *color)
{
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, width, height), height / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
  gtk_snapshot_pop (snapshot);
}

static void
lineup_score_bar_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  LineupScoreBar *self = LINEUP_SCORE_BAR (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  float y = (height - BAR_HEIGHT) / 2;
  gboolean above = lineup_score_is_above (self->score, self->threshold);
  GdkRGBA fg, trough, fill, tick;
  double score = isfinite (self->score) ? CLAMP (self->score, 0, 100) : 0;

  /* Follow the theme: the trough and the tick derive from the text
   * colour, so dark and high-contrast styles work as well. */
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, &fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
#endif
  trough = fg;
  trough.alpha = 0.12;
  tick = fg;
  tick.alpha = 0.85;
  if (above)
    gdk_rgba_parse (&fill, "#3584e4");
  else
    {
      fill = fg;
      fill.alpha = 0.35;
    }

  append_rounded (snapshot, 0, y, width, BAR_HEIGHT, &trough);
  if (score > 0)
    append_rounded (snapshot, 0, y, MAX (BAR_HEIGHT, width * score / 100), BAR_HEIGHT, &fill);

  if (self->threshold >= 0 && self->threshold <= 100)
    {
      float x = roundf (width * self->threshold / 100) - 1;

      gtk_snapshot_append_color (snapshot, &tick,
                                 &GRAPHENE_RECT_INIT (CLAMP (x, 0, width - 2), (height - TICK_HEIGHT) / 2,
                                                      2, TICK_HEIGHT));
    }
}

static void
update_accessible (LineupScoreBar *self)
{
  g_autofree char *text = NULL;

  if (isfinite (self->score))
    {
      g_autofree char *score = lineup_score_format (self->score);
      g_autofree char *threshold = lineup_score_format (self->threshold);

      /* Translators: read out for a score bar, e.g. "Score 97.8, threshold 75.0" */
      text = g_strdup_printf (_("Score %s, threshold %s"), score, threshold);
    }
  else
    text = g_strdup (_("No score"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, isfinite (self->score) ? self->score : 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
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

  object_class->get_property = lineup_score_bar_get_property;
  object_class->set_property = lineup_score_bar_set_property;
  widget_class->measure = lineup_score_bar_measure;
  widget_class->snapshot = lineup_score_bar_snapshot;

  properties[PROP_SCORE] =
    g_param_spec_double ("score", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THRESHOLD] =
    g_param_spec_double ("threshold", NULL, NULL, -1, 100, 75,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "scorebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

static void
lineup_score_bar_init (LineupScoreBar *self)
{
  self->threshold = 75;
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  update_accessible (self);
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
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THRESHOLD]);
}
