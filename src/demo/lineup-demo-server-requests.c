/* lineup-demo-server-requests.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-demo-server"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <libsoup/soup.h>

#include "lineup-demo-faults.h"
#include "lineup-demo-server-private.h"

/* A request's way through the demo service, on the server's thread: the
 * faults planned for it, its form, the worker thread that carries it
 * out, the delay, and how its reply (or what stands in for it) is sent. */

#define TRICKLE_BYTES 8

static const char html_502[] =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
  "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
  "</body>\r\n</html>\r\n";

/* Requests */

static DemoRequest *
demo_request_ref (DemoRequest *request)
{
  return g_atomic_rc_box_acquire (request);
}

static void
demo_request_clear (gpointer data)
{
  DemoRequest *request = data;

  g_clear_object (&request->msg);
  g_free (request->endpoint);
  g_clear_pointer (&request->fields, g_hash_table_unref);
  g_clear_pointer (&request->file, g_bytes_unref);
  g_free (request->file_name);
  g_clear_pointer (&request->reply, json_object_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->source, g_source_unref);
  g_clear_pointer (&request->watch, g_source_unref);
}

void
_lineup_demo_request_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, demo_request_clear);
}

static void
demo_request_closure_notify (gpointer  data,
                             GClosure *closure)
{
  _lineup_demo_request_unref (data);
}

/* Replying */

static char *
new_request_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("%" G_GINT64_FORMAT ",%s", g_get_real_time () / G_USEC_PER_SEC, uuid);
}

static gboolean
is_bare (guint       status,
         const char *code)
{
  /* The vendor omits request_id and time_used on 404 API_NOT_FOUND and
   * 403 AUTHORIZATION_ERROR, and only there. */
  return (status == 404 && g_strcmp0 (code, "API_NOT_FOUND") == 0) ||
         (status == 403 && code != NULL && g_str_has_prefix (code, "AUTHORIZATION_ERROR"));
}

/* Turns request->reply into request->body, in the vendor's form:
 * request_id and time_used first, then the endpoint's members. */
static void
finish_request (DemoRequest *request)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *reply = request->reply ? request->reply : json_object_new ();
  char *text;
  gsize len;

  request->reply = NULL;
  if (!is_bare (request->status, json_object_get_string_member_with_default (reply, "error", NULL)))
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
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);
  g_clear_pointer (&request->body, g_bytes_unref);
  request->body = g_bytes_new_take (text, len);
}

static void
set_error_reply (DemoRequest *request,
                 guint        status,
                 const char  *code)
{
  request->status = status;
  g_clear_pointer (&request->reply, json_object_unref);
  request->reply = json_object_new ();
  json_object_set_string_member (request->reply, "error", code);
  finish_request (request);
}

/* Returns: (transfer full): the JSON of an error reply, in the vendor's form */
GBytes *
_lineup_demo_error_body (guint       status,
                         const char *code,
                         gint64      start_us)
{
  DemoRequest request = { 0 };

  request.start_us = start_us;
  set_error_reply (&request, status, code);
  return request.body;
}

