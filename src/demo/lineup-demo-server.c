/* lineup-demo-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-demo-server"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "lineup-demo-faults.h"
#include "lineup-demo-seed.h"
#include "lineup-demo-server.h"
#include "lineup-demo-server-private.h"

/* A local service that speaks the FaceSearch protocol: the same paths,
 * form fields, signature check, reply shapes and error codes. The
 * SoupServer lives in a thread of its own with its own main context, so
 * it serves the app and the tests of the same process without touching
 * their main loops; each request's work runs on GLib's worker pool
 * (see lineup-demo-server-requests.c). It accepts connections itself,
 * with limits on how many, how idle and how slow
 * (lineup-demo-server-connections.c), and watches request bodies as they
 * stream in (lineup-demo-server-uploads.c). */

#define LISTEN_BACKLOG 512

G_DEFINE_FINAL_TYPE (LineupDemoServer, lineup_demo_server, G_TYPE_OBJECT)

static void
lineup_demo_server_finalize (GObject *object)
{
  LineupDemoServer *self = (LineupDemoServer *)object;

  lineup_demo_server_stop (self);
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->api_secret, g_free);
  g_clear_pointer (&self->listen_address, g_free);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_object (&self->store);
  g_clear_pointer (&self->faults, lineup_demo_faults_free);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->start_lock);
  g_cond_clear (&self->start_cond);

  G_OBJECT_CLASS (lineup_demo_server_parent_class)->finalize (object);
}

static void
lineup_demo_server_class_init (LineupDemoServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_demo_server_finalize;
}

static void
lineup_demo_server_init (LineupDemoServer *self)
{
  self->seed = TRUE;
  self->listen_address = g_strdup ("127.0.0.1");
  self->store = lineup_demo_store_new ();
  self->faults = lineup_demo_faults_new ();
  self->max_connections = _lineup_demo_server_default_max_connections ();
  self->idle_timeout = LINEUP_DEMO_DEFAULT_IDLE_TIMEOUT;
  self->header_timeout = LINEUP_DEMO_DEFAULT_HEADER_TIMEOUT;
  g_mutex_init (&self->start_lock);
  g_cond_init (&self->start_cond);
}

/**
 * lineup_demo_server_new:
 * @api_key: (nullable): the key to accept, or %NULL for %LINEUP_DEMO_API_KEY
 * @api_secret: (nullable): its secret, or %NULL for %LINEUP_DEMO_API_SECRET
 */
LineupDemoServer *
lineup_demo_server_new (const char *api_key,
                        const char *api_secret)
{
  LineupDemoServer *self = g_object_new (LINEUP_TYPE_DEMO_SERVER, NULL);

  self->api_key = g_strdup (api_key ? api_key : LINEUP_DEMO_API_KEY);
  self->api_secret = g_strdup (api_secret ? api_secret : LINEUP_DEMO_API_SECRET);

  return self;
}

/**
 * lineup_demo_server_set_seed:
 *
 * Whether start() creates the `demo` library when there is no library
 * at all (default %TRUE).
 */
void
lineup_demo_server_set_seed (LineupDemoServer *self,
                             gboolean          seed)
{
  g_return_if_fail (LINEUP_IS_DEMO_SERVER (self));
  self->seed = !!seed;
}

/**
 * lineup_demo_server_set_listen_address:
 *
 * The address to bind; loopback (127.0.0.1) unless set here.
 */
void
lineup_demo_server_set_listen_address (LineupDemoServer *self,
                                       const char       *address)
{
  g_return_if_fail (LINEUP_IS_DEMO_SERVER (self));
  g_return_if_fail (address != NULL);
  g_return_if_fail (self->thread == NULL);

  g_free (self->listen_address);
  self->listen_address = g_strdup (address);
}

/**
 * lineup_demo_server_set_latency:
 *
 * Delays every reply by @latency_ms plus up to @jitter_ms, like a
 * distant service.
 */
void
lineup_demo_server_set_latency (LineupDemoServer *self,
                                guint             latency_ms,
                                guint             jitter_ms)
{
  g_return_if_fail (LINEUP_IS_DEMO_SERVER (self));

  self->latency_ms = latency_ms;
  self->jitter_ms = jitter_ms;
}

