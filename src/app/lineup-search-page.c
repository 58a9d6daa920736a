/* lineup-search-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-search-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-search-page.h"
#include "lineup-texture.h"

/* The search itself: the probe pane on one side, the results pane on
 * the other, and two pages with navigation when the window is narrow:
 * an AdwLeaflet on libadwaita 1.2, a navigation split view under a
 * breakpoint from 1.4, where the leaflet is deprecated. One cancellable
 * covers a search and the face_info lookups that follow it, so a new
 * search, or closing the window, stops both. */
struct _LineupSearchPage
{
  AdwBin             parent_instance;

  LineupService     *service;
  LineupImage       *searched_image;
  GCancellable      *search_cancellable;
  guint              searching : 1;

  AdwLeaflet        *leaflet;
  GtkWidget         *separator;
#if ADW_CHECK_VERSION (1, 4, 0)
  AdwNavigationSplitView *split_view;
#endif
  LineupProbePane   *probe_pane;
  LineupResultsPane *results_pane;
};

G_DEFINE_FINAL_TYPE (LineupSearchPage, lineup_search_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SERVICE,
  PROP_SEARCHING,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Layout: the one place that knows leaflet from split view */

static gboolean
is_folded (LineupSearchPage *self)
{
#if ADW_CHECK_VERSION (1, 4, 0)
  if (self->split_view != NULL)
    return adw_navigation_split_view_get_collapsed (self->split_view);
#endif
  return adw_leaflet_get_folded (self->leaflet);
}

static void
show_pane (LineupSearchPage *self,
           gboolean          results)
{
#if ADW_CHECK_VERSION (1, 4, 0)
  if (self->split_view != NULL)
    {
      adw_navigation_split_view_set_show_content (self->split_view, results);
      return;
    }
#endif
  adw_leaflet_set_visible_child (self->leaflet, results ? GTK_WIDGET (self->results_pane)
                                                        : GTK_WIDGET (self->probe_pane));
}

static void
on_folded (LineupSearchPage *self)
{
  lineup_results_pane_set_folded (self->results_pane, is_folded (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

#if ADW_CHECK_VERSION (1, 4, 0)
#define FOLD_BELOW "max-width: 700sp"

static gboolean
release_split_view_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

/* Collapsed, adw_navigation_split_view_set_show_content() (ours, or the
 * navigation.pop action's) leaves an idle behind that writes to the split
 * view without holding a reference (libadwaita 1.4 to 1.10 at least). If
 * the window closes before it runs, it writes into freed memory, and the
 * next widgets to use that memory crash. So each change keeps the split
 * view alive until an idle of lower priority, which runs after that one. */
static void
on_show_content (AdwNavigationSplitView *split_view)
{
  if (gtk_widget_in_destruction (GTK_WIDGET (split_view)))
    return;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE + 1, release_split_view_cb, g_object_ref (split_view),
                   g_object_unref);
}

static void
use_split_view (LineupSearchPage *self)
{
  g_autoptr(GtkWidget) probe = g_object_ref (GTK_WIDGET (self->probe_pane));
  g_autoptr(GtkWidget) results = g_object_ref (GTK_WIDGET (self->results_pane));
  AdwBreakpoint *breakpoint;
  GtkWidget *breakpoint_bin;
  GValue collapsed = G_VALUE_INIT;

  adw_leaflet_remove (self->leaflet, probe);
  adw_leaflet_remove (self->leaflet, results);
  adw_bin_set_child (ADW_BIN (self), NULL);

  self->split_view = ADW_NAVIGATION_SPLIT_VIEW (adw_navigation_split_view_new ());
  gtk_widget_set_name (GTK_WIDGET (self->split_view), "search-split-view");
  adw_navigation_split_view_set_min_sidebar_width (self->split_view, 340);
  adw_navigation_split_view_set_max_sidebar_width (self->split_view, 380);
  adw_navigation_split_view_set_sidebar (self->split_view, adw_navigation_page_new (probe, _("Photo and Options")));
  adw_navigation_split_view_set_content (self->split_view, adw_navigation_page_new (results, _("Results")));

  breakpoint = adw_breakpoint_new (adw_breakpoint_condition_parse (FOLD_BELOW));
  g_value_init (&collapsed, G_TYPE_BOOLEAN);
  g_value_set_boolean (&collapsed, TRUE);
  adw_breakpoint_add_setter (breakpoint, G_OBJECT (self->split_view), "collapsed", &collapsed);
  g_value_unset (&collapsed);

  breakpoint_bin = adw_breakpoint_bin_new ();
  gtk_widget_set_size_request (breakpoint_bin, 360, 300);
  adw_breakpoint_bin_set_child (ADW_BREAKPOINT_BIN (breakpoint_bin), GTK_WIDGET (self->split_view));
  adw_breakpoint_bin_add_breakpoint (ADW_BREAKPOINT_BIN (breakpoint_bin), breakpoint);
  adw_bin_set_child (ADW_BIN (self), breakpoint_bin);

  g_signal_connect_object (self->split_view, "notify::collapsed", G_CALLBACK (on_folded), self, G_CONNECT_SWAPPED);
  g_signal_connect (self->split_view, "notify::show-content", G_CALLBACK (on_show_content), NULL);
}
#endif

static void
set_searching (LineupSearchPage *self,
               gboolean          searching)
{
  if (self->searching == !!searching)
    return;
  self->searching = !!searching;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

static void
update_actions (LineupSearchPage *self)
{
  gboolean can_search = self->service != NULL &&
                        lineup_service_is_ready (self->service) &&
                        lineup_probe_pane_get_image (self->probe_pane) != NULL &&
                        lineup_probe_pane_get_group (self->probe_pane) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.run", can_search);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.run-rotated", can_search);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.cancel", self->searching);
}

static void
update_stale (LineupSearchPage *self)
{
  LineupImage *image = lineup_probe_pane_get_image (self->probe_pane);

  lineup_results_pane_set_stale (self->results_pane,
                                 lineup_results_pane_get_result (self->results_pane) != NULL &&
                                 self->searched_image != image);
}

/* Searching */

static void
faces_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LineupSearchPage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Per-face failures show on their rows; only cancellation ends here. */
  lineup_client_fetch_faces_finish (LINEUP_CLIENT (object), result, &error);
}

static void
fetch_faces (LineupSearchPage *self,
             LineupClient     *client,
             GListModel       *matches)
{
  lineup_client_fetch_faces_async (client, matches, self->search_cancellable, faces_cb, g_object_ref (self));
}

/* What a search was made with, to show beside what it found. */
typedef struct
{
  LineupSearchPage *self;
  LineupGroup      *group;
  GdkPaintable     *probe;
  gboolean          rotate;
} SearchData;

static void
search_data_free (SearchData *search)
{
  g_clear_object (&search->self);
  g_clear_object (&search->group);
  g_clear_object (&search->probe);
  g_free (search);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchData, search_data_free)

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SearchData) search = user_data;
  LineupSearchPage *self = search->self;
  g_autoptr(LineupSearchResult) search_result = NULL;
  g_autoptr(GError) error = NULL;

  search_result = lineup_client_search_finish (LINEUP_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_searching (self, FALSE);
  update_actions (self);

  if (search_result == NULL)
    {
      lineup_results_pane_show_search_error (self->results_pane, error, search->rotate);
      show_pane (self, TRUE);
      return;
    }

  lineup_results_pane_show_result (self->results_pane, search_result, search->group, search->probe,
                                   search->rotate);
  update_stale (self);

  /* Who each face is arrives row by row, under the same cancellable as
   * the search, so the next search stops these lookups too. */
  fetch_faces (self, LINEUP_CLIENT (object), lineup_search_result_get_matches (search_result));
}

static void
search (LineupSearchPage *self)
{
  LineupSearchOptions options = LINEUP_SEARCH_OPTIONS_INIT;
  LineupImage *image = lineup_probe_pane_get_image (self->probe_pane);
  LineupGroup *group = lineup_probe_pane_get_group (self->probe_pane);
  g_autoptr(GSettings) settings = NULL;
  SearchData *data;

  if (self->service == NULL || !lineup_service_is_ready (self->service) || image == NULL || group == NULL)
    return;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();
  g_set_object (&self->searched_image, image);

  options.limit = lineup_probe_pane_get_limit (self->probe_pane);
  /* No threshold is sent: the service returns its best matches whatever
   * their score and they are judged here, so moving the threshold
   * re-judges them without a new request. */
  options.rotate = lineup_probe_pane_get_rotate (self->probe_pane);
  settings = g_settings_new (SCHEMA_ID);
  options.send_base64 = g_settings_get_boolean (settings, "send-base64");

  data = g_new0 (SearchData, 1);
  data->self = g_object_ref (self);
  data->group = g_object_ref (group);
  data->probe = lineup_probe_pane_get_paintable (self->probe_pane);
  if (data->probe != NULL)
    g_object_ref (data->probe);
  data->rotate = options.rotate;

  set_searching (self, TRUE);
  lineup_results_pane_show_searching (self->results_pane);
  lineup_results_pane_set_stale (self->results_pane, FALSE);
  update_actions (self);

  if (is_folded (self))
    show_pane (self, TRUE);

  lineup_client_search_async (lineup_service_get_client (self->service), lineup_group_get_group_id (group),
                              image, &options, self->search_cancellable, search_cb, data);
}

/* Live mode: the results pane follows the camera's searches. A search
 * the operator started has the pane until it answers. */
static void
on_live_result (LineupSearchPage   *self,
                LineupSearchResult *result,
                LineupImage        *probe)
{
  LineupGroup *group = lineup_probe_pane_get_group (self->probe_pane);
  LineupClient *client = self->service ? lineup_service_get_client (self->service) : NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (self->searching || client == NULL || group == NULL)
    return;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();
  g_clear_object (&self->searched_image);

  texture = lineup_texture_new_for_pixbuf (lineup_image_get_preview (probe));
  lineup_results_pane_show_result (self->results_pane, result, group, GDK_PAINTABLE (texture),
                                   lineup_probe_pane_get_rotate (self->probe_pane));
  lineup_results_pane_set_stale (self->results_pane, FALSE);
  fetch_faces (self, client, lineup_search_result_get_matches (result));
}

static void
on_service_client (LineupSearchPage *self)
{
  lineup_camera_view_set_client (lineup_probe_pane_get_camera_view (self->probe_pane),
                                 self->service ? lineup_service_get_client (self->service) : NULL);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  search (LINEUP_SEARCH_PAGE (widget));
}

static void
search_rotated_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);

  lineup_probe_pane_set_rotate (self->probe_pane, TRUE);
  search (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);

  if (!self->searching)
    return;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  set_searching (self, FALSE);
  /* Results of an earlier search, if any, come back as they were. */
  lineup_results_pane_restore (self->results_pane);
  update_stale (self);
  update_actions (self);
}

