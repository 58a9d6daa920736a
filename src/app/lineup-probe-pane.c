/* lineup-probe-pane.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-probe-pane"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <glib/gi18n.h>

#include "lineup-accessible.h"
#include "lineup-lazy-menu.h"
#include "lineup-probe-pane-private.h"
#include "lineup-score.h"
#include "lineup-toast.h"

/* The probe: the photo to search for and the search options (library,
 * how many matches, threshold, rotation detection). The photo itself,
 * its preparation, crop and refusals, is lineup-probe-pane-photo.c's. */

G_DEFINE_FINAL_TYPE (LineupProbePane, lineup_probe_pane, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SERVICE,
  PROP_IMAGE,
  PROP_GROUP,
  PROP_THRESHOLD,
  PROP_ROTATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_lineup_probe_pane_cancel_and_clear (GCancellable **cancellable)
{
  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

void
_lineup_probe_pane_notify_image (LineupProbePane *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE]);
}

/* Samples */

static void
sample_rendered_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LineupProbePane) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = NULL;

  bytes = lineup_demo_seam_render_sample_finish (result, &file_name, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes == NULL)
    {
      lineup_toast_show_error (GTK_WIDGET (self), error);
      return;
    }
  lineup_probe_pane_open_bytes (self, bytes, file_name);
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LineupProbePane *self = LINEUP_PROBE_PANE (widget);

  /* Drawing and encoding a sample takes some milliseconds: not here. */
  _lineup_probe_pane_cancel_and_clear (&self->sample_cancellable);
  self->sample_cancellable = g_cancellable_new ();
  lineup_demo_seam_render_sample_async (g_variant_get_uint32 (parameter), self->sample_cancellable,
                                        sample_rendered_cb, g_object_ref (self));
}

static void
fill_samples_menu (LineupProbePane *self)
{
  for (guint i = 0; i < lineup_demo_seam_get_n_samples (); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (lineup_demo_seam_get_sample_title (i), NULL);

      g_menu_item_set_action_and_target (item, "probe.open-sample", "u", i);
      g_menu_append_item (self->samples_section, item);
    }
}

/* Options */

static gboolean
parse_number (GtkSpinButton *spin,
              double        *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  char *end = NULL;

  if (*text == '\0')
    return FALSE;

  /* Numbers follow the locale ("75,5"); a dot is accepted everywhere. */
  *value = strtod (text, &end);
  if (*end != '\0')
    *value = g_ascii_strtod (text, &end);
  return *end == '\0' && isfinite (*value);
}

/* GtkSpinButton turns text it cannot read into its lower bound; refusing
 * here keeps the old value, and the toast says why. */
static int
on_spin_input (GtkSpinButton   *spin,
               double          *new_value,
               LineupProbePane *self)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  gboolean whole = gtk_spin_button_get_digits (spin) == 0;
  double lower = gtk_adjustment_get_lower (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);
  g_autofree char *message = NULL;
  double value = 0;

  if (!parse_number (spin, &value))
    /* Translators: the argument is what was typed */
    message = g_strdup_printf (_("“%s” is not a number. The value stays as it was."), text);
  else if (whole && value != floor (value))
    message = g_strdup_printf (_("“%s” is not a whole number. The value stays as it was."), text);
  else if (value < lower || value > upper)
    /* Translators: what was typed, then the allowed range */
    message = g_strdup_printf (_("“%s” is outside %g–%g. The value stays as it was."), text, lower, upper);

  if (message != NULL)
    {
      lineup_toast_show (GTK_WIDGET (self), message);
      gtk_widget_error_bell (GTK_WIDGET (spin));
      return GTK_INPUT_ERROR;
    }

  *new_value = value;
  return TRUE;
}

static void
on_threshold_changed (LineupProbePane *self)
{
  double value = gtk_adjustment_get_value (self->threshold_adjustment);
  double shown = lineup_score_round (value);

  /* Keep the threshold at the precision it is shown with, so that what
   * is applied is what the operator reads. */
  if (shown != value)
    {
      gtk_adjustment_set_value (self->threshold_adjustment, shown);
      return;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THRESHOLD]);
}

static void
on_rotate_changed (LineupProbePane *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROTATE]);
}

static void
threshold_preset_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LineupProbePane *self = LINEUP_PROBE_PANE (widget);

  gtk_adjustment_set_value (self->threshold_adjustment, g_variant_get_double (parameter));
}

static void
select_wanted_group (LineupProbePane *self)
{
  GListModel *groups = adw_combo_row_get_model (self->group_row);
  guint n = groups ? g_list_model_get_n_items (groups) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LineupGroup) group = g_list_model_get_item (groups, i);

      if (g_strcmp0 (lineup_group_get_group_id (group), self->wanted_group) == 0)
        {
          adw_combo_row_set_selected (self->group_row, i);
          break;
        }
    }
}