/**
 * lineup_demo_server_set_limits:
 * @max_connections: how many connections may be open at once (more wait
 *   to be accepted); 0 for %LINEUP_DEMO_DEFAULT_MAX_CONNECTIONS, or fewer
 *   when the process may not open that many descriptors
 * @idle_timeout: seconds a connection may go without progress (between
 *   requests, or in a read or write); 0 for the default
 * @header_timeout: seconds a request's headers may take from its first
 *   byte (a new connection's from its opening); 0 for the default
 *
 * Limits on clients, against a client (or a crowd) that would take all
 * the service's descriptors, memory or time. Set before start().
 */
void
lineup_demo_server_set_limits (LineupDemoServer *self,
                               guint             max_connections,
                               guint             idle_timeout,
                               guint             header_timeout)
{
  g_return_if_fail (LINEUP_IS_DEMO_SERVER (self));
  g_return_if_fail (self->thread == NULL);

  self->max_connections = max_connections ? max_connections : _lineup_demo_server_default_max_connections ();
  self->idle_timeout = idle_timeout ? idle_timeout : LINEUP_DEMO_DEFAULT_IDLE_TIMEOUT;
  self->header_timeout = header_timeout ? header_timeout : LINEUP_DEMO_DEFAULT_HEADER_TIMEOUT;
}

/**
 * lineup_demo_server_set_clock_offset:
 * @seconds: how far the service's clock is ahead of the real one
 *   (negative: behind)
 *
 * Skews the clock the service checks signatures against and puts in its
 * Date header, as a service with a wrong clock would (or a client with
 * one, seen from the other side). May be called while the service runs.
 */
void
lineup_demo_server_set_clock_offset (LineupDemoServer *self,
                                     int               seconds)
{
  g_return_if_fail (LINEUP_IS_DEMO_SERVER (self));
  g_atomic_int_set (&self->clock_offset, seconds);
}

/* The service's clock, in UNIX seconds. */
gint64
_lineup_demo_server_now (LineupDemoServer *self)
{
  return g_get_real_time () / G_USEC_PER_SEC + g_atomic_int_get (&self->clock_offset);
}

/**
 * lineup_demo_server_set_data_dir:
 * @dir: (nullable): where to keep the libraries, or %NULL for memory only
 *
 * With a data directory, start() loads the libraries kept there (seeding
 * only when there are none), and every acknowledged change is on disk
 * before its reply leaves. Damaged files are reported with g_warning()
 * and moved into `DIR/corrupt`.
 */
void
lineup_demo_server_set_data_dir (LineupDemoServer *self,
                                 const char       *dir)
{
  g_return_if_fail (LINEUP_IS_DEMO_SERVER (self));
  g_return_if_fail (self->thread == NULL);
  g_return_if_fail (lineup_demo_store_get_dir (self->store) == NULL);

  g_free (self->data_dir);
  self->data_dir = g_strdup (dir);
}

/**
 * lineup_demo_server_get_data_dir:
 *
 * Returns: (nullable): the data directory, or %NULL for memory only
 */
const char *
lineup_demo_server_get_data_dir (LineupDemoServer *self)
{
  g_return_val_if_fail (LINEUP_IS_DEMO_SERVER (self), NULL);
  return self->data_dir;
}

/**
 * lineup_demo_server_set_fault:
 * @endpoint: (nullable): such as "search", or %NULL for every endpoint
 * @value: the fault's parameter (see #LineupDemoFault), 0 for its default
 *
 * Injects @fault into every request to @endpoint from now on, replacing
 * an earlier rule for the same fault and endpoint. May be called while
 * the service runs, from any thread.
 */
void
lineup_demo_server_set_fault (LineupDemoServer *self,
                              const char       *endpoint,
                              LineupDemoFault   fault,
                              guint             value)
{
  lineup_demo_server_set_fault_full (self, endpoint, fault, value, 0, 0, 1.0);
}

/**
 * lineup_demo_server_set_fault_full:
 * @after: let this many matching requests pass first
 * @times: fault this many requests, then stop; 0 for no limit
 * @probability: the chance (above 0, at most 1) of faulting a request
 *
 * Like lineup_demo_server_set_fault(), with counters that make retry
 * tests deterministic: @after 0, @times 2 fails exactly the next two
 * requests.
 */
