/* lineup-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-accessible.h"
#include "lineup-help-window.h"
#include "lineup-inspector.h"
#include "lineup-lazy-menu.h"
#include "lineup-shortcuts.h"
#include "lineup-welcome-page.h"
#include "lineup-window-private.h"

/* The main window is a host: a header bar, toasts, and a view stack of
 * pages (the search page now; library, history and calibration pages
 * have room beside it, and the title becomes a view switcher then). It follows the LineupService it is given and
 * leaves the work to its pages; actions live in lineup-window-actions.c
 * and drag-and-drop in lineup-window-dnd.c. */

G_DEFINE_FINAL_TYPE (LineupWindow, lineup_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

LineupProbePane *
_lineup_window_get_probe_pane (LineupWindow *self)
{
  return lineup_search_page_get_probe_pane (self->search_page);
}

static void
on_service_label (LineupWindow *self)
{
  adw_window_title_set_subtitle (self->window_title, lineup_service_get_label (self->service));
}

static void
on_service_mode (LineupWindow *self)
{
  gboolean demo = lineup_service_get_mode (self->service) == LINEUP_SERVICE_MODE_DEMO;

  gtk_widget_set_visible (GTK_WIDGET (self->samples_button), demo && !self->welcome);
  /* on an account the header's subtitle names the region or host */
  gtk_widget_set_visible (self->mode_line, demo);
}

/* The welcome page stays until it has been answered once, and is not
 * for someone who has an account set up already (lineup-cli login). */
static void
update_welcome (LineupWindow *self)
{
  self->welcome = !g_settings_get_boolean (self->settings, "welcome-done") &&
                  g_settings_get_boolean (self->settings, "use-demo");

  gtk_stack_set_visible_child_name (self->main_stack, self->welcome ? "welcome" : "main");
  /* photos are for the search page, once the question is answered */
  gtk_widget_set_visible (self->open_button, !self->welcome);
  if (self->service != NULL)
    on_service_mode (self);
}

static void
on_service_state (LineupWindow *self)
{
  gboolean ready = lineup_service_get_state (self->service) != LINEUP_SERVICE_STATE_STARTING;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload-groups", ready);
}

static void
on_service_client (LineupWindow *self)
{
  if (self->inspector != NULL)
    lineup_inspector_set_client (LINEUP_INSPECTOR (self->inspector), lineup_service_get_client (self->service));
}

static void
show_requests_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LineupWindow *self = LINEUP_WINDOW (widget);

  if (self->inspector == NULL)
    {
      self->inspector = lineup_inspector_new (GTK_WINDOW (self));
      g_object_add_weak_pointer (G_OBJECT (self->inspector), (gpointer *)&self->inspector);
      gtk_window_set_hide_on_close (GTK_WINDOW (self->inspector), TRUE);
    }
  on_service_client (self);
  gtk_window_present (GTK_WINDOW (self->inspector));
}

static void
show_help_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (lineup_help_window_new (GTK_WINDOW (widget))));
}

static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  lineup_shortcuts_present (GTK_WINDOW (widget));
}

static void
save_window_state (LineupWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
lineup_window_close_request (GtkWindow *window)
{
  save_window_state (LINEUP_WINDOW (window));
  return GTK_WINDOW_CLASS (lineup_window_parent_class)->close_request (window);
}

static void
lineup_window_constructed (GObject *object)
{
  LineupWindow *self = (LineupWindow *)object;

  G_OBJECT_CLASS (lineup_window_parent_class)->constructed (object);

  g_assert (LINEUP_IS_SERVICE (self->service));
  lineup_search_page_set_service (self->search_page, self->service);
  g_signal_connect_object (self->service, "notify::label", G_CALLBACK (on_service_label), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->service, "notify::mode", G_CALLBACK (on_service_mode), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->service, "notify::state", G_CALLBACK (on_service_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->service, "notify::client", G_CALLBACK (on_service_client), self, G_CONNECT_SWAPPED);
  on_service_label (self);
  on_service_mode (self);
  on_service_state (self);
}

static void
lineup_window_dispose (GObject *object)
{
  LineupWindow *self = (LineupWindow *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->inspector != NULL)
    gtk_window_destroy (GTK_WINDOW (self->inspector));
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_WINDOW);

  g_clear_object (&self->service);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lineup_window_parent_class)->dispose (object);
}

static void
lineup_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LineupWindow *self = LINEUP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LineupWindow *self = LINEUP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_window_class_init (LineupWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lineup_window_constructed;
  object_class->dispose = lineup_window_dispose;
  object_class->get_property = lineup_window_get_property;
  object_class->set_property = lineup_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = lineup_window_close_request;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, LINEUP_TYPE_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LINEUP_TYPE_SEARCH_PAGE);
  g_type_ensure (LINEUP_TYPE_WELCOME_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/ui/lineup-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, samples_button);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, samples_menu);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, samples_section);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, mode_line);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LineupWindow, search_page);

  gtk_widget_class_install_action (widget_class, "win.show-requests", NULL, show_requests_action);
  gtk_widget_class_install_action (widget_class, "win.show-help", NULL, show_help_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.show-requests", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-shortcuts", NULL, show_shortcuts_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.show-help", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.show-shortcuts", NULL);

  _lineup_window_class_actions_init (klass);
}

static void
lineup_window_init (LineupWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lineup_accessible_clean_names (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (SCHEMA_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_signal_connect_object (self->settings, "changed::welcome-done", G_CALLBACK (update_welcome), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::use-demo", G_CALLBACK (update_welcome), self,
                           G_CONNECT_SWAPPED);
  update_welcome (self);

  lineup_lazy_menu_attach (self->samples_button, G_MENU_MODEL (self->samples_menu));
  lineup_lazy_menu_attach (self->main_menu_button, G_MENU_MODEL (self->primary_menu));
  _lineup_window_actions_init (self);
  _lineup_window_dnd_init (self);
}

LineupWindow *
lineup_window_new (GtkApplication *application,
                   LineupService  *service)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LINEUP_IS_SERVICE (service), NULL);

  return g_object_new (LINEUP_TYPE_WINDOW,
                       "application", application,
                       "service", service,
                       NULL);
}

LineupService *
lineup_window_get_service (LineupWindow *self)
{
  g_return_val_if_fail (LINEUP_IS_WINDOW (self), NULL);
  return self->service;
}

/**
 * lineup_window_open_files:
 *
 * Opens the first of @files as the probe; the operator is told when
 * more were given.
 */
void
lineup_window_open_files (LineupWindow  *self,
                          GFile        **files,
                          guint          n_files)
{
  g_return_if_fail (LINEUP_IS_WINDOW (self));

  lineup_probe_pane_open_files (_lineup_window_get_probe_pane (self), files, n_files);
}