/* The combo row reselects while the library list is refilled; only a
 * choice made by the operator is remembered. */
static void
on_groups_changing (LineupProbePane *self)
{
  self->updating_groups = TRUE;
}

static void
on_groups_changed (LineupProbePane *self)
{
  self->updating_groups = FALSE;
  select_wanted_group (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP]);
}

static void
on_group_selected (LineupProbePane *self)
{
  LineupGroup *group = adw_combo_row_get_selected_item (self->group_row);

  if (!self->updating_groups && group != NULL)
    {
      g_free (self->wanted_group);
      self->wanted_group = g_strdup (lineup_group_get_group_id (group));
      g_settings_set_string (self->settings, "group", self->wanted_group);
    }
  if (!self->updating_groups)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP]);
}

static void
on_service_mode (LineupProbePane *self)
{
  gboolean demo = self->service && lineup_service_get_mode (self->service) == LINEUP_SERVICE_MODE_DEMO;

  gtk_widget_set_visible (GTK_WIDGET (self->samples_button), demo);
}

/* GObject */


static void
lineup_probe_pane_dispose (GObject *object)
{
  LineupProbePane *self = (LineupProbePane *)object;

  _lineup_probe_pane_cancel_and_clear (&self->sample_cancellable);
  _lineup_probe_pane_photo_dispose (self);
  lineup_probe_pane_set_service (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_PROBE_PANE);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lineup_probe_pane_parent_class)->dispose (object);
}

static void
lineup_probe_pane_finalize (GObject *object)
{
  LineupProbePane *self = (LineupProbePane *)object;

  g_clear_pointer (&self->wanted_group, g_free);
  g_clear_pointer (&self->last_name, g_free);

  G_OBJECT_CLASS (lineup_probe_pane_parent_class)->finalize (object);
}

static void
lineup_probe_pane_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LineupProbePane *self = LINEUP_PROBE_PANE (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    case PROP_IMAGE:
      g_value_set_object (value, self->image);
      break;
    case PROP_GROUP:
      g_value_set_object (value, lineup_probe_pane_get_group (self));
      break;
    case PROP_THRESHOLD:
      g_value_set_double (value, lineup_probe_pane_get_threshold (self));
      break;
    case PROP_ROTATE:
      g_value_set_boolean (value, lineup_probe_pane_get_rotate (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_probe_pane_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LineupProbePane *self = LINEUP_PROBE_PANE (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      lineup_probe_pane_set_service (self, g_value_get_object (value));
      break;
    case PROP_ROTATE:
      lineup_probe_pane_set_rotate (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_probe_pane_class_init (LineupProbePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_probe_pane_dispose;
  object_class->finalize = lineup_probe_pane_finalize;
  object_class->get_property = lineup_probe_pane_get_property;
  object_class->set_property = lineup_probe_pane_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, LINEUP_TYPE_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMAGE] =
    g_param_spec_object ("image", NULL, NULL, LINEUP_TYPE_IMAGE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP] =
    g_param_spec_object ("group", NULL, NULL, LINEUP_TYPE_GROUP,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THRESHOLD] =
    g_param_spec_double ("threshold", NULL, NULL, 0, 100, 75,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROTATE] =
    g_param_spec_boolean ("rotate", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/ui/lineup-probe-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, image_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, image_spinner);
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, crop_view);
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, notice);
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, image_info);
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, whole_photo_button);
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, samples_button);
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, samples_section);
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, samples_menu);
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, presets_button);
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, presets_menu);
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, group_row);
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, limit_spin);
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, threshold_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, threshold_scale);
  gtk_widget_class_bind_template_child (widget_class, LineupProbePane, rotate_switch);

  gtk_widget_class_install_action (widget_class, "probe.open-sample", "u", open_sample_action);
  gtk_widget_class_install_action (widget_class, "probe.threshold-preset", "d", threshold_preset_action);
  _lineup_probe_pane_class_photo_init (widget_class);
  _lineup_probe_pane_class_camera_init (widget_class);
}