void
lineup_demo_server_set_fault_full (LineupDemoServer *self,
                                   const char       *endpoint,
                                   LineupDemoFault   fault,
                                   guint             value,
                                   guint             after,
                                   guint             times,
                                   double            probability)
{
  g_return_if_fail (LINEUP_IS_DEMO_SERVER (self));
  g_return_if_fail (endpoint == NULL || _lineup_demo_server_knows_endpoint (endpoint));

  lineup_demo_faults_set (self->faults, endpoint, fault, value, after, times, probability);
}

/**
 * lineup_demo_server_add_fault_spec:
 * @spec: a rule in the syntax of `lineup-demo-server --fault`
 *   (%LINEUP_DEMO_FAULT_SYNTAX), such as `search:5xx=503,times=2`
 */
gboolean
lineup_demo_server_add_fault_spec (LineupDemoServer  *self,
                                   const char        *spec,
                                   GError           **error)
{
  g_return_val_if_fail (LINEUP_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  return lineup_demo_faults_add_spec (self->faults, spec, error);
}

void
lineup_demo_server_clear_faults (LineupDemoServer *self)
{
  g_return_if_fail (LINEUP_IS_DEMO_SERVER (self));
  lineup_demo_faults_clear (self->faults);
}

/**
 * lineup_demo_server_get_requests_in_flight:
 *
 * Returns: how many requests are being served right now (accepted and
 *   not yet answered), for tests of the concurrency limit
 */
guint
lineup_demo_server_get_requests_in_flight (LineupDemoServer *self)
{
  g_return_val_if_fail (LINEUP_IS_DEMO_SERVER (self), 0);
  return g_atomic_int_get (&self->in_flight_total);
}

const char *
_lineup_demo_server_get_secret (LineupDemoServer *self)
{
  return self->api_secret;
}

/* Life cycle */

static void
signal_started (LineupDemoServer *self,
                GError           *error)
{
  g_mutex_lock (&self->start_lock);
  self->start_error = error;
  self->start_done = TRUE;
  g_cond_signal (&self->start_cond);
  g_mutex_unlock (&self->start_lock);
}

static gboolean
start_listening (LineupDemoServer  *self,
                 GError           **error)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (self->listen_address);
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *host = NULL;

  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address."), self->listen_address);
      return FALSE;
    }

  /* Our own socket, for a longer queue of pending connections than
   * SoupServer's default of 10: a burst of a few hundred clients (the
   * benchmark) would otherwise see connections reset. */
  socket_address = g_inet_socket_address_new (address, self->port);
  socket = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL || !g_socket_bind (socket, socket_address, TRUE, error))
    return FALSE;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_listen (socket, error) ||
      !(bound = g_socket_get_local_address (socket, error)) ||
      !_lineup_demo_server_accept_on (self, socket, error))
    return FALSE;

  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  host = g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6
    ? g_strdup_printf ("[%s]", self->listen_address)
    : g_strdup (self->listen_address);
  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://%s:%u%s", host, self->port, LINEUP_DEMO_PATH);

  return TRUE;
}

static gboolean
open_data_dir (LineupDemoServer  *self,
               GError           **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (self->data_dir == NULL || lineup_demo_store_get_dir (self->store) != NULL)
    return TRUE;
  if (!lineup_demo_store_open (self->store, self->data_dir, problems, error))
    return FALSE;
  for (guint i = 0; i < problems->len; i++)
    g_warning ("%s", (const char *)g_ptr_array_index (problems, i));
  return TRUE;
}