static void
reply_now (SoupServerMessage *msg,
           guint              status,
           const char        *error_code,
           gint64             start_us)
{
  g_autoptr(GBytes) body = _lineup_demo_error_body (status, error_code, start_us);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* A request counts as in flight from its arrival until its reply is
 * written, its connection closes or it is reset. */
static void
end_flight (DemoRequest *request)
{
  LineupDemoServer *self = request->self;

  if (!request->in_flight)
    return;
  request->in_flight = FALSE;
  self->in_flight[request->endpoint_index]--;
  g_atomic_int_dec_and_test (&self->in_flight_total);
}

static void
forget_watch (DemoRequest *request)
{
  if (request->watch == NULL)
    return;
  g_source_destroy (request->watch);
  g_clear_pointer (&request->watch, g_source_unref);
}

static void
forget_source (DemoRequest *request)
{
  forget_watch (request);
  if (request->source == NULL)
    return;
  g_source_destroy (request->source);
  g_clear_pointer (&request->source, g_source_unref);
  g_hash_table_remove (request->self->pending, request);
}

/* The request is over for the server: its reply is written, or its
 * connection is gone. */
static void
on_finished (SoupServerMessage *msg,
             DemoRequest       *request)
{
  demo_request_ref (request);
  request->finished = TRUE;
  end_flight (request);
  forget_source (request);
  g_hash_table_remove (request->self->live, request);
  g_clear_signal_handler (&request->finished_id, msg);
  _lineup_demo_request_unref (request);
}

/* Takes the connection away from the server and closes it, with a TCP
 * reset if @reset, and ends the request. */
static void
drop_connection (DemoRequest *request,
                 gboolean     reset)
{
  GSocket *socket = _lineup_demo_server_get_socket (request->self, request->msg);
  g_autoptr(GIOStream) stream = NULL;
  struct linger linger = { 1, 0 };

  /* SO_LINGER with a zero time makes close() send a RST, not a FIN. */
  if (reset && socket != NULL &&
      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger) != 0)
    g_debug ("Could not set SO_LINGER: %s", g_strerror (errno));

  demo_request_ref (request);
  forget_source (request);
  g_hash_table_remove (request->self->live, request);
  g_clear_signal_handler (&request->finished_id, request->msg);
  end_flight (request);
  request->finished = TRUE;
  /* A stolen message never emits "finished"; the bookkeeping is done. */
  if ((stream = soup_server_message_steal_connection (request->msg)))
    g_io_stream_close (stream, NULL, NULL);
  _lineup_demo_request_unref (request);
}

/* While a reply waits for its delay, the server reads nothing from the
 * connection, so it would not notice a client that gave up; this does,
 * and frees the request's place (which a concurrency limit counts). */
static gboolean
client_gone_cb (GSocket      *socket,
                GIOCondition  condition,
                gpointer      data)
{
  DemoRequest *request = data;
  char byte;
  gssize n = recv (g_socket_get_fd (socket), &byte, 1, MSG_PEEK | MSG_DONTWAIT);

  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&request->watch, g_source_unref);
  if (n > 0)
    return G_SOURCE_REMOVE;   /* a pipelined request; the server reads it later */

  g_debug ("%s: the client went away", request->endpoint);
  drop_connection (request, FALSE);
  return G_SOURCE_REMOVE;
}

static void
schedule (DemoRequest *request,
          guint        delay_ms,
          GSourceFunc  func)
{
  LineupDemoServer *self = request->self;
  GSocket *socket = _lineup_demo_server_get_socket (request->self, request->msg);

  g_assert (request->source == NULL);

  request->source = g_timeout_source_new (delay_ms);
  g_source_set_callback (request->source, func, demo_request_ref (request), _lineup_demo_request_unref);
  g_source_attach (request->source, self->context);
  g_hash_table_add (self->pending, demo_request_ref (request));

  /* A client that left before this point has a closed socket, which
   * cannot be watched; its connection's end finishes the request. */
  if (delay_ms > 0 && socket != NULL && !g_socket_is_closed (socket) && request->watch == NULL)
    {
      request->watch = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
      g_source_set_callback (request->watch, G_SOURCE_FUNC (client_gone_cb),
                             demo_request_ref (request), _lineup_demo_request_unref);
      g_source_attach (request->watch, self->context);
    }
}

static gboolean
trickle_cb (gpointer data)
{
  DemoRequest *request = data;
  SoupMessageBody *body = soup_server_message_get_response_body (request->msg);
  gsize size = g_bytes_get_size (request->body);
  gsize n = MIN (TRICKLE_BYTES, size - request->sent);

  if (n > 0)
    {
      soup_message_body_append (body, SOUP_MEMORY_COPY,
                                (const char *)g_bytes_get_data (request->body, NULL) + request->sent, n);
      request->sent += n;
    }
  if (request->sent >= size)
    soup_message_body_complete (body);
  soup_server_message_unpause (request->msg);

  if (request->sent < size)
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&request->source, g_source_unref);
  g_hash_table_remove (request->self->pending, request);
  return G_SOURCE_REMOVE;
}