static void
lineup_probe_pane_init (LineupProbePane *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  lineup_accessible_clean_names (GTK_WIDGET (self));

  self->settings = g_settings_new (SCHEMA_ID);
  self->wanted_group = g_settings_get_string (self->settings, "group");

  expression = gtk_property_expression_new (LINEUP_TYPE_GROUP, NULL, "display-name");
  adw_combo_row_set_expression (self->group_row, expression);
  g_signal_connect_object (self->group_row, "notify::selected-item",
                           G_CALLBACK (on_group_selected), self, G_CONNECT_SWAPPED);

  /* Text that is not a number keeps the old value instead of the lower
   * bound. */
  gtk_spin_button_set_update_policy (self->limit_spin, GTK_UPDATE_IF_VALID);
  gtk_spin_button_set_update_policy (self->threshold_spin, GTK_UPDATE_IF_VALID);
  g_signal_connect_object (self->limit_spin, "input", G_CALLBACK (on_spin_input), self, 0);
  g_signal_connect_object (self->threshold_spin, "input", G_CALLBACK (on_spin_input), self, 0);

  g_settings_bind (self->settings, "limit", self->limit_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "threshold", self->threshold_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "rotate", self->rotate_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->threshold_adjustment, "value-changed",
                           G_CALLBACK (on_threshold_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->rotate_switch, "notify::active",
                           G_CALLBACK (on_rotate_changed), self, G_CONNECT_SWAPPED);
  on_threshold_changed (self);

  /* The vendor's recommended thresholds (FAR 1e-3 … 1e-6). */
  for (guint i = 0; i < 5; i++)
    gtk_scale_add_mark (self->threshold_scale, 75 + 5 * i, GTK_POS_BOTTOM, NULL);

  fill_samples_menu (self);
  lineup_lazy_menu_attach (self->samples_button, G_MENU_MODEL (self->samples_menu));
  lineup_lazy_menu_attach (self->presets_button, G_MENU_MODEL (self->presets_menu));

  _lineup_probe_pane_photo_init (self);
  _lineup_probe_pane_camera_init (self);
}

/* Accessors */

LineupService *
lineup_probe_pane_get_service (LineupProbePane *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANE (self), NULL);
  return self->service;
}

void
lineup_probe_pane_set_service (LineupProbePane *self,
                               LineupService   *service)
{
  GListModel *groups;

  g_return_if_fail (LINEUP_IS_PROBE_PANE (self));
  g_return_if_fail (!service || LINEUP_IS_SERVICE (service));

  if (self->service == service)
    return;

  if (self->service != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->service, self);
      g_signal_handlers_disconnect_by_data (lineup_service_get_groups (self->service), self);
    }
  g_set_object (&self->service, service);

  groups = service ? lineup_service_get_groups (service) : NULL;
  if (groups != NULL)
    {
      g_signal_connect_object (groups, "items-changed", G_CALLBACK (on_groups_changing), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (service, "notify::mode", G_CALLBACK (on_service_mode), self, G_CONNECT_SWAPPED);
    }
  self->updating_groups = TRUE;
  adw_combo_row_set_model (self->group_row, groups);
  self->updating_groups = FALSE;
  if (groups != NULL)
    g_signal_connect_object (groups, "items-changed", G_CALLBACK (on_groups_changed), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  select_wanted_group (self);
  on_service_mode (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVICE]);
}

/**
 * lineup_probe_pane_get_image:
 *
 * Returns: (transfer none) (nullable): the photo ready to be sent
 */
LineupImage *
lineup_probe_pane_get_image (LineupProbePane *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANE (self), NULL);
  return self->image;
}

/**
 * lineup_probe_pane_get_paintable:
 *
 * Returns: (transfer none) (nullable): the preview of the photo
 */
GdkPaintable *
lineup_probe_pane_get_paintable (LineupProbePane *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANE (self), NULL);
  return self->paintable;
}

/**
 * lineup_probe_pane_get_group:
 *
 * Returns: (transfer none) (nullable): the chosen library
 */
LineupGroup *
lineup_probe_pane_get_group (LineupProbePane *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANE (self), NULL);
  return adw_combo_row_get_selected_item (self->group_row);
}

guint
lineup_probe_pane_get_limit (LineupProbePane *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANE (self), 1);
  return (guint)gtk_spin_button_get_value_as_int (self->limit_spin);
}

double
lineup_probe_pane_get_threshold (LineupProbePane *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANE (self), 0);
  return lineup_score_round (gtk_adjustment_get_value (self->threshold_adjustment));
}

gboolean
lineup_probe_pane_get_rotate (LineupProbePane *self)
{
  g_return_val_if_fail (LINEUP_IS_PROBE_PANE (self), FALSE);
  return gtk_switch_get_active (self->rotate_switch);
}

void
lineup_probe_pane_set_rotate (LineupProbePane *self,
                              gboolean         rotate)
{
  g_return_if_fail (LINEUP_IS_PROBE_PANE (self));
  gtk_switch_set_active (self->rotate_switch, rotate);
}
