/* lineup-demo-server-connections.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-demo-server"

#include "config.h"

#include <sys/resource.h>
#include <libsoup/soup.h>

#include "lineup-demo-server-private.h"

/* The demo service accepts its connections itself and hands them to the
 * SoupServer, instead of letting the server listen: libsoup 3.2 stops
 * accepting for good the first time accept() fails (EMFILE when the
 * descriptors run out), and it has no cap on connections nor any time
 * limit on an idle or slow client. Here:
 *   - every connection carries one request: a kept-alive connection that
 *     its client closes between requests is never closed by libsoup 3.2
 *     (its descriptor stays open until the server stops), and one whose
 *     read times out there is left for dead, open;
 *   - at most max_connections are open; more wait in the kernel's queue;
 *   - when accept() fails for want of descriptors or memory, accepting
 *     pauses and resumes once a connection closes, or after a moment;
 *   - every socket times out after idle_timeout seconds without progress
 *     (waiting for the request, or in a stalled read or write);
 *   - a request's headers must be in within header_timeout seconds (of
 *     the connection opening, or of the request's first byte on a
 *     kept-alive one), and its body within BODY_TIMEOUT of its headers,
 *     however slowly a client keeps dripping bytes. */

#define ACCEPT_BURST      32
#define ACCEPT_RETRY_MS   100
#define BODY_TIMEOUT      120
#define RESERVED_FDS      64

struct _DemoConnection
{
  LineupDemoServer *self;
  GSocket          *socket;
  GSocketAddress   *remote;     /* the key in self->connections */
  GWeakRef          stream;     /* the GSocketConnection the server has */
  GSource          *deadline;   /* of the phase the current request is in */
};

static void resume_accepting (LineupDemoServer *self);

/**
 * _lineup_demo_server_default_max_connections:
 *
 * Returns: %LINEUP_DEMO_DEFAULT_MAX_CONNECTIONS, or fewer when the
 *   process may open fewer descriptors than that and some to spare (the
 *   app embeds the service and needs its own)
 */
guint
_lineup_demo_server_default_max_connections (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY ||
      limit.rlim_cur >= LINEUP_DEMO_DEFAULT_MAX_CONNECTIONS + 2 * RESERVED_FDS)
    return LINEUP_DEMO_DEFAULT_MAX_CONNECTIONS;
  return MAX ((guint)limit.rlim_cur / 2, 4u);
}

static void
connection_set_deadline (DemoConnection *connection,
                         guint           seconds,
                         GSourceFunc     func)
{
  if (connection->deadline != NULL)
    {
      g_source_destroy (connection->deadline);
      g_clear_pointer (&connection->deadline, g_source_unref);
    }
  if (seconds == 0 || func == NULL)
    return;
  connection->deadline = g_timeout_source_new_seconds (seconds);
  g_source_set_callback (connection->deadline, func, connection, NULL);
  g_source_attach (connection->deadline, connection->self->context);
}

static void
connection_free (DemoConnection *connection)
{
  connection_set_deadline (connection, 0, NULL);
  g_weak_ref_clear (&connection->stream);
  g_clear_object (&connection->socket);
  g_clear_object (&connection->remote);
  g_free (connection);
}

/* Cuts the connection off: the server's next read or write fails and it
 * closes the connection itself. */
static gboolean
cut_off (gpointer data)
{
  DemoConnection *connection = data;

  g_clear_pointer (&connection->deadline, g_source_unref);
  g_debug ("Closing a connection whose request is too slow");
  g_socket_shutdown (connection->socket, TRUE, TRUE, NULL);
  return G_SOURCE_REMOVE;
}

static DemoConnection *
lookup (LineupDemoServer  *self,
        SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  return remote ? g_hash_table_lookup (self->connections, remote) : NULL;
}

/**
 * _lineup_demo_server_get_socket:
 *
 * soup_server_message_get_socket() knows no socket for connections the
 * service accepted itself; this does.
 *
 * Returns: (transfer none) (nullable): @msg's socket
 */
GSocket *
_lineup_demo_server_get_socket (LineupDemoServer  *self,
                                SoupServerMessage *msg)
{
  DemoConnection *connection = lookup (self, msg);

  return connection ? connection->socket : NULL;
}

static void
on_got_headers (SoupServerMessage *msg,
                LineupDemoServer  *self)
{
  DemoConnection *connection = lookup (self, msg);

  if (connection != NULL)
    connection_set_deadline (connection, BODY_TIMEOUT, cut_off);
}

static void
on_got_body (SoupServerMessage *msg,
             LineupDemoServer  *self)
{
  DemoConnection *connection = lookup (self, msg);

  /* From here on the service is the slow one (it may be told to be). */
  if (connection != NULL)
    connection_set_deadline (connection, 0, NULL);
}

/* Emitted when a connection opens and, on a kept-alive one, when the
 * first byte of the next request arrives. */
static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    LineupDemoServer  *self)
{
  DemoConnection *connection = lookup (self, msg);

  if (connection == NULL)
    return;
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
  connection_set_deadline (connection, self->header_timeout, cut_off);
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers), self);
  g_signal_connect (msg, "got-body", G_CALLBACK (on_got_body), self);
  _lineup_demo_server_watch_upload (self, msg);
}

typedef struct
{
  LineupDemoServer *self;
  DemoConnection   *connection;
} Gone;

static gboolean
connection_gone (gpointer data)
{
  Gone *gone = data;
  LineupDemoServer *self = gone->self;

  g_hash_table_remove (self->connections, gone->connection->remote);
  connection_free (gone->connection);
  self->n_connections--;
  resume_accepting (self);
  g_free (gone);
  return G_SOURCE_REMOVE;
}