/* Sends what the request gets, after its delay. */
static gboolean
deliver (gpointer data)
{
  DemoRequest *request = data;
  LineupDemoServer *self = request->self;
  SoupServerMessage *msg = request->msg;
  gsize size;

  /* The source is done; drop it before anything may schedule another. */
  g_clear_pointer (&request->source, g_source_unref);
  g_hash_table_steal (self->pending, request);
  forget_watch (request);

  if (request->finished)
    {
      _lineup_demo_request_unref (request);
      return G_SOURCE_REMOVE;
    }

  switch (request->plan.action)
    {
    case LINEUP_DEMO_FAULT_SERVER_ERROR:
      set_error_reply (request, request->plan.value, "INTERNAL_ERROR");
      break;

    case LINEUP_DEMO_FAULT_HTML_502:
      soup_server_message_set_status (msg, 502, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        html_502, strlen (html_502));
      soup_server_message_unpause (msg);
      g_debug ("%s: fault html502", request->endpoint);
      _lineup_demo_request_unref (request);
      return G_SOURCE_REMOVE;

    case LINEUP_DEMO_FAULT_EMPTY:
      soup_server_message_set_status (msg, request->plan.value, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "", 0);
      soup_server_message_unpause (msg);
      g_debug ("%s: fault empty", request->endpoint);
      _lineup_demo_request_unref (request);
      return G_SOURCE_REMOVE;

    case LINEUP_DEMO_FAULT_RESET:
      g_debug ("%s: fault reset", request->endpoint);
      drop_connection (request, TRUE);
      _lineup_demo_request_unref (request);
      return G_SOURCE_REMOVE;

    case LINEUP_DEMO_FAULT_TRICKLE:
      soup_server_message_set_status (msg, request->status, NULL);
      soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                         SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                             "application/json", NULL);
      soup_server_message_unpause (msg);
      g_debug ("%s: fault trickle", request->endpoint);
      request->sent = 0;
      /* The pending table keeps this reference until the last chunk. */
      request->source = g_timeout_source_new (request->plan.value);
      g_source_set_callback (request->source, trickle_cb, request, NULL);
      g_source_attach (request->source, self->context);
      g_hash_table_add (self->pending, request);
      return G_SOURCE_REMOVE;

    case LINEUP_DEMO_FAULT_TRUNCATED:
      size = g_bytes_get_size (request->body);
      soup_server_message_set_status (msg, request->status, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (request->body, NULL), size / 2);
      soup_server_message_unpause (msg);
      g_debug ("%s: fault truncated", request->endpoint);
      _lineup_demo_request_unref (request);
      return G_SOURCE_REMOVE;

    case LINEUP_DEMO_FAULT_LATENCY:
    case LINEUP_DEMO_FAULT_JITTER:
    case LINEUP_DEMO_FAULT_CONCURRENCY:
    case LINEUP_DEMO_N_FAULTS:
    default:
      break;
    }

  soup_server_message_set_status (msg, request->status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (request->body, NULL),
                                    g_bytes_get_size (request->body));
  soup_server_message_unpause (msg);
  _lineup_demo_request_unref (request);
  return G_SOURCE_REMOVE;
}

static guint
reply_delay (DemoRequest *request)
{
  LineupDemoServer *self = request->self;
  guint delay = self->latency_ms + request->plan.delay_ms;

  if (self->jitter_ms > 0)
    {
      guint32 r = 0;

      _lineup_demo_random_bytes (&r, sizeof r);
      delay += r % (self->jitter_ms + 1);
    }
  return delay;
}

static void
worker_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  DemoRequest *request = g_task_propagate_pointer (G_TASK (result), NULL);

  finish_request (request);

  if (!request->finished)
    schedule (request, reply_delay (request), deliver);
}