static void
show_probe_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (widget);

  show_pane (self, FALSE);
}

static void
on_retry_lookup (LineupSearchPage *self,
                 LineupMatch      *match)
{
  g_autoptr(GListStore) one = g_list_store_new (LINEUP_TYPE_MATCH);
  LineupClient *client = self->service ? lineup_service_get_client (self->service) : NULL;

  if (client == NULL)
    return;
  if (self->search_cancellable == NULL)
    self->search_cancellable = g_cancellable_new ();

  lineup_match_set_face_error (match, NULL);
  g_list_store_append (one, match);
  fetch_faces (self, client, G_LIST_MODEL (one));
}

/* Following the probe and the service */

static void
on_probe_image (LineupSearchPage *self)
{
  update_stale (self);
  update_actions (self);
}

static void
on_threshold (LineupSearchPage *self)
{
  lineup_results_pane_set_threshold (self->results_pane, lineup_probe_pane_get_threshold (self->probe_pane));
}

static void
on_service_state (LineupSearchPage *self)
{
  const char *shown = lineup_results_pane_get_state (self->results_pane);

  switch (lineup_service_get_state (self->service))
    {
    case LINEUP_SERVICE_STATE_STARTING:
      if (g_strcmp0 (shown, "idle") == 0 || g_strcmp0 (shown, "error") == 0)
        lineup_results_pane_show_connecting (self->results_pane);
      break;
    case LINEUP_SERVICE_STATE_READY:
      lineup_results_pane_leave_error (self->results_pane);
      /* In the narrow layout, back to the photo once the error is gone. */
      if (is_folded (self) && lineup_results_pane_get_result (self->results_pane) == NULL)
        show_pane (self, FALSE);
      break;
    case LINEUP_SERVICE_STATE_FAILED:
      if (!self->searching)
        {
          lineup_results_pane_show_service_error (self->results_pane, lineup_service_get_error (self->service),
                                                  lineup_service_get_mode (self->service));
          /* The error page is where to go next, even in the narrow layout. */
          show_pane (self, TRUE);
        }
      break;
    case LINEUP_SERVICE_STATE_IDLE:
    default:
      break;
    }
  update_actions (self);
}

