/* lineup-live-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-live-search"

#include "config.h"

#include "lineup-error.h"
#include "lineup-live-search.h"
#include "lineup-match.h"

/* Live mode for demo desks: the camera's current frame is searched every
 * interval, one request at a time. A search starts when the interval has
 * passed since the last one started *and* the last one (with the lookup
 * of its top match's face) has finished. While the service answers
 * CONCURRENCY_LIMIT_EXCEEDED (or another transient failure), the wait
 * doubles, up to LINEUP_LIVE_SEARCH_MAX_BACKOFF_MS; a success resets it.
 * A failure that asking again cannot cure (credentials, a library that
 * does not exist) stops it. */
struct _LineupLiveSearch
{
  GObject              parent_instance;
  LineupClient        *client;
  char                *group_id;
  LineupSearchOptions  options;
  guint                interval_ms;
  guint                delay_ms;

  LineupCamera        *camera;
  GCancellable        *cancellable;
  LineupImage         *image;
  LineupSearchResult  *result;
  guint                timeout_id;
  gint64               started_at;
  guint                n_searches;
  guint                busy : 1;
};

G_DEFINE_FINAL_TYPE (LineupLiveSearch, lineup_live_search, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_BUSY,
  PROP_DELAY,
  N_PROPS
};

enum {
  RESULT,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void search_now (LineupLiveSearch *self);

static void
set_busy (LineupLiveSearch *self,
          gboolean          busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_delay (LineupLiveSearch *self,
           guint             delay_ms)
{
  if (self->delay_ms == delay_ms)
    return;
  self->delay_ms = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAY]);
}

static gboolean
on_due (gpointer user_data)
{
  LineupLiveSearch *self = user_data;

  self->timeout_id = 0;
  search_now (self);
  return G_SOURCE_REMOVE;
}

/* The next search, @delay_ms after the last one started. */
static void
schedule (LineupLiveSearch *self)
{
  gint64 due = self->started_at + (gint64)self->delay_ms * 1000;
  gint64 wait_ms = MAX (0, (due - g_get_monotonic_time ()) / 1000);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (wait_ms, on_due, self);
}

static void
finish (LineupLiveSearch *self,
        const GError     *error)
{
  g_autoptr(LineupImage) image = g_steal_pointer (&self->image);
  g_autoptr(LineupSearchResult) result = g_steal_pointer (&self->result);
  gboolean stop = FALSE;

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  if (error == NULL)
    {
      set_delay (self, self->interval_ms);
      g_signal_emit (self, signals[RESULT], 0, result, image);
    }
  else
    {
      if (lineup_api_error_is_transient (error))
        set_delay (self, MIN (MAX (self->delay_ms, self->interval_ms) * 2, LINEUP_LIVE_SEARCH_MAX_BACKOFF_MS));
      else if (!g_error_matches (error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_FACE_FOUND) &&
               !g_error_matches (error, LINEUP_API_ERROR, LINEUP_API_ERROR_BAD_IMAGE) &&
               !g_error_matches (error, LINEUP_API_ERROR, LINEUP_API_ERROR_UNSUPPORTED_IMAGE))
        stop = TRUE;
      g_debug ("Live search failed (%s); %s", error->message,
               stop ? "stopping" : "next in a while");
      g_signal_emit (self, signals[FAILED], 0, error, stop);
    }

  if (stop)
    lineup_live_search_stop (self);
  else if (self->camera != NULL)
    schedule (self);
}

static void
face_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LineupLiveSearch) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lineup_client_fetch_faces_finish (LINEUP_CLIENT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A face that could not be looked up is recorded on its match. */
  finish (self, NULL);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LineupLiveSearch) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) top = NULL;
  g_autoptr(LineupMatch) best = NULL;
  GListModel *matches;

  self->result = lineup_client_search_finish (LINEUP_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->result == NULL)
    {
      finish (self, error);
      return;
    }

  /* Who the best match is, for the overlay: one lookup, often cached. */
  matches = lineup_search_result_get_matches (self->result);
  if (g_list_model_get_n_items (matches) == 0)
    {
      finish (self, NULL);
      return;
    }
  best = g_list_model_get_item (matches, 0);
  top = g_list_store_new (LINEUP_TYPE_MATCH);
  g_list_store_append (top, best);
  lineup_client_fetch_faces_async (self->client, G_LIST_MODEL (top), self->cancellable, face_cb,
                                   g_object_ref (self));
}

static void
prepared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LineupLiveSearch) self = user_data;
  g_autoptr(GError) error = NULL;

  self->image = lineup_camera_frame_prepare_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->image == NULL)
    {
      finish (self, error);
      return;
    }

  self->n_searches++;
  lineup_client_search_async (self->client, self->group_id, self->image, &self->options, self->cancellable,
                              search_cb, g_object_ref (self));
}

static void
search_now (LineupLiveSearch *self)
{
  LineupCameraFrame *frame;

  /* Never two at once: the one in flight schedules the next. */
  if (self->camera == NULL || self->busy)
    return;

  self->started_at = g_get_monotonic_time ();
  if (!(frame = lineup_camera_get_frame (self->camera)))
    {
      schedule (self);
      return;
    }

  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  /* The frame as the camera saw it, like a captured probe */
  lineup_camera_frame_prepare_async (frame, FALSE, self->cancellable, prepared_cb, g_object_ref (self));
}

