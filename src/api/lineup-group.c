/* lineup-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-group"

#include "config.h"

#include "lineup-face.h"
#include "lineup-group.h"

/* A face library ("group" in the API). */
struct _LineupGroup
{
  GObject    parent_instance;
  char      *group_id;
  char      *group_name;
  char      *group_data;
  char      *model_version;
  char      *add_time_raw;
  GDateTime *add_time;
};

enum {
  PROP_0,
  PROP_GROUP_ID,
  PROP_GROUP_NAME,
  PROP_DISPLAY_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LineupGroup, lineup_group, G_TYPE_OBJECT)

static void
lineup_group_finalize (GObject *object)
{
  LineupGroup *self = (LineupGroup *)object;

  g_clear_pointer (&self->group_id, g_free);
  g_clear_pointer (&self->group_name, g_free);
  g_clear_pointer (&self->group_data, g_free);
  g_clear_pointer (&self->model_version, g_free);
  g_clear_pointer (&self->add_time_raw, g_free);
  g_clear_pointer (&self->add_time, g_date_time_unref);

  G_OBJECT_CLASS (lineup_group_parent_class)->finalize (object);
}

static void
lineup_group_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LineupGroup *self = LINEUP_GROUP (object);

  switch (prop_id)
    {
    case PROP_GROUP_ID:
      g_value_set_string (value, self->group_id);
      break;
    case PROP_GROUP_NAME:
      g_value_set_string (value, self->group_name);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, lineup_group_get_display_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_group_class_init (LineupGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_group_finalize;
  object_class->get_property = lineup_group_get_property;

  properties[PROP_GROUP_ID] =
    g_param_spec_string ("group-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP_NAME] =
    g_param_spec_string ("group-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_group_init (LineupGroup *self)
{
}

LineupGroup *
lineup_group_new (const char *group_id,
                  const char *group_name,
                  const char *group_data,
                  const char *model_version,
                  const char *add_time)
{
  LineupGroup *self = g_object_new (LINEUP_TYPE_GROUP, NULL);

  self->group_id = g_strdup (group_id ? group_id : "");
  self->group_name = g_strdup (group_name ? group_name : "");
  self->group_data = g_strdup (group_data ? group_data : "");
  self->model_version = g_strdup (model_version ? model_version : "");
  self->add_time_raw = g_strdup (add_time);
  self->add_time = lineup_parse_add_time (add_time);

  return self;
}

const char *
lineup_group_get_group_id (LineupGroup *self)
{
  g_return_val_if_fail (LINEUP_IS_GROUP (self), NULL);
  return self->group_id;
}

const char *
lineup_group_get_group_name (LineupGroup *self)
{
  g_return_val_if_fail (LINEUP_IS_GROUP (self), NULL);
  return self->group_name;
}

const char *
lineup_group_get_group_data (LineupGroup *self)
{
  g_return_val_if_fail (LINEUP_IS_GROUP (self), NULL);
  return self->group_data;
}

const char *
lineup_group_get_model_version (LineupGroup *self)
{
  g_return_val_if_fail (LINEUP_IS_GROUP (self), NULL);
  return self->model_version;
}

const char *
lineup_group_get_add_time_raw (LineupGroup *self)
{
  g_return_val_if_fail (LINEUP_IS_GROUP (self), NULL);
  return self->add_time_raw;
}

GDateTime *
lineup_group_get_add_time (LineupGroup *self)
{
  g_return_val_if_fail (LINEUP_IS_GROUP (self), NULL);
  return self->add_time;
}

/**
 * lineup_group_get_display_name:
 *
 * Returns: the name if the library has one, else its id
 */
const char *
lineup_group_get_display_name (LineupGroup *self)
{
  g_return_val_if_fail (LINEUP_IS_GROUP (self), NULL);
  return *self->group_name ? self->group_name : self->group_id;
}