static void
on_service_demo (LineupSearchPage *self)
{
  lineup_results_pane_set_demo (self->results_pane, lineup_service_get_demo (self->service));
}

/* GObject */

static void
lineup_search_page_dispose (GObject *object)
{
  LineupSearchPage *self = (LineupSearchPage *)object;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  lineup_search_page_set_service (self, NULL);
  /* The leaflet is both the bin's child and a template child: let the
   * bin drop it first, or both would unparent it. (With a split view,
   * the bin holds that instead.) */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINEUP_TYPE_SEARCH_PAGE);
  g_clear_object (&self->searched_image);

  G_OBJECT_CLASS (lineup_search_page_parent_class)->dispose (object);
}

static void
lineup_search_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    case PROP_SEARCHING:
      g_value_set_boolean (value, self->searching);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, is_folded (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_search_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LineupSearchPage *self = LINEUP_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      lineup_search_page_set_service (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_search_page_class_init (LineupSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lineup_search_page_dispose;
  object_class->get_property = lineup_search_page_get_property;
  object_class->set_property = lineup_search_page_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, LINEUP_TYPE_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LINEUP_TYPE_PROBE_PANE);
  g_type_ensure (LINEUP_TYPE_RESULTS_PANE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lineup/Lineup/ui/lineup-search-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LineupSearchPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LineupSearchPage, separator);
  gtk_widget_class_bind_template_child (widget_class, LineupSearchPage, probe_pane);
  gtk_widget_class_bind_template_child (widget_class, LineupSearchPage, results_pane);

  gtk_widget_class_install_action (widget_class, "search.run", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "search.run-rotated", NULL, search_rotated_action);
  gtk_widget_class_install_action (widget_class, "search.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "search.show-probe", NULL, show_probe_action);
}

static void
lineup_search_page_init (LineupSearchPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->probe_pane, "notify::image", G_CALLBACK (on_probe_image), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->probe_pane, "notify::group", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->probe_pane, "notify::threshold", G_CALLBACK (on_threshold), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->results_pane, "retry-lookup", G_CALLBACK (on_retry_lookup), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (lineup_probe_pane_get_camera_view (self->probe_pane), "live-result",
                           G_CALLBACK (on_live_result), self, G_CONNECT_SWAPPED);
#if ADW_CHECK_VERSION (1, 4, 0)
  use_split_view (self);
#else
  /* Set here rather than in the template: from libadwaita 1.4, where the
   * split view replaces the leaflet, these properties are deprecated, and
   * GtkBuilder setting them there warns under G_ENABLE_DIAGNOSTIC. */
  adw_leaflet_set_can_navigate_back (self->leaflet, TRUE);
  adw_leaflet_set_transition_type (self->leaflet, ADW_LEAFLET_TRANSITION_TYPE_OVER);
  adw_leaflet_page_set_navigatable (adw_leaflet_get_page (self->leaflet, self->separator), FALSE);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (on_folded), self, G_CONNECT_SWAPPED);
#endif
  on_threshold (self);
  on_folded (self);
  update_actions (self);
}

/* Public */

LineupService *
lineup_search_page_get_service (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), NULL);
  return self->service;
}

