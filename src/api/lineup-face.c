/* lineup-face.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-face"

#include "config.h"

#include "lineup-face.h"

/* A face enrolled in a library, as face_info and list describe it. */
struct _LineupFace
{
  GObject    parent_instance;
  char      *face_token;
  char      *user_id;
  char      *user_data;
  char      *add_time_raw;
  GDateTime *add_time;
};

enum {
  PROP_0,
  PROP_FACE_TOKEN,
  PROP_USER_ID,
  PROP_USER_DATA,
  PROP_ADD_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LineupFace, lineup_face, G_TYPE_OBJECT)

static void
lineup_face_finalize (GObject *object)
{
  LineupFace *self = (LineupFace *)object;

  g_clear_pointer (&self->face_token, g_free);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->user_data, g_free);
  g_clear_pointer (&self->add_time_raw, g_free);
  g_clear_pointer (&self->add_time, g_date_time_unref);

  G_OBJECT_CLASS (lineup_face_parent_class)->finalize (object);
}

static void
lineup_face_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LineupFace *self = LINEUP_FACE (object);

  switch (prop_id)
    {
    case PROP_FACE_TOKEN:
      g_value_set_string (value, self->face_token);
      break;
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_USER_DATA:
      g_value_set_string (value, self->user_data);
      break;
    case PROP_ADD_TIME:
      g_value_set_boxed (value, self->add_time);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_face_class_init (LineupFaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_face_finalize;
  object_class->get_property = lineup_face_get_property;

  properties[PROP_FACE_TOKEN] =
    g_param_spec_string ("face-token", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_DATA] =
    g_param_spec_string ("user-data", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADD_TIME] =
    g_param_spec_boxed ("add-time", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_face_init (LineupFace *self)
{
}

/**
 * lineup_parse_add_time:
 * @text: (nullable): an add_time as the service sends it: milliseconds or
 *   seconds since the epoch, or ISO-8601 with an offset
 *
 * The documentation types it as a string while its example shows a number
 * of milliseconds, and libraries use ISO-8601: accept all of them.
 *
 * Returns: (transfer full) (nullable): the time, or %NULL if unparsable
 */
GDateTime *
lineup_parse_add_time (const char *text)
{
  guint64 number;

  if (text == NULL || *text == '\0')
    return NULL;

  if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &number, NULL))
    {
      /* Anything past 1e11 cannot be seconds (year 5138): it is milliseconds. */
      if (number >= G_GUINT64_CONSTANT (100000000000))
        return g_date_time_new_from_unix_utc (number / 1000);
      return g_date_time_new_from_unix_utc (number);
    }

  return g_date_time_new_from_iso8601 (text, NULL);
}

/**
 * lineup_face_new:
 * @add_time: (nullable): the add_time as received, kept verbatim
 */
LineupFace *
lineup_face_new (const char *face_token,
                 const char *user_id,
                 const char *user_data,
                 const char *add_time)
{
  LineupFace *self = g_object_new (LINEUP_TYPE_FACE, NULL);

  self->face_token = g_strdup (face_token ? face_token : "");
  self->user_id = g_strdup (user_id ? user_id : "");
  self->user_data = g_strdup (user_data ? user_data : "");
  self->add_time_raw = g_strdup (add_time);
  self->add_time = lineup_parse_add_time (add_time);

  return self;
}

const char *
lineup_face_get_face_token (LineupFace *self)
{
  g_return_val_if_fail (LINEUP_IS_FACE (self), NULL);
  return self->face_token;
}

const char *
lineup_face_get_user_id (LineupFace *self)
{
  g_return_val_if_fail (LINEUP_IS_FACE (self), NULL);
  return self->user_id;
}

const char *
lineup_face_get_user_data (LineupFace *self)
{
  g_return_val_if_fail (LINEUP_IS_FACE (self), NULL);
  return self->user_data;
}

/**
 * lineup_face_get_add_time_raw:
 *
 * Returns: (nullable): add_time exactly as the service sent it
 */
const char *
lineup_face_get_add_time_raw (LineupFace *self)
{
  g_return_val_if_fail (LINEUP_IS_FACE (self), NULL);
  return self->add_time_raw;
}

/**
 * lineup_face_get_add_time:
 *
 * Returns: (nullable) (transfer none): the parsed add_time
 */
GDateTime *
lineup_face_get_add_time (LineupFace *self)
{
  g_return_val_if_fail (LINEUP_IS_FACE (self), NULL);
  return self->add_time;
}
