/* lineup-delete-outcome.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-delete-outcome"

#include "config.h"

#include "lineup-delete-outcome.h"

/* What a delete call did: partial success is normal (HTTP 200 with some
 * tokens in failure_detail), so each failed token keeps its reason. */
struct _LineupDeleteOutcome
{
  GObject    parent_instance;
  char      *group_id;
  char      *request_id;
  gint64     time_used;
  gint64     face_removed;
  gint64     face_count;
  GPtrArray *failure_tokens;
  GPtrArray *failure_reasons;
};

enum {
  PROP_0,
  PROP_GROUP_ID,
  PROP_FACE_REMOVED,
  PROP_FACE_COUNT,
  PROP_N_FAILURES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LineupDeleteOutcome, lineup_delete_outcome, G_TYPE_OBJECT)

static void
lineup_delete_outcome_finalize (GObject *object)
{
  LineupDeleteOutcome *self = (LineupDeleteOutcome *)object;

  g_clear_pointer (&self->group_id, g_free);
  g_clear_pointer (&self->request_id, g_free);
  g_clear_pointer (&self->failure_tokens, g_ptr_array_unref);
  g_clear_pointer (&self->failure_reasons, g_ptr_array_unref);

  G_OBJECT_CLASS (lineup_delete_outcome_parent_class)->finalize (object);
}

static void
lineup_delete_outcome_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LineupDeleteOutcome *self = LINEUP_DELETE_OUTCOME (object);

  switch (prop_id)
    {
    case PROP_GROUP_ID:
      g_value_set_string (value, self->group_id);
      break;
    case PROP_FACE_REMOVED:
      g_value_set_int64 (value, self->face_removed);
      break;
    case PROP_FACE_COUNT:
      g_value_set_int64 (value, self->face_count);
      break;
    case PROP_N_FAILURES:
      g_value_set_uint (value, self->failure_tokens->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_delete_outcome_class_init (LineupDeleteOutcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_delete_outcome_finalize;
  object_class->get_property = lineup_delete_outcome_get_property;

  properties[PROP_GROUP_ID] =
    g_param_spec_string ("group-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FACE_REMOVED] =
    g_param_spec_int64 ("face-removed", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FACE_COUNT] =
    g_param_spec_int64 ("face-count", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_FAILURES] =
    g_param_spec_uint ("n-failures", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_delete_outcome_init (LineupDeleteOutcome *self)
{
  self->failure_tokens = g_ptr_array_new_with_free_func (g_free);
  self->failure_reasons = g_ptr_array_new_with_free_func (g_free);
}

/**
 * lineup_delete_outcome_new:
 * @face_removed: how many faces went, or -1 if the service did not say
 * @face_count: faces left in the library, or -1 if the service did not say
 */
LineupDeleteOutcome *
lineup_delete_outcome_new (const char *group_id,
                           const char *request_id,
                           gint64      time_used,
                           gint64      face_removed,
                           gint64      face_count)
{
  LineupDeleteOutcome *self = g_object_new (LINEUP_TYPE_DELETE_OUTCOME, NULL);

  self->group_id = g_strdup (group_id ? group_id : "");
  self->request_id = g_strdup (request_id);
  self->time_used = time_used;
  self->face_removed = MAX (face_removed, -1);
  self->face_count = MAX (face_count, -1);

  return self;
}

/**
 * lineup_delete_outcome_add_failure:
 * @reason: (nullable): the service's reason, such as FACE_NOT_IN_GROUP
 */
void
lineup_delete_outcome_add_failure (LineupDeleteOutcome *self,
                                   const char          *face_token,
                                   const char          *reason)
{
  g_return_if_fail (LINEUP_IS_DELETE_OUTCOME (self));
  g_return_if_fail (face_token != NULL);

  g_ptr_array_add (self->failure_tokens, g_strdup (face_token));
  g_ptr_array_add (self->failure_reasons, g_strdup (reason ? reason : ""));
}

const char *
lineup_delete_outcome_get_group_id (LineupDeleteOutcome *self)
{
  g_return_val_if_fail (LINEUP_IS_DELETE_OUTCOME (self), NULL);
  return self->group_id;
}

/**
 * lineup_delete_outcome_get_request_id:
 *
 * Returns: (nullable): the reply's request_id
 */
const char *
lineup_delete_outcome_get_request_id (LineupDeleteOutcome *self)
{
  g_return_val_if_fail (LINEUP_IS_DELETE_OUTCOME (self), NULL);
  return self->request_id;
}

/**
 * lineup_delete_outcome_get_time_used:
 *
 * Returns: the reply's time_used in milliseconds, or -1
 */
gint64
lineup_delete_outcome_get_time_used (LineupDeleteOutcome *self)
{
  g_return_val_if_fail (LINEUP_IS_DELETE_OUTCOME (self), -1);
  return self->time_used;
}

/**
 * lineup_delete_outcome_get_face_removed:
 *
 * Returns: how many faces were removed, or -1 if the service did not say
 */
gint64
lineup_delete_outcome_get_face_removed (LineupDeleteOutcome *self)
{
  g_return_val_if_fail (LINEUP_IS_DELETE_OUTCOME (self), -1);
  return self->face_removed;
}

/**
 * lineup_delete_outcome_get_face_count:
 *
 * Returns: faces left in the library, or -1 if the service did not say
 */
gint64
lineup_delete_outcome_get_face_count (LineupDeleteOutcome *self)
{
  g_return_val_if_fail (LINEUP_IS_DELETE_OUTCOME (self), -1);
  return self->face_count;
}

/**
 * lineup_delete_outcome_get_n_failures:
 *
 * Returns: how many failure_detail entries the reply had
 */
guint
lineup_delete_outcome_get_n_failures (LineupDeleteOutcome *self)
{
  g_return_val_if_fail (LINEUP_IS_DELETE_OUTCOME (self), 0);
  return self->failure_tokens->len;
}

const char *
lineup_delete_outcome_get_failure_token (LineupDeleteOutcome *self,
                                         guint                index)
{
  g_return_val_if_fail (LINEUP_IS_DELETE_OUTCOME (self), NULL);
  g_return_val_if_fail (index < self->failure_tokens->len, NULL);
  return g_ptr_array_index (self->failure_tokens, index);
}

/**
 * lineup_delete_outcome_get_failure_reason:
 *
 * Returns: the reason, such as FACE_NOT_IN_GROUP; empty if none was given
 */
const char *
lineup_delete_outcome_get_failure_reason (LineupDeleteOutcome *self,
                                          guint                index)
{
  g_return_val_if_fail (LINEUP_IS_DELETE_OUTCOME (self), NULL);
  g_return_val_if_fail (index < self->failure_reasons->len, NULL);
  return g_ptr_array_index (self->failure_reasons, index);
}

/**
 * lineup_delete_outcome_lookup_failure:
 *
 * Returns: (nullable): why @face_token was not removed, or %NULL if the
 *   reply did not list it as a failure
 */
const char *
lineup_delete_outcome_lookup_failure (LineupDeleteOutcome *self,
                                      const char          *face_token)
{
  g_return_val_if_fail (LINEUP_IS_DELETE_OUTCOME (self), NULL);

  for (guint i = 0; i < self->failure_tokens->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->failure_tokens, i), face_token) == 0)
      return g_ptr_array_index (self->failure_reasons, i);
  return NULL;
}
