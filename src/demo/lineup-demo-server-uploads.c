/* lineup-demo-server-uploads.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-demo-server"

#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "lineup-demo-server-private.h"
#include "lineup-error.h"
#include "lineup-signer.h"

/* Request bodies, watched as they stream in rather than once buffered:
 *   - a Content-Length over LINEUP_DEMO_MAX_BODY is refused at once, and
 *     a chunked body as soon as it passes that;
 *   - all bodies being read at a time hold at most MAX_BUFFERED bytes;
 *     past that a request is told to come back (CONCURRENCY_LIMIT_EXCEEDED,
 *     which clients retry);
 *   - the sign of a multipart form is checked as soon as its part is in,
 *     so an upload with a bad sign is refused before the rest of it.
 * A refused request gets its answer at once and its connection is closed
 * after a short linger that reads and drops what the client still sends,
 * so that it sees the answer rather than a reset. */

#define MAX_BUFFERED   (256 * 1024 * 1024)
#define SCAN_LIMIT     (64 * 1024)    /* the sign is looked for this far in */
#define LINGER_SECONDS 2

typedef struct
{
  LineupDemoServer *self;
  char             *delimiter;   /* "--BOUNDARY", or NULL: no scanning */
  GByteArray       *prefix;      /* the first SCAN_LIMIT bytes */
  gsize             received;
  gint64            start_us;
  gboolean          counted;     /* received is in self->buffered */
  gboolean          scanned;     /* the sign was found, or will not be */
  gboolean          refused;
} Upload;

typedef struct
{
  LineupDemoServer *self;
  GIOStream        *stream;
  GSocket          *socket;
  GSource          *reader;
  GSource          *timer;
} Linger;

static void
upload_free (gpointer data)
{
  Upload *upload = data;

  g_free (upload->delimiter);
  g_clear_pointer (&upload->prefix, g_byte_array_unref);
  g_free (upload);
}

static void
uncount (Upload *upload)
{
  if (!upload->counted)
    return;
  g_atomic_pointer_add (&upload->self->buffered, -(gssize)upload->received);
  upload->counted = FALSE;
}

static void
linger_end (Linger *linger)
{
  LineupDemoServer *self = linger->self;

  if (linger->reader != NULL)
    g_source_destroy (linger->reader);
  if (linger->timer != NULL)
    g_source_destroy (linger->timer);
  g_clear_pointer (&linger->reader, g_source_unref);
  g_clear_pointer (&linger->timer, g_source_unref);
  g_io_stream_close (linger->stream, NULL, NULL);
  g_clear_object (&linger->stream);
  g_clear_object (&linger->socket);
  self->lingering = g_list_remove (self->lingering, linger);
  g_free (linger);
}

