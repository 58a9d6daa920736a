/* lineup-demo-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-demo-server"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "lineup-demo-seed.h"
#include "lineup-demo-server.h"
#include "lineup-demo-server-private.h"
#include "lineup-error.h"
#include "lineup-signer.h"

/* A local service that speaks the FaceSearch protocol: the same paths,
 * form fields, signature check, reply shapes and error codes. The
 * SoupServer lives in a thread of its own with its own main context, so
 * it serves the app and the tests of the same process without touching
 * their main loops; each request's work runs on GLib's worker pool. */

#define MAX_CLOCK_SKEW 300

struct _LineupDemoServer
{
  GObject          parent_instance;

  char            *api_key;
  char            *api_secret;
  char            *listen_address;
  char            *base_url;
  LineupDemoStore *store;
  guint            latency_ms;
  guint            jitter_ms;
  guint            seed : 1;

  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  SoupServer      *server;
  guint            port;

  GMutex           start_lock;
  GCond            start_cond;
  gboolean         start_done;
  GError          *start_error;
};

G_DEFINE_FINAL_TYPE (LineupDemoServer, lineup_demo_server, G_TYPE_OBJECT)

static void
lineup_demo_server_finalize (GObject *object)
{
  LineupDemoServer *self = (LineupDemoServer *)object;

  lineup_demo_server_stop (self);
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->api_secret, g_free);
  g_clear_pointer (&self->listen_address, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_object (&self->store);
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
 * Whether start() creates the `demo` library (default %TRUE).
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

const char *
_lineup_demo_server_get_secret (LineupDemoServer *self)
{
  return self->api_secret;
}

/* Replying */

static char *
new_request_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("%" G_GINT64_FORMAT ",%s", g_get_real_time () / G_USEC_PER_SEC, uuid);
}

static void
finish_request (DemoRequest *request)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *reply = request->reply ? request->reply : json_object_new ();
  gboolean bare = request->status == 404 || request->status == 403;
  char *text;
  gsize len;

  /* The vendor omits request_id and time_used on 404 and 403. */
  if (!bare)
    {
      g_autofree char *request_id = new_request_id ();
      JsonObject *ordered = json_object_new ();
      GList *members = json_object_get_members (reply);

      json_object_set_string_member (ordered, "request_id", request_id);
      json_object_set_int_member (ordered, "time_used",
                                  (g_get_monotonic_time () - request->start_us) / 1000);
      for (GList *l = members; l; l = l->next)
        json_object_set_member (ordered, l->data, json_object_dup_member (reply, l->data));
      g_list_free (members);
      json_object_unref (reply);
      reply = ordered;
    }

  json_node_take_object (root, reply);
  request->reply = NULL;
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);

  soup_server_message_set_status (request->msg, request->status, NULL);
  soup_server_message_set_response (request->msg, "application/json", SOUP_MEMORY_TAKE, text, len);
}

static void
demo_request_free (DemoRequest *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->msg);
  g_free (request->endpoint);
  g_clear_pointer (&request->fields, g_hash_table_unref);
  g_clear_pointer (&request->file, g_bytes_unref);
  g_free (request->file_name);
  g_clear_pointer (&request->reply, json_object_unref);
  g_free (request);
}

static gboolean
unpause_later (gpointer data)
{
  DemoRequest *request = data;

  soup_server_message_unpause (request->msg);
  demo_request_free (request);
  return G_SOURCE_REMOVE;
}

static void
worker_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  DemoRequest *request = g_task_propagate_pointer (G_TASK (result), NULL);
  LineupDemoServer *self = request->self;
  guint delay = self->latency_ms;

  finish_request (request);

  if (self->jitter_ms > 0)
    {
      guint32 r = 0;

      _lineup_demo_random_bytes (&r, sizeof r);
      delay += r % (self->jitter_ms + 1);
    }

  if (delay > 0)
    {
      GSource *source = g_timeout_source_new (delay);

      g_source_set_callback (source, unpause_later, request, NULL);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
  else
    unpause_later (request);
}

static void
worker (GTask        *task,
        gpointer      source_object,
        gpointer      task_data,
        GCancellable *cancellable)
{
  DemoRequest *request = task_data;

  _lineup_demo_server_dispatch (request);
  g_task_return_pointer (task, request, NULL);
}

/* Form parsing */

