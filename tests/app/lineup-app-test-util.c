/* lineup-app-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lineup-app-test-util.h"
#include "lineup-test-util.h"

/* Finding widgets by name, as a user finds them by what they say, and
 * ending each window test with proof that nothing kept it alive. */

GtkWidget *
lineup_app_test_find (GtkWidget  *root,
                      const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lineup_app_test_find (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
lineup_app_test_get (GtkWidget  *root,
                     const char *name)
{
  GtkWidget *widget = lineup_app_test_find (root, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

static GtkWidget *
find_visible (GtkWidget *widget,
              GType      type)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_visible (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * lineup_app_test_find_toplevel:
 * @type: a widget type
 *
 * Returns: (transfer none) (nullable): a visible window of @type, or a
 *   visible widget of @type in a visible window, as libadwaita 1.5's
 *   dialogs are
 */
GtkWidget *
lineup_app_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *found = find_visible (window, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect (GtkWidget *widget,
         GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect (child, out);
}

char *
lineup_app_test_collect_text (GtkWidget *root)
{
  GString *out = g_string_new (NULL);

  collect (root, out);
  return g_string_free (out, FALSE);
}

const char *
lineup_app_test_stack_page (GtkWidget  *root,
                            const char *name)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (lineup_app_test_get (root, name)));
}

const char *
lineup_app_test_label (GtkWidget  *root,
                       const char *name)
{
  return gtk_label_get_text (GTK_LABEL (lineup_app_test_get (root, name)));
}

LineupService *
lineup_app_test_demo_service (GSettings *settings)
{
  LineupService *service = lineup_service_new (settings);

  lineup_service_start (service);
  lineup_app_test_wait_ready (service);
  return service;
}

void
lineup_app_test_wait_ready (LineupService *service)
{
  LINEUP_TEST_WAIT_FOR (lineup_service_get_state (service) == LINEUP_SERVICE_STATE_READY ||
                        lineup_service_get_state (service) == LINEUP_SERVICE_STATE_FAILED, 30);
  if (lineup_service_get_state (service) == LINEUP_SERVICE_STATE_FAILED)
    g_error ("The service failed: %s", lineup_service_get_error (service)->message);
}

/**
 * lineup_app_test_destroy_window:
 * @window: a window the test holds the only reference to
 *
 * Destroys @window, lets the callbacks of cancelled work run (they hold
 * references until then), and asserts that the window is finalized: a
 * task that outlives its window fails here.
 */
void
lineup_app_test_destroy_window (gpointer window)
{
  g_assert_true (GTK_IS_WINDOW (window));

  gtk_window_destroy (GTK_WINDOW (window));
  lineup_app_test_finalize (window);
}

/**
 * lineup_app_test_finalize:
 * @object: an object the test holds the last reference to, once the
 *   callbacks of its cancelled work have run
 */
void
lineup_app_test_finalize (gpointer object)
{
  LINEUP_TEST_WAIT_FOR (G_OBJECT (object)->ref_count == 1, 20);
  g_assert_finalize_object (object);
}

GObject *
lineup_app_test_demo_server (LineupService *service)
{
  LineupDemoSeam *demo = lineup_service_get_demo (service);

  g_assert_nonnull (demo);
  return lineup_demo_seam_get_server (demo);
}

/* Opens one of the demo's probe photos as a file and waits until the
 * window shows it, captioned with its name. */
void
lineup_app_test_open_probe (LineupWindow *window,
                            guint         probe)
{
  g_autoptr(GFile) file = lineup_test_write_probe (probe);
  g_autofree char *name = g_file_get_basename (file);

  lineup_window_open_files (window, &file, 1);
  LINEUP_TEST_WAIT_FOR (g_strcmp0 (lineup_app_test_stack_page (GTK_WIDGET (window), "image-stack"), "image") == 0 &&
                        g_str_has_prefix (lineup_app_test_label (GTK_WIDGET (window), "image-info"), name), 20);
}