static gboolean
linger_read (GSocket      *socket,
             GIOCondition  condition,
             gpointer      data)
{
  Linger *linger = data;
  g_autoptr(GError) error = NULL;
  char buffer[65536];
  gssize n = g_socket_receive_with_blocking (socket, buffer, sizeof buffer, FALSE, NULL, &error);

  if (n > 0 || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return G_SOURCE_CONTINUE;
  linger_end (linger);
  return G_SOURCE_REMOVE;
}

static gboolean
linger_timeout (gpointer data)
{
  linger_end (data);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  LineupDemoServer  *self;
  SoupServerMessage *msg;
  GBytes            *response;
} Refusal;

/* After the signal that found the problem has returned: the connection
 * is taken from the server, answered and closed. */
static gboolean
send_refusal (gpointer data)
{
  Refusal *refusal = data;
  LineupDemoServer *self = refusal->self;
  GSocket *socket = _lineup_demo_server_get_socket (self, refusal->msg);
  g_autoptr(GIOStream) stream = NULL;
  Linger *linger;

  if (socket == NULL || g_socket_is_closed (socket) ||
      !(stream = soup_server_message_steal_connection (refusal->msg)))
    return G_SOURCE_REMOVE;

  g_socket_send_with_blocking (socket, g_bytes_get_data (refusal->response, NULL),
                               g_bytes_get_size (refusal->response), FALSE, NULL, NULL);
  g_socket_shutdown (socket, FALSE, TRUE, NULL);

  linger = g_new0 (Linger, 1);
  linger->self = self;
  linger->stream = g_steal_pointer (&stream);
  linger->socket = g_object_ref (socket);
  linger->reader = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (linger->reader, G_SOURCE_FUNC (linger_read), linger, NULL);
  g_source_attach (linger->reader, self->context);
  linger->timer = g_timeout_source_new_seconds (LINGER_SECONDS);
  g_source_set_callback (linger->timer, linger_timeout, linger, NULL);
  g_source_attach (linger->timer, self->context);
  self->lingering = g_list_prepend (self->lingering, linger);
  return G_SOURCE_REMOVE;
}

static void
refusal_free (gpointer data)
{
  Refusal *refusal = data;

  g_object_unref (refusal->msg);
  g_bytes_unref (refusal->response);
  g_free (refusal);
}

static void
refuse (Upload            *upload,
        SoupServerMessage *msg,
        guint              status,
        const char        *code)
{
  g_autoptr(GBytes) body = NULL;
  g_autofree char *head = NULL;
  GSource *source;
  Refusal *refusal;
  GByteArray *response;

  if (upload->refused)
    return;
  upload->refused = TRUE;
  uncount (upload);
  g_debug ("%s %s refused after %" G_GSIZE_FORMAT " bytes: %s", soup_server_message_get_method (msg),
           g_uri_get_path (soup_server_message_get_uri (msg)), upload->received, code);

  /* no further reading */
  soup_server_message_pause (msg);

  body = _lineup_demo_error_body (status, code, upload->start_us);
  head = g_strdup_printf ("HTTP/1.1 %u %s\r\nServer: lineup-demo \r\nContent-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                          status, soup_status_get_phrase (status), g_bytes_get_size (body));
  response = g_byte_array_new ();
  g_byte_array_append (response, (const guint8 *)head, strlen (head));
  g_byte_array_append (response, g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  refusal = g_new0 (Refusal, 1);
  refusal->self = upload->self;
  refusal->msg = g_object_ref (msg);
  refusal->response = g_byte_array_free_to_bytes (response);
  source = g_idle_source_new ();
  g_source_set_callback (source, send_refusal, refusal, refusal_free);
  g_source_attach (source, upload->self->context);
  g_source_unref (source);
}

static const char *
find (const char *haystack,
      gsize       len,
      const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; n <= len && i <= len - n; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return haystack + i;
  return NULL;
}

/* Looks through the form's first parts for the sign.
 * Returns: TRUE when done looking (found and checked, or not before a
 * file part); *bad says whether the sign was refused */
static gboolean
scan_for_sign (Upload  *upload,
               GError **bad)
{
  const char *data = (const char *)upload->prefix->data;
  const char *end = data + upload->prefix->len;
  const char *p = find (data, end - data, upload->delimiter);
  gsize dlen = strlen (upload->delimiter);
  gboolean full = upload->prefix->len >= SCAN_LIMIT;

  while (p != NULL)
    {
      const char *headers = p + dlen, *headers_end, *value_end;
      g_autofree char *value_delimiter = NULL;
      g_autofree char *head = NULL;

      if (end - headers < 2)
        return full;
      if (headers[0] != '\r' || headers[1] != '\n')
        return TRUE;   /* the closing delimiter, or not a form we know */
      headers += 2;
      if (!(headers_end = find (headers, end - headers, "\r\n\r\n")))
        return full;

      head = g_ascii_strdown (headers, headers_end - headers);
      if (strstr (head, "filename=") != NULL)
        return TRUE;   /* a file before the sign: checked once it is all in */
      value_delimiter = g_strconcat ("\r\n", upload->delimiter, NULL);
      if (!(value_end = find (headers_end + 4, end - headers_end - 4, value_delimiter)))
        return full;

      if (strstr (head, " name=\"sign\"") != NULL || strstr (head, ";name=\"sign\"") != NULL)
        {
          LineupDemoServer *self = upload->self;
          g_autofree char *sign = g_strndup (headers_end + 4, value_end - headers_end - 4);

          lineup_signature_verify (sign, lineup_demo_server_get_api_key (self), _lineup_demo_server_get_secret (self),
                                   g_get_real_time () / G_USEC_PER_SEC, LINEUP_DEMO_MAX_SKEW_SECONDS, bad);
          return TRUE;
        }
      p = value_end + 2;
    }
  return full;
}

static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              Upload            *upload)
{
  LineupDemoServer *self = upload->self;
  gsize len = g_bytes_get_size (chunk);
  g_autoptr(GError) bad = NULL;

  if (upload->refused)
    return;
  upload->received += len;
  upload->counted = TRUE;
  if (upload->received > LINEUP_DEMO_MAX_BODY)
    {
      refuse (upload, msg, 413, "REQUEST_ENTITY_TOO_LARGE");
      return;
    }
  if ((gsize)g_atomic_pointer_add (&self->buffered, len) + len > MAX_BUFFERED)
    {
      refuse (upload, msg, 403, "CONCURRENCY_LIMIT_EXCEEDED");
      return;
    }

  if (upload->scanned || upload->delimiter == NULL)
    return;
  g_byte_array_append (upload->prefix, g_bytes_get_data (chunk, NULL),
                       MIN (len, SCAN_LIMIT - upload->prefix->len));
  upload->scanned = scan_for_sign (upload, &bad);
  if (bad != NULL)
    {
      g_debug ("Refused an upload with a bad sign: %s", lineup_api_error_get_api_code (bad));
      refuse (upload, msg, lineup_api_error_get_http_status (bad) ? lineup_api_error_get_http_status (bad) : 401,
              lineup_api_error_get_api_code (bad) ? lineup_api_error_get_api_code (bad) : "AUTHENTICATION_ERROR");
    }
  if (upload->scanned)
    g_clear_pointer (&upload->prefix, g_byte_array_unref);
}

static void
on_finished (SoupServerMessage *msg,
             Upload            *upload)
{
  uncount (upload);
}

/* Runs after the headers, before the body is read. */
static void
early_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Upload *upload = g_object_get_data (G_OBJECT (msg), "lineup-demo-upload");
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GHashTable) params = NULL;
  const char *type, *boundary;

  if (upload == NULL)
    return;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > LINEUP_DEMO_MAX_BODY)
    {
      refuse (upload, msg, 413, "REQUEST_ENTITY_TOO_LARGE");
      return;
    }

  type = soup_message_headers_get_content_type (headers, &params);
  if (g_strcmp0 (type, "multipart/form-data") == 0 && params != NULL &&
      (boundary = g_hash_table_lookup (params, "boundary")) != NULL && *boundary != '\0')
    {
      upload->delimiter = g_strconcat ("--", boundary, NULL);
      upload->prefix = g_byte_array_new ();
    }
}

/**
 * _lineup_demo_server_watch_upload:
 *
 * Watches the body of the request @msg is about to read.
 */
void
_lineup_demo_server_watch_upload (LineupDemoServer  *self,
                                  SoupServerMessage *msg)
{
  Upload *upload = g_new0 (Upload, 1);

  upload->self = self;
  upload->start_us = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (msg), "lineup-demo-upload", upload, upload_free);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk), upload);
  g_signal_connect (msg, "finished", G_CALLBACK (on_finished), upload);
}

void
_lineup_demo_server_watch_uploads (LineupDemoServer *self)
{
  self->buffered = 0;
  soup_server_add_early_handler (self->server, NULL, early_handler, self, NULL);
}

/* At the end: the lingering refusals are closed. */
void
_lineup_demo_server_end_lingering (LineupDemoServer *self)
{
  while (self->lingering != NULL)
    linger_end (self->lingering->data);
}