static gpointer
server_thread (gpointer data)
{
  LineupDemoServer *self = data;
  GError *error = NULL;

  g_main_context_push_thread_default (self->context);

  if (!open_data_dir (self, &error) ||
      (self->seed && lineup_demo_store_count_groups (self->store) == 0 &&
       !lineup_demo_seed_store (self->store, &error)))
    {
      signal_started (self, error);
      g_main_context_pop_thread_default (self->context);
      return NULL;
    }

  memset (self->in_flight, 0, sizeof self->in_flight);
  self->in_flight_total = 0;
  self->n_workers = 0;
  self->pending = g_hash_table_new_full (NULL, NULL, _lineup_demo_request_unref, NULL);
  self->live = g_hash_table_new (NULL, NULL);
  self->server = soup_server_new ("server-header", "lineup-demo ", NULL);
  soup_server_add_handler (self->server, NULL, _lineup_demo_server_handle_request, self, NULL);
  _lineup_demo_server_watch_uploads (self);

  if (!start_listening (self, &error))
    {
      _lineup_demo_server_stop_accepting (self);
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
      _lineup_demo_server_forget_connections (self);
      g_clear_pointer (&self->pending, g_hash_table_unref);
      g_clear_pointer (&self->live, g_hash_table_unref);
      signal_started (self, error);
      g_main_context_pop_thread_default (self->context);
      return NULL;
    }

  g_debug ("Demo service listening on %s", self->base_url);
  signal_started (self, NULL);
  g_main_loop_run (self->loop);

  _lineup_demo_server_stop_accepting (self);
  _lineup_demo_server_end_lingering (self);
  soup_server_disconnect (self->server);
  /* Requests still on a worker thread report back to this context. */
  while (g_atomic_int_get (&self->n_workers) > 0)
    g_main_context_iteration (self->context, TRUE);
  _lineup_demo_server_drop_all (self);
  g_clear_object (&self->server);
  _lineup_demo_server_forget_connections (self);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

/**
 * lineup_demo_server_start:
 * @port: the port to listen on, 0 for any free one
 *
 * Seeds the store (unless turned off) and starts serving. Blocks until
 * the service listens; use lineup_demo_server_start_async() from a UI.
 */
gboolean
lineup_demo_server_start (LineupDemoServer  *self,
                          guint              port,
                          GError           **error)
{
  g_return_val_if_fail (LINEUP_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  self->port = port;
  self->start_done = FALSE;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("lineup-demo", server_thread, self);

  g_mutex_lock (&self->start_lock);
  while (!self->start_done)
    g_cond_wait (&self->start_cond, &self->start_lock);
  g_mutex_unlock (&self->start_lock);

  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->loop, g_main_loop_unref);
      g_clear_pointer (&self->context, g_main_context_unref);
      return FALSE;
    }

  return TRUE;
}

static void
start_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (lineup_demo_server_start (source_object, GPOINTER_TO_UINT (task_data), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lineup_demo_server_start_async (LineupDemoServer    *self,
                                guint                port,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LINEUP_IS_DEMO_SERVER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_demo_server_start_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (port), NULL);
  g_task_run_in_thread (task, start_thread);
}

gboolean
lineup_demo_server_start_finish (LineupDemoServer  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/**
 * lineup_demo_server_stop:
 *
 * Stops serving and joins the service's thread. Safe to call twice.
 */
void
lineup_demo_server_stop (LineupDemoServer *self)
{
  g_return_if_fail (LINEUP_IS_DEMO_SERVER (self));

  if (self->thread == NULL)
    return;

  g_main_context_invoke (self->context, quit_loop, self->loop);
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
}

/**
 * lineup_demo_server_get_base_url:
 *
 * Returns: (nullable): such as http://127.0.0.1:41234/finauth/search/group,
 *   once started
 */
const char *
lineup_demo_server_get_base_url (LineupDemoServer *self)
{
  g_return_val_if_fail (LINEUP_IS_DEMO_SERVER (self), NULL);
  return self->base_url;
}

const char *
lineup_demo_server_get_api_key (LineupDemoServer *self)
{
  g_return_val_if_fail (LINEUP_IS_DEMO_SERVER (self), NULL);
  return self->api_key;
}

const char *
lineup_demo_server_get_api_secret (LineupDemoServer *self)
{
  g_return_val_if_fail (LINEUP_IS_DEMO_SERVER (self), NULL);
  return self->api_secret;
}

/**
 * lineup_demo_server_get_store:
 *
 * Returns: (transfer none): the libraries and faces being served
 */
LineupDemoStore *
lineup_demo_server_get_store (LineupDemoServer *self)
{
  g_return_val_if_fail (LINEUP_IS_DEMO_SERVER (self), NULL);
  return self->store;
}