static gboolean
parse_form (DemoRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);
  g_autoptr(GBytes) flat = soup_message_body_flatten (body);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  SoupMultipart *multipart;

  request->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (g_strcmp0 (content_type, "application/x-www-form-urlencoded") == 0)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (flat, NULL), g_bytes_get_size (flat));
      GHashTable *form = soup_form_decode (text);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (request->fields, g_strdup (key), g_strdup (value));
      g_hash_table_unref (form);
      return TRUE;
    }

  if (g_strcmp0 (content_type, "multipart/form-data") != 0 ||
      !(multipart = soup_multipart_new_from_message (headers, flat)))
    return FALSE;

  /* soup_form_decode_multipart() would free the multipart in libsoup 3.2
   * and keeps only one file; walk the parts ourselves. */
  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *part_headers;
      GBytes *part_body;
      GHashTable *params = NULL;
      const char *name, *file_name;

      if (!soup_multipart_get_part (multipart, i, &part_headers, &part_body) ||
          !soup_message_headers_get_content_disposition (part_headers, NULL, &params))
        continue;

      name = g_hash_table_lookup (params, "name");
      file_name = g_hash_table_lookup (params, "filename");
      if (name != NULL && file_name != NULL)
        {
          if (request->file == NULL && g_strcmp0 (name, "file") == 0)
            {
              request->file = g_bytes_ref (part_body);
              request->file_name = g_strdup (file_name);
            }
        }
      else if (name != NULL)
        g_hash_table_replace (request->fields, g_strdup (name),
                              g_strndup (g_bytes_get_data (part_body, NULL), g_bytes_get_size (part_body)));
      g_hash_table_destroy (params);
    }
  soup_multipart_free (multipart);

  return TRUE;
}

static void
reply_now (SoupServerMessage *msg,
           guint              status,
           const char        *error_code,
           gint64             start_us)
{
  DemoRequest request = { 0 };

  request.msg = msg;
  request.status = status;
  request.start_us = start_us;
  request.reply = json_object_new ();
  json_object_set_string_member (request.reply, "error", error_code);
  finish_request (&request);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  LineupDemoServer *self = user_data;
  gint64 start_us = g_get_monotonic_time ();
  g_autoptr(GTask) task = NULL;
  DemoRequest *request;
  const char *endpoint;

  if (!g_str_has_prefix (path, LINEUP_DEMO_PATH "/") ||
      !_lineup_demo_server_knows_endpoint (endpoint = path + strlen (LINEUP_DEMO_PATH "/")))
    {
      reply_now (msg, 404, "API_NOT_FOUND", start_us);
      return;
    }

  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0)
    {
      reply_now (msg, 405, "BAD_ARGUMENTS: use POST", start_us);
      return;
    }

  request = g_new0 (DemoRequest, 1);
  request->self = g_object_ref (self);
  request->msg = g_object_ref (msg);
  request->endpoint = g_strdup (endpoint);
  request->start_us = start_us;

  if (!parse_form (request))
    {
      demo_request_free (request);
      reply_now (msg, 400, "BAD_ARGUMENTS: expected multipart/form-data", start_us);
      return;
    }

  soup_server_message_pause (msg);
  task = g_task_new (NULL, NULL, worker_done, NULL);
  g_task_set_task_data (task, request, NULL);
  g_task_run_in_thread (task, worker);
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
  g_autoslist(GUri) uris = NULL;
  g_autofree char *host = NULL;

  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address."), self->listen_address);
      return FALSE;
    }

  socket_address = g_inet_socket_address_new (address, self->port);
  if (!soup_server_listen (self->server, socket_address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  if (uris == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The server has no address");
      return FALSE;
    }

  self->port = g_uri_get_port (uris->data);
  host = g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6
    ? g_strdup_printf ("[%s]", self->listen_address)
    : g_strdup (self->listen_address);
  self->base_url = g_strdup_printf ("http://%s:%u%s", host, self->port, LINEUP_DEMO_PATH);

  return TRUE;
}

static gpointer
server_thread (gpointer data)
{
  LineupDemoServer *self = data;
  GError *error = NULL;

  g_main_context_push_thread_default (self->context);

  if (self->seed && lineup_demo_store_count_faces (self->store, LINEUP_DEMO_GROUP_ID) == 0 &&
      !lineup_demo_seed_store (self->store, &error))
    {
      signal_started (self, error);
      g_main_context_pop_thread_default (self->context);
      return NULL;
    }

  self->server = soup_server_new ("server-header", "lineup-demo ", NULL);
  soup_server_add_handler (self->server, NULL, handle_request, self, NULL);

  if (!start_listening (self, &error))
    {
      g_clear_object (&self->server);
      signal_started (self, error);
      g_main_context_pop_thread_default (self->context);
      return NULL;
    }

  g_debug ("Demo service listening on %s", self->base_url);
  signal_started (self, NULL);
  g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  /* Let pending sources (delayed replies) release what they hold. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
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