/* The connection object is finalized once the server and the last of its
 * messages let go, perhaps on a worker thread: count it off on the
 * server's. Its descriptor was closed when the server closed it. */
static void
on_stream_finalized (gpointer  data,
                     GObject  *stream)
{
  Gone *gone = g_new0 (Gone, 1);

  gone->connection = data;
  gone->self = gone->connection->self;
  g_main_context_invoke (gone->self->context, connection_gone, gone);
}

static gboolean
take (LineupDemoServer *self,
      GSocket          *socket)
{
  g_autoptr(GSocketConnection) stream = g_socket_connection_factory_create_connection (socket);
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  DemoConnection *connection;

  /* gone before we got to it */
  if (local == NULL || remote == NULL)
    return FALSE;

  g_socket_set_timeout (socket, self->idle_timeout);
  connection = g_new0 (DemoConnection, 1);
  connection->self = self;
  connection->socket = g_object_ref (socket);
  connection->remote = g_object_ref (remote);
  g_weak_ref_init (&connection->stream, stream);
  g_hash_table_insert (self->connections, connection->remote, connection);
  self->n_connections++;
  g_object_weak_ref (G_OBJECT (stream), on_stream_finalized, connection);

  /* Emits request-started, which finds the connection by its address. */
  soup_server_accept_iostream (self->server, G_IO_STREAM (stream), local, remote, NULL);
  return TRUE;
}

static void
pause_accepting (LineupDemoServer *self)
{
  if (self->accept_source == NULL)
    return;
  g_source_destroy (self->accept_source);
  g_clear_pointer (&self->accept_source, g_source_unref);
}

static gboolean
retry_accepting (gpointer data)
{
  LineupDemoServer *self = data;

  g_clear_pointer (&self->accept_retry, g_source_unref);
  resume_accepting (self);
  return G_SOURCE_REMOVE;
}

static gboolean
accept_cb (GSocket      *listener,
           GIOCondition  condition,
           gpointer      data)
{
  LineupDemoServer *self = data;

  for (guint i = 0; i < ACCEPT_BURST; i++)
    {
      g_autoptr(GSocket) socket = NULL;
      g_autoptr(GError) error = NULL;

      if (self->n_connections >= self->max_connections)
        {
          g_debug ("%u connections open: the others wait", self->n_connections);
          pause_accepting (self);
          return G_SOURCE_REMOVE;
        }

      socket = g_socket_accept (listener, NULL, &error);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        {
          /* Out of descriptors (or buffers): the pending connections
           * wait in the queue until some are free again. */
          g_debug ("Cannot accept: %s; retrying", error->message);
          pause_accepting (self);
          if (self->accept_retry == NULL)
            {
              self->accept_retry = g_timeout_source_new (ACCEPT_RETRY_MS);
              g_source_set_callback (self->accept_retry, retry_accepting, self, NULL);
              g_source_attach (self->accept_retry, self->context);
            }
          return G_SOURCE_REMOVE;
        }
      if (socket == NULL)
        continue;   /* the client gave up first (ECONNABORTED): the next one */
      take (self, socket);
    }
  return G_SOURCE_CONTINUE;
}

static void
resume_accepting (LineupDemoServer *self)
{
  if (self->accept_source != NULL || self->accept_retry != NULL || self->listener == NULL ||
      self->n_connections >= self->max_connections)
    return;
  self->accept_source = g_socket_create_source (self->listener, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (accept_cb), self, NULL);
  g_source_attach (self->accept_source, self->context);
}

/**
 * _lineup_demo_server_accept_on:
 * @listener: a listening socket
 *
 * Starts accepting on @listener for the server.
 */
gboolean
_lineup_demo_server_accept_on (LineupDemoServer  *self,
                               GSocket           *listener,
                               GError           **error)
{
  self->connections = g_hash_table_new (NULL, NULL);
  self->n_connections = 0;
  self->listener = g_object_ref (listener);
  g_socket_set_blocking (listener, FALSE);
  g_signal_connect (self->server, "request-started", G_CALLBACK (on_request_started), self);
  resume_accepting (self);
  return TRUE;
}

/**
 * _lineup_demo_server_stop_accepting:
 *
 * Stops accepting; the server is disconnected next.
 */
void
_lineup_demo_server_stop_accepting (LineupDemoServer *self)
{
  pause_accepting (self);
  if (self->accept_retry != NULL)
    g_source_destroy (self->accept_retry);
  g_clear_pointer (&self->accept_retry, g_source_unref);
  if (self->listener != NULL)
    g_socket_close (self->listener, NULL);
  g_clear_object (&self->listener);
}

/**
 * _lineup_demo_server_forget_connections:
 *
 * Once the server is gone: frees what is left of the connections' books.
 * No worker thread is left, so nothing else finalizes a connection now.
 */
void
_lineup_demo_server_forget_connections (LineupDemoServer *self)
{
  GHashTableIter iter;
  DemoConnection *connection;

  if (self->connections == NULL)
    return;
  while (g_main_context_iteration (self->context, FALSE))
    ;
  /* Still referenced by something (a stolen stream being closed): stop
   * watching it and drop the books. */
  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&connection))
    {
      GObject *stream = g_weak_ref_get (&connection->stream);

      if (stream != NULL)
        {
          g_object_weak_unref (stream, on_stream_finalized, connection);
          g_object_unref (stream);
        }
      g_hash_table_iter_remove (&iter);
      connection_free (connection);
    }
  g_clear_pointer (&self->connections, g_hash_table_unref);
}