/* Runs when the task lets go of the request, which may be on the worker
 * thread after worker_done(); stop() waits for it. */
static void
worker_data_free (gpointer data)
{
  DemoRequest *request = data;
  LineupDemoServer *self = request->self;
  GMainContext *context = g_main_context_ref (self->context);

  /* After this, stop() may return and @self go: touch it no more. */
  g_atomic_int_dec_and_test (&self->n_workers);
  g_main_context_wakeup (context);
  g_main_context_unref (context);
  _lineup_demo_request_unref (request);
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

void
_lineup_demo_server_handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  LineupDemoServer *self = user_data;
  gint64 start_us = g_get_monotonic_time ();
  g_autoptr(GTask) task = NULL;
  LineupDemoFaultPlan plan;
  DemoRequest *request;
  const char *endpoint = NULL;
  int index = -1;

  /* libsoup stamped the reply with the real time; a skewed clock shows. */
  if (g_atomic_int_get (&self->clock_offset) != 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (_lineup_demo_server_now (self));
      g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Date", date);
    }

  if (g_str_has_prefix (path, LINEUP_DEMO_PATH "/"))
    index = _lineup_demo_server_find_endpoint (endpoint = path + strlen (LINEUP_DEMO_PATH "/"));
  if (index < 0)
    {
      reply_now (msg, 404, "API_NOT_FOUND", start_us);
      return;
    }

  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0)
    {
      reply_now (msg, 405, "BAD_ARGUMENTS: use POST", start_us);
      return;
    }

  lineup_demo_faults_plan (self->faults, endpoint, self->in_flight[index],
                           g_atomic_int_get (&self->in_flight_total), &plan);
  if (plan.action == LINEUP_DEMO_FAULT_CONCURRENCY)
    {
      g_debug ("%s: fault concurrency (%u in flight)", endpoint, self->in_flight[index]);
      reply_now (msg, 403, "CONCURRENCY_LIMIT_EXCEEDED", start_us);
      return;
    }

  request = g_atomic_rc_box_new0 (DemoRequest);
  request->self = self;
  request->msg = g_object_ref (msg);
  request->endpoint = g_strdup (endpoint);
  request->endpoint_index = index;
  request->start_us = start_us;
  request->plan = plan;

  request->in_flight = TRUE;
  self->in_flight[index]++;
  g_atomic_int_inc (&self->in_flight_total);
  /* The handler's reference and the message's make a cycle; it is
   * broken when the message finishes, or by _lineup_demo_server_drop_all()
   * when the service stops first. */
  request->finished_id = g_signal_connect_data (msg, "finished", G_CALLBACK (on_finished),
                                                demo_request_ref (request),
                                                demo_request_closure_notify, 0);
  g_hash_table_add (self->live, request);

  if (!lineup_demo_fault_carries_out (plan.action))
    {
      /* Answered without touching the store, so a retry is always safe. */
      soup_server_message_pause (msg);
      schedule (request, reply_delay (request), deliver);
      _lineup_demo_request_unref (request);
      return;
    }

  if (!parse_form (request))
    {
      _lineup_demo_request_unref (request);
      reply_now (msg, 400, "BAD_ARGUMENTS: expected multipart/form-data", start_us);
      return;
    }

  soup_server_message_pause (msg);
  g_atomic_int_inc (&self->n_workers);
  task = g_task_new (NULL, NULL, worker_done, NULL);
  g_task_set_task_data (task, request, worker_data_free);
  g_task_run_in_thread (task, worker);
}

/* Once the server is disconnected, ends the requests it did not finish
 * itself: their clients are gone. */
void
_lineup_demo_server_drop_all (LineupDemoServer *self)
{
  g_autoptr(GList) live = g_hash_table_get_keys (self->live);

  for (GList *l = live; l; l = l->next)
    on_finished (((DemoRequest *)l->data)->msg, l->data);
  g_assert (g_hash_table_size (self->pending) == 0);
}
