/* lineup-test-widgets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-test"

#include "config.h"

#include <stdlib.h>

#include "lineup-test-widgets.h"

/* Finding rows and buttons by what they say (see lineup-app-test-util.c
 * for widgets by name), and screenshots on request:
 * with $LINEUP_SHOTS_DIR set, lineup_test_widgets_shoot() writes
 * NAME$LINEUP_SHOTS_SUFFIX.png there, rendered by GTK itself; with
 * $LINEUP_SHOTS_DARK in dark style, and $LINEUP_SHOTS_WIDTH sets the
 * width of the windows presented. */

void
lineup_test_widgets_init (void)
{
  if (g_getenv ("LINEUP_SHOTS_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
}

/**
 * lineup_test_widgets_present:
 * @widget: a window, or from libadwaita 1.5 a dialog (shown in an empty
 *   window of that width)
 *
 * Presents @widget, $LINEUP_SHOTS_WIDTH pixels wide when that is set,
 * and lets it appear.
 */
void
lineup_test_widgets_present (GtkWidget *widget)
{
  const char *width = g_getenv ("LINEUP_SHOTS_WIDTH");

#if ADW_CHECK_VERSION (1, 5, 0)
  /* in a window, as the app shows it: alone, it gets a window of its own
   * that sizes it unlike any the app has */
  if (ADW_IS_DIALOG (widget))
    {
      GtkWidget *host = adw_window_new ();
      int wanted = width ? atoi (width) : 1000;
      int got;

      gtk_window_set_title (GTK_WINDOW (host), "Lineup");
      gtk_window_set_default_size (GTK_WINDOW (host), wanted, 800);
      adw_window_set_content (ADW_WINDOW (host), adw_status_page_new ());
      gtk_window_present (GTK_WINDOW (host));
      lineup_test_widgets_settle ();
      /* The content that wide: without a compositor, as under Xvfb, the
       * frame takes 10 px of it, and a dialog would no longer fit in a
       * window of its minimum width, 360 px. */
      got = gtk_widget_get_width (host);
      if (got > 0 && got < wanted)
        {
          gtk_window_set_default_size (GTK_WINDOW (host), 2 * wanted - got, 800);
          lineup_test_widgets_settle ();
        }
      adw_dialog_present (ADW_DIALOG (widget), host);
      lineup_test_widgets_settle ();
      return;
    }
#endif
  if (width != NULL)
    {
      int unused, height;

      gtk_window_get_default_size (GTK_WINDOW (widget), &unused, &height);
      gtk_window_set_default_size (GTK_WINDOW (widget), atoi (width), height);
    }
  gtk_window_present (GTK_WINDOW (widget));
  lineup_test_widgets_settle ();
}

/**
 * lineup_test_widgets_dismiss:
 * @widget: what lineup_test_widgets_present() showed
 *
 * Closes @widget at once, and from libadwaita 1.5 destroys the window
 * a dialog was presented in.
 */
void
lineup_test_widgets_dismiss (GtkWidget *widget)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  if (ADW_IS_DIALOG (widget))
    {
      GtkRoot *host = gtk_widget_get_root (widget);

      adw_dialog_force_close (ADW_DIALOG (widget));
      if (GTK_IS_WINDOW (host))
        gtk_window_destroy (GTK_WINDOW (host));
      return;
    }
#endif
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* Lets pending idles, layout and redraws run; bounded, never a wait on
 * a condition (LINEUP_TEST_WAIT_FOR is for those). */
void
lineup_test_widgets_settle (void)
{
  gint64 end = g_get_monotonic_time () + 60 * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

typedef gboolean (*Match) (GtkWidget  *widget,
                           const char *text);

static GtkWidget *
find (GtkWidget  *root,
      Match       match,
      const char *text)
{
  if (match (root, text))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, match, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_row (GtkWidget  *widget,
        const char *title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_button (GtkWidget  *widget,
           const char *label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_check (GtkWidget  *widget,
          const char *unused)
{
  return GTK_IS_CHECK_BUTTON (widget);
}

static gboolean
is_spin (GtkWidget  *widget,
         const char *unused)
{
  return GTK_IS_SPIN_BUTTON (widget);
}

/**
 * lineup_test_widgets_find_row:
 *
 * Returns: (transfer none): the preferences row titled @title; its title
 *   is also its accessible name. Fails the test when there is none.
 */
GtkWidget *
lineup_test_widgets_find_row (GtkWidget  *root,
                              const char *title)
{
  GtkWidget *found = find (root, is_row, title);

  if (found == NULL)
    g_error ("No row “%s”", title);
  return found;
}

GtkWidget *
lineup_test_widgets_find_button (GtkWidget  *root,
                                 const char *label)
{
  GtkWidget *found = find (root, is_button, label);

  if (found == NULL)
    g_error ("No button “%s”", label);
  return found;
}

GtkWidget *
lineup_test_widgets_find_check (GtkWidget *root)
{
  return find (root, is_check, NULL);
}

GtkWidget *
lineup_test_widgets_find_spin (GtkWidget *root)
{
  return find (root, is_spin, NULL);
}

/**
 * lineup_test_widgets_focus_within:
 *
 * Returns: whether the focus of @widget's window is @widget or inside
 *   it. A libadwaita 1.5 dialog only moves the focus where it was asked
 *   to once it has been mapped for two frames: wait for it.
 */
gboolean
lineup_test_widgets_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/**
 * lineup_test_widgets_scroll_to:
 *
 * Scrolls the scrolled window around @widget so that @widget is at its
 * top, as far as it goes.
 */
void
lineup_test_widgets_scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_point_t point;

  g_assert_nonnull (scrolled);
  lineup_test_widgets_settle ();
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, point.y - 12);
  lineup_test_widgets_settle ();
}

static gboolean
any_transition (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;
  if (ADW_IS_LEAFLET (widget) && adw_leaflet_get_child_transition_running (ADW_LEAFLET (widget)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (any_transition (child))
      return TRUE;
  return FALSE;
}

void
lineup_test_widgets_shoot (GtkWidget  *widget,
                           const char *name)
{
  const char *dir = g_getenv ("LINEUP_SHOTS_DIR");
  const char *suffix = g_getenv ("LINEUP_SHOTS_SUFFIX");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
#if ADW_CHECK_VERSION (1, 5, 0)
  /* a dialog as the user sees it: over its window */
  if (ADW_IS_DIALOG (widget))
    widget = GTK_WIDGET (gtk_widget_get_root (widget));
#endif

  /* a crossfade caught half-way shows two pages at once (and squeezers
   * tell no one they are fading) */
  for (guint i = 0; i < 5; i++)
    lineup_test_widgets_settle ();
  for (guint i = 0; i < 50 && any_transition (widget); i++)
    lineup_test_widgets_settle ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s%s.png", name, suffix ? suffix : "");
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s (%d × %d)", path, width, height);
}
