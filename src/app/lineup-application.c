/* lineup-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-application"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-about.h"
#include "lineup-application.h"
#include "lineup-preferences-window.h"
#include "lineup-window.h"

/* The application owns the LineupService that decides which service
 * the windows talk to; windows follow it. Nothing of the service runs
 * before the first window has been drawn. */
struct _LineupApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
  LineupService  *service;
  GtkWidget      *preferences;   /* weak: the open preferences window */
};

G_DEFINE_FINAL_TYPE (LineupApplication, lineup_application, ADW_TYPE_APPLICATION)

static void
on_first_frame (GdkFrameClock     *clock,
                LineupApplication *self)
{
  g_debug ("First frame at %" G_GINT64_FORMAT " µs (monotonic)", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, self);
  lineup_service_start (self->service);
}

static void
lineup_application_activate (GApplication *application)
{
  LineupApplication *self = LINEUP_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GdkFrameClock *clock;

  if (window == NULL)
    window = GTK_WINDOW (lineup_window_new (GTK_APPLICATION (self), self->service));
  gtk_window_present (window);

  /* Starting the demo service or reading the keyring waits until the
   * window is on screen. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  if (lineup_service_get_state (self->service) != LINEUP_SERVICE_STATE_IDLE)
    return;
  if (clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_frame), self, 0);
  else
    lineup_service_start (self->service);
}

static void
lineup_application_open (GApplication  *application,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  GtkWindow *window;

  /* A photo to search answers the welcome page: the demo is in use. */
  if (n_files > 0)
    g_settings_set_boolean (LINEUP_APPLICATION (application)->settings, "welcome-done", TRUE);
  lineup_application_activate (application);
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  if (n_files > 0 && LINEUP_IS_WINDOW (window))
    lineup_window_open_files (LINEUP_WINDOW (window), files, n_files);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  LineupApplication *self = user_data;

  lineup_about_present (GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (self))));
}

/* Preferences apply at once: the service reconnects, windows follow. */
static void
on_preferences_applied (LineupApplication *self)
{
  if (g_settings_get_boolean (self->settings, "use-demo"))
    lineup_service_use_demo (self->service);
  else
    lineup_service_use_account (self->service);
}

static LineupPreferencesWindow *
present_preferences (LineupApplication *self)
{
  if (self->preferences == NULL)
    {
      self->preferences = lineup_preferences_window_new (self->settings, lineup_service_get_keyring (self->service));
      g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *)&self->preferences);
      g_signal_connect_object (self->preferences, "applied", G_CALLBACK (on_preferences_applied), self,
                               G_CONNECT_SWAPPED);
    }
  lineup_preferences_window_present (LINEUP_PREFERENCES_WINDOW (self->preferences),
                                     GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (self))));
  return LINEUP_PREFERENCES_WINDOW (self->preferences);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  present_preferences (LINEUP_APPLICATION (user_data));
}

/* The welcome page's two answers; either one means it was seen. */
static void
try_demo_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  LineupApplication *self = user_data;

  g_settings_set_boolean (self->settings, "welcome-done", TRUE);
  lineup_service_use_demo (self->service);
}

static void
connect_account_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  LineupApplication *self = user_data;

  g_settings_set_boolean (self->settings, "welcome-done", TRUE);
  lineup_preferences_window_show_account (present_preferences (self));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_autoptr(GList) windows = NULL;

  /* Closing each window, as its close button does, saves its state; the
   * application ends with its last window. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
lineup_application_startup (GApplication *application)
{
  LineupApplication *self = LINEUP_APPLICATION (application);
  static const GActionEntry actions[] = {
    { "about", about_action },
    { "preferences", preferences_action },
    { "try-demo", try_demo_action },
    { "connect-account", connect_account_action },
    { "quit", quit_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (lineup_application_parent_class)->startup (application);

  /* Settings only from here: `lineup --help` must work without them. */
  self->settings = g_settings_new (SCHEMA_ID);
  self->service = lineup_service_new (self->settings);
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
}

static int
lineup_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("lineup %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
lineup_application_window_added (GtkApplication *application,
                                 GtkWindow      *window)
{
  /* The development profile's windows have striped header bars. */
  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (window), "devel");

  GTK_APPLICATION_CLASS (lineup_application_parent_class)->window_added (application, window);
}

static void
lineup_application_shutdown (GApplication *application)
{
  LineupApplication *self = LINEUP_APPLICATION (application);

  if (self->service != NULL)
    lineup_service_shutdown (self->service);

  G_APPLICATION_CLASS (lineup_application_parent_class)->shutdown (application);
}

static void
lineup_application_finalize (GObject *object)
{
  LineupApplication *self = (LineupApplication *)object;

  if (self->preferences != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->preferences), (gpointer *)&self->preferences);
  g_clear_object (&self->service);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lineup_application_parent_class)->finalize (object);
}

static void
lineup_application_class_init (LineupApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_application_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = lineup_application_finalize;
  application_class->activate = lineup_application_activate;
  application_class->open = lineup_application_open;
  application_class->startup = lineup_application_startup;
  application_class->shutdown = lineup_application_shutdown;
  application_class->handle_local_options = lineup_application_handle_local_options;
  gtk_application_class->window_added = lineup_application_window_added;
}

static void
lineup_application_init (LineupApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "version", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE, _("Show the version and exit"), NULL);
}

LineupApplication *
lineup_application_new (void)
{
  return g_object_new (LINEUP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/lineup/Lineup",
                       NULL);
}

/**
 * lineup_application_get_service:
 *
 * Returns: (transfer none): the service the application's windows use
 */
LineupService *
lineup_application_get_service (LineupApplication *self)
{
  g_return_val_if_fail (LINEUP_IS_APPLICATION (self), NULL);
  return self->service;
}
