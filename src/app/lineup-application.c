/* lineup-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-application"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "lineup-application.h"
#include "lineup-client.h"
#include "lineup-demo-server.h"
#include "lineup-window.h"

/* The application decides which service the windows talk to: the
 * built-in demo service when no account is configured (so a first run
 * works offline), else the configured service with the secret from the
 * keyring. Starting either never blocks the main loop. */
struct _LineupApplication
{
  AdwApplication    parent_instance;
  GSettings        *settings;
  LineupClient     *client;
  LineupDemoServer *demo;
  GError           *service_error;
  GCancellable     *cancellable;
  guint             service_started : 1;
};

G_DEFINE_FINAL_TYPE (LineupApplication, lineup_application, ADW_TYPE_APPLICATION)

static const SecretSchema *
secret_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".ApiSecret", SECRET_SCHEMA_NONE,
    {
      { "api_key", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "NULL", 0 },
    }
  };
  return &schema;
}

static void
apply_to_window (LineupApplication *self,
                 LineupWindow      *window)
{
  lineup_window_set_demo_server (window, self->demo);
  if (self->client != NULL)
    lineup_window_set_client (window, self->client);
  else if (self->service_error != NULL)
    lineup_window_set_service_error (window, self->service_error);
}

static void
apply_to_windows (LineupApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (LINEUP_IS_WINDOW (l->data))
      apply_to_window (self, l->data);
}

static void
set_client (LineupApplication *self,
            const char        *base_url,
            const char        *key,
            const char        *secret)
{
  g_autoptr(LineupSigner) signer = lineup_signer_new (key, secret);

  g_clear_object (&self->client);
  self->client = lineup_client_new (base_url, signer);
  lineup_client_set_timeouts (self->client, 15, g_settings_get_int (self->settings, "timeout"));
  lineup_client_set_max_concurrency (self->client, g_settings_get_int (self->settings, "max-concurrency"));
  apply_to_windows (self);
}

static void
fail_service (LineupApplication *self,
              GError            *error)
{
  g_clear_error (&self->service_error);
  self->service_error = error;
  apply_to_windows (self);
}

static void
demo_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LineupApplication) self = user_data;
  LineupDemoServer *demo = LINEUP_DEMO_SERVER (object);
  GError *error = NULL;

  if (!lineup_demo_server_start_finish (demo, result, &error))
    {
      fail_service (self, error);
      return;
    }

  g_debug ("Using the demo service at %s", lineup_demo_server_get_base_url (demo));
  set_client (self, lineup_demo_server_get_base_url (demo),
              lineup_demo_server_get_api_key (demo), lineup_demo_server_get_api_secret (demo));
}

static void
secret_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LineupApplication) self = user_data;
  g_autofree char *base_url = g_settings_get_string (self->settings, "base-url");
  g_autofree char *key = g_settings_get_string (self->settings, "api-key");
  GError *error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (secret == NULL)
    {
      if (error == NULL)
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("No API secret is stored in the keyring for the key “%s”."), key);
      fail_service (self, error);
      return;
    }

  set_client (self, base_url, key, secret);
  secret_password_free (secret);
}

static void
start_service (LineupApplication *self)
{
  g_autofree char *key = g_settings_get_string (self->settings, "api-key");
  const char *env_key = g_getenv ("LINEUP_API_KEY");
  const char *env_secret = g_getenv ("LINEUP_API_SECRET");

  if (self->service_started)
    return;
  self->service_started = TRUE;

  /* Credentials in the environment win: handy for scripted demos. */
  if (env_key != NULL && *env_key && env_secret != NULL && *env_secret)
    {
      g_autofree char *base_url = g_settings_get_string (self->settings, "base-url");
      const char *env_url = g_getenv ("LINEUP_BASE_URL");

      set_client (self, env_url ? env_url : base_url, env_key, env_secret);
      return;
    }

  if (g_settings_get_boolean (self->settings, "use-demo") || *key == '\0')
    {
      self->demo = lineup_demo_server_new (NULL, NULL);
      lineup_demo_server_start_async (self->demo, 0, self->cancellable, demo_started_cb, g_object_ref (self));
      return;
    }

  secret_password_lookup (secret_schema (), self->cancellable, secret_cb, g_object_ref (self),
                          "api_key", key, NULL);
}

static void
lineup_application_activate (GApplication *application)
{
  LineupApplication *self = LINEUP_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (lineup_window_new (GTK_APPLICATION (self)));
      apply_to_window (self, LINEUP_WINDOW (window));
    }
  gtk_window_present (window);

  /* After the window is shown: nothing of the service delays the first
   * frame. */
  start_service (self);
}

static void
lineup_application_open (GApplication  *application,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  GtkWindow *window;

  lineup_application_activate (application);
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  /* One probe at a time: the first file is the one searched for. */
  if (n_files > 0 && LINEUP_IS_WINDOW (window))
    lineup_window_open_file (LINEUP_WINDOW (window), files[0]);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  LineupApplication *self = user_data;
  static const char *developers[] = { "The Lineup developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Lineup"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Lineup developers"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Search a face against a FaceSearch library and read the ranked matches.\n\n"
                                      "The built-in demo service compares images with a simple similarity "
                                      "measure. It is a demo, not face recognition."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
lineup_application_startup (GApplication *application)
{
  LineupApplication *self = LINEUP_APPLICATION (application);
  static const GActionEntry actions[] = {
    { "about", about_action },
    { "quit", quit_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (lineup_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);

  gtk_css_provider_load_from_resource (css, "/io/github/lineup/Lineup/ui/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
lineup_application_shutdown (GApplication *application)
{
  LineupApplication *self = LINEUP_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);
  if (self->demo != NULL)
    lineup_demo_server_stop (self->demo);

  G_APPLICATION_CLASS (lineup_application_parent_class)->shutdown (application);
}

static void
lineup_application_finalize (GObject *object)
{
  LineupApplication *self = (LineupApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->client);
  g_clear_object (&self->demo);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->service_error);

  G_OBJECT_CLASS (lineup_application_parent_class)->finalize (object);
}

static void
lineup_application_class_init (LineupApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = lineup_application_finalize;
  application_class->activate = lineup_application_activate;
  application_class->open = lineup_application_open;
  application_class->startup = lineup_application_startup;
  application_class->shutdown = lineup_application_shutdown;
}

static void
lineup_application_init (LineupApplication *self)
{
  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
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