/* GObject */

static void
lineup_live_search_dispose (GObject *object)
{
  LineupLiveSearch *self = (LineupLiveSearch *)object;

  lineup_live_search_stop (self);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (lineup_live_search_parent_class)->dispose (object);
}

static void
lineup_live_search_finalize (GObject *object)
{
  LineupLiveSearch *self = (LineupLiveSearch *)object;

  g_clear_pointer (&self->group_id, g_free);

  G_OBJECT_CLASS (lineup_live_search_parent_class)->finalize (object);
}

static void
lineup_live_search_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LineupLiveSearch *self = LINEUP_LIVE_SEARCH (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, lineup_live_search_get_running (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_DELAY:
      g_value_set_uint (value, self->delay_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_live_search_class_init (LineupLiveSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lineup_live_search_dispose;
  object_class->finalize = lineup_live_search_finalize;
  object_class->get_property = lineup_live_search_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELAY] =
    g_param_spec_uint ("delay", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LineupLiveSearch::result:
   * @result: what the search found; its best match's face is filled in
   * @probe: the frame that was searched, prepared as a probe
   */
  signals[RESULT] =
    g_signal_new ("result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, LINEUP_TYPE_SEARCH_RESULT, LINEUP_TYPE_IMAGE);

  /**
   * LineupLiveSearch::failed:
   * @error: why the search failed
   * @stopped: whether live search stopped for it (otherwise the next
   *   search follows, later when the error is transient)
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_BOOLEAN);
}

static void
lineup_live_search_init (LineupLiveSearch *self)
{
  LineupSearchOptions options = LINEUP_SEARCH_OPTIONS_INIT;

  self->options = options;
  self->interval_ms = 2000;
  self->delay_ms = self->interval_ms;
}

/**
 * lineup_live_search_new:
 * @group_id: the library to search
 *
 * Returns: (transfer full): a stopped live search
 */
LineupLiveSearch *
lineup_live_search_new (LineupClient *client,
                        const char   *group_id)
{
  LineupLiveSearch *self;

  g_return_val_if_fail (LINEUP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (group_id != NULL, NULL);

  self = g_object_new (LINEUP_TYPE_LIVE_SEARCH, NULL);
  self->client = g_object_ref (client);
  self->group_id = g_strdup (group_id);
  return self;
}

void
lineup_live_search_set_options (LineupLiveSearch          *self,
                                const LineupSearchOptions *options)
{
  g_return_if_fail (LINEUP_IS_LIVE_SEARCH (self));
  g_return_if_fail (options != NULL);

  self->options = *options;
}

/**
 * lineup_live_search_set_interval:
 * @interval_ms: the time between the starts of two searches
 */
void
lineup_live_search_set_interval (LineupLiveSearch *self,
                                 guint             interval_ms)
{
  g_return_if_fail (LINEUP_IS_LIVE_SEARCH (self));
  g_return_if_fail (interval_ms > 0);

  self->interval_ms = interval_ms;
  if (self->delay_ms < interval_ms || self->camera == NULL)
    set_delay (self, interval_ms);
}

guint
lineup_live_search_get_interval (LineupLiveSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_LIVE_SEARCH (self), 0);
  return self->interval_ms;
}

/**
 * lineup_live_search_get_delay:
 *
 * Returns: the time, in milliseconds, between the starts of two searches
 *   now: the interval, or longer while the service is busy
 */
guint
lineup_live_search_get_delay (LineupLiveSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_LIVE_SEARCH (self), 0);
  return self->delay_ms;
}

/**
 * lineup_live_search_start:
 * @camera: a running camera, whose newest frame is searched each time
 *
 * Searches right away, then every interval, until
 * lineup_live_search_stop().
 */
void
lineup_live_search_start (LineupLiveSearch *self,
                          LineupCamera     *camera)
{
  g_return_if_fail (LINEUP_IS_LIVE_SEARCH (self));
  g_return_if_fail (LINEUP_IS_CAMERA (camera));

  lineup_live_search_stop (self);
  self->camera = g_object_ref (camera);
  set_delay (self, self->interval_ms);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  search_now (self);
}

/**
 * lineup_live_search_stop:
 *
 * Cancels the search in flight; no signal follows.
 */
void
lineup_live_search_stop (LineupLiveSearch *self)
{
  g_return_if_fail (LINEUP_IS_LIVE_SEARCH (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->image);
  g_clear_object (&self->result);
  set_busy (self, FALSE);
  if (self->camera != NULL)
    {
      g_clear_object (&self->camera);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
}

gboolean
lineup_live_search_get_running (LineupLiveSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_LIVE_SEARCH (self), FALSE);
  return self->camera != NULL;
}

/**
 * lineup_live_search_get_busy:
 *
 * Returns: whether a search (or its face lookup) is in flight
 */
gboolean
lineup_live_search_get_busy (LineupLiveSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_LIVE_SEARCH (self), FALSE);
  return self->busy;
}

/**
 * lineup_live_search_get_n_searches:
 *
 * Returns: how many searches were sent since it was made
 */
guint
lineup_live_search_get_n_searches (LineupLiveSearch *self)
{
  g_return_val_if_fail (LINEUP_IS_LIVE_SEARCH (self), 0);
  return self->n_searches;
}
