/* lineup-match.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-match"

#include "config.h"

#include "lineup-match.h"
#include "lineup-score.h"

/* One entry of a search result. Rows are keyed by rank, not by token:
 * the service may return one face_token twice with different scores.
 * The face details arrive later (face_info), hence the notifying setter. */
struct _LineupMatch
{
  GObject     parent_instance;
  guint       rank;
  char       *face_token;
  char       *group_id;
  double      score;
  char       *score_problem;
  LineupFace *face;
  GError     *face_error;
};

enum {
  PROP_0,
  PROP_RANK,
  PROP_FACE_TOKEN,
  PROP_GROUP_ID,
  PROP_SCORE,
  PROP_SCORE_PROBLEM,
  PROP_FACE,
  PROP_FACE_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LineupMatch, lineup_match, G_TYPE_OBJECT)

static void
lineup_match_finalize (GObject *object)
{
  LineupMatch *self = (LineupMatch *)object;

  g_clear_pointer (&self->face_token, g_free);
  g_clear_pointer (&self->group_id, g_free);
  g_clear_pointer (&self->score_problem, g_free);
  g_clear_object (&self->face);
  g_clear_error (&self->face_error);

  G_OBJECT_CLASS (lineup_match_parent_class)->finalize (object);
}

static void
lineup_match_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LineupMatch *self = LINEUP_MATCH (object);

  switch (prop_id)
    {
    case PROP_RANK:
      g_value_set_uint (value, self->rank);
      break;
    case PROP_FACE_TOKEN:
      g_value_set_string (value, self->face_token);
      break;
    case PROP_GROUP_ID:
      g_value_set_string (value, self->group_id);
      break;
    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;
    case PROP_SCORE_PROBLEM:
      g_value_set_string (value, self->score_problem);
      break;
    case PROP_FACE:
      g_value_set_object (value, self->face);
      break;
    case PROP_FACE_ERROR:
      g_value_set_boxed (value, self->face_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_match_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LineupMatch *self = LINEUP_MATCH (object);

  switch (prop_id)
    {
    case PROP_FACE:
      lineup_match_set_face (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_match_class_init (LineupMatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_match_finalize;
  object_class->get_property = lineup_match_get_property;
  object_class->set_property = lineup_match_set_property;

  properties[PROP_RANK] =
    g_param_spec_uint ("rank", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FACE_TOKEN] =
    g_param_spec_string ("face-token", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP_ID] =
    g_param_spec_string ("group-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCORE] =
    g_param_spec_double ("score", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCORE_PROBLEM] =
    g_param_spec_string ("score-problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FACE] =
    g_param_spec_object ("face", NULL, NULL, LINEUP_TYPE_FACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FACE_ERROR] =
    g_param_spec_boxed ("face-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_match_init (LineupMatch *self)
{
}

/**
 * lineup_match_new:
 * @rank: 1-based position in the result
 */
LineupMatch *
lineup_match_new (guint       rank,
                  const char *face_token,
                  const char *group_id,
                  double      score)
{
  LineupMatch *self = g_object_new (LINEUP_TYPE_MATCH, NULL);

  self->rank = rank;
  self->face_token = g_strdup (face_token ? face_token : "");
  self->group_id = g_strdup (group_id ? group_id : "");
  self->score = score;

  return self;
}

guint
lineup_match_get_rank (LineupMatch *self)
{
  g_return_val_if_fail (LINEUP_IS_MATCH (self), 0);
  return self->rank;
}

const char *
lineup_match_get_face_token (LineupMatch *self)
{
  g_return_val_if_fail (LINEUP_IS_MATCH (self), NULL);
  return self->face_token;
}

const char *
lineup_match_get_group_id (LineupMatch *self)
{
  g_return_val_if_fail (LINEUP_IS_MATCH (self), NULL);
  return self->group_id;
}

double
lineup_match_get_score (LineupMatch *self)
{
  g_return_val_if_fail (LINEUP_IS_MATCH (self), 0);
  return self->score;
}

/**
 * lineup_match_get_score_problem:
 *
 * A score that is not a number in 0–100 is shown flagged, not as if it
 * were one: the service's scale is 0–100.
 *
 * Returns: (nullable): what is wrong with the score, for people
 *   ("outside 0–100 (150)", "missing"), or %NULL when it is fine
 */
const char *
lineup_match_get_score_problem (LineupMatch *self)
{
  g_return_val_if_fail (LINEUP_IS_MATCH (self), NULL);
  return self->score_problem;
}

/**
 * lineup_match_is_above:
 *
 * Returns: whether the match scores strictly above @threshold, comparing
 *   the values as they are shown; never for a flagged score
 */
gboolean
lineup_match_is_above (LineupMatch *self,
                       double       threshold)
{
  g_return_val_if_fail (LINEUP_IS_MATCH (self), FALSE);
  return self->score_problem == NULL && lineup_score_is_above (self->score, threshold);
}

void
lineup_match_set_score_problem (LineupMatch *self,
                                const char  *problem)
{
  g_return_if_fail (LINEUP_IS_MATCH (self));

  if (g_strcmp0 (self->score_problem, problem) == 0)
    return;
  g_free (self->score_problem);
  self->score_problem = g_strdup (problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE_PROBLEM]);
}

/**
 * lineup_match_get_face:
 *
 * Returns: (nullable) (transfer none): the face's details once known
 */
LineupFace *
lineup_match_get_face (LineupMatch *self)
{
  g_return_val_if_fail (LINEUP_IS_MATCH (self), NULL);
  return self->face;
}

void
lineup_match_set_face (LineupMatch *self,
                       LineupFace  *face)
{
  g_return_if_fail (LINEUP_IS_MATCH (self));
  g_return_if_fail (!face || LINEUP_IS_FACE (face));

  if (g_set_object (&self->face, face))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACE]);
}

/**
 * lineup_match_get_face_error:
 *
 * Returns: (nullable): why the face's details could not be fetched
 */
const GError *
lineup_match_get_face_error (LineupMatch *self)
{
  g_return_val_if_fail (LINEUP_IS_MATCH (self), NULL);
  return self->face_error;
}

void
lineup_match_set_face_error (LineupMatch  *self,
                             const GError *error)
{
  g_return_if_fail (LINEUP_IS_MATCH (self));

  g_clear_error (&self->face_error);
  if (error != NULL)
    self->face_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACE_ERROR]);
}