void
lineup_search_page_set_service (LineupSearchPage *self,
                                LineupService    *service)
{
  g_return_if_fail (LINEUP_IS_SEARCH_PAGE (self));
  g_return_if_fail (!service || LINEUP_IS_SERVICE (service));

  if (self->service == service)
    return;

  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_set_object (&self->service, service);
  lineup_probe_pane_set_service (self->probe_pane, service);

  if (service != NULL)
    {
      g_signal_connect_object (service, "notify::state", G_CALLBACK (on_service_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (service, "notify::demo", G_CALLBACK (on_service_demo), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (service, "notify::client", G_CALLBACK (on_service_client), self, G_CONNECT_SWAPPED);
      on_service_demo (self);
      on_service_state (self);
    }
  on_service_client (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVICE]);
}

LineupProbePane *
lineup_search_page_get_probe_pane (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), NULL);
  return self->probe_pane;
}

LineupResultsPane *
lineup_search_page_get_results_pane (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), NULL);
  return self->results_pane;
}

gboolean
lineup_search_page_get_searching (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), FALSE);
  return self->searching;
}

/**
 * lineup_search_page_get_folded:
 *
 * Returns: whether the window is too narrow for both panes, so that they
 *   are two pages
 */
gboolean
lineup_search_page_get_folded (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), FALSE);
  return is_folded (self);
}

/**
 * lineup_search_page_get_results_shown:
 *
 * Returns: whether the results pane is the page on show (always, when
 *   the window is wide enough for both)
 */
gboolean
lineup_search_page_get_results_shown (LineupSearchPage *self)
{
  g_return_val_if_fail (LINEUP_IS_SEARCH_PAGE (self), FALSE);

  if (!is_folded (self))
    return TRUE;
#if ADW_CHECK_VERSION (1, 4, 0)
  if (self->split_view != NULL)
    return adw_navigation_split_view_get_show_content (self->split_view);
#endif
  return adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->results_pane);
}
