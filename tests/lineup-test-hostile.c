/* lineup-test-hostile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-test"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <gio/gio.h>

#include "lineup-test-hostile.h"

/* Requests are read whole (headers up to 64 KiB, bodies up to 64 MiB,
 * more is read and thrown away); our client sends nothing larger. */
#define MAX_HEADERS   (64 * 1024)
#define MAX_KEPT_BODY (64 * 1024 * 1024)

struct _LineupHostile
{
  LineupHostileHandler  handler;
  gpointer              user_data;
  int                   listen_fd;
  guint                 port;
  char                 *base_url;
  GThread              *accept_thread;

  GMutex                lock;
  GCond                 cond;
  GHashTable           *live;       /* fd of each open connection */
  GHashTable           *counts;     /* endpoint → requests */
  GPtrArray            *signs;
  guint                 n_requests;
  gboolean              stopping;
};

typedef struct
{
  LineupHostile *server;
  int            fd;
} Connection;

gboolean
lineup_hostile_write (int         fd,
                      const void *data,
                      gsize       len)
{
  const char *p = data;

  while (len > 0)
    {
      gssize n = send (fd, p, len, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      len -= n;
    }
  return TRUE;
}

gboolean
lineup_hostile_reply (int         fd,
                      guint       status,
                      const char *extra_headers,
                      const char *body,
                      gssize      len)
{
  g_autofree char *head = NULL;

  if (len < 0)
    len = strlen (body);
  head = g_strdup_printf ("HTTP/1.1 %u Hostile\r\nContent-Length: %" G_GSSIZE_FORMAT "\r\n%s\r\n",
                          status, len, extra_headers ? extra_headers : "Content-Type: application/json\r\n");
  return lineup_hostile_write (fd, head, strlen (head)) && lineup_hostile_write (fd, body, len);
}

gboolean
lineup_hostile_reply_json (LineupHostileRequest *request,
                           guint                 status,
                           const char           *format,
                           ...)
{
  g_autofree char *body = NULL;
  va_list args;

  va_start (args, format);
  body = g_strdup_vprintf (format, args);
  va_end (args);
  return lineup_hostile_reply (request->fd, status, NULL, body, -1);
}

static void
parse_form (LineupHostileRequest *request,
            const char           *body,
            gsize                 len)
{
  const char *type = g_hash_table_lookup (request->headers, "content-type");
  const char *b = type ? strstr (type, "boundary=") : NULL;
  g_autofree char *delimiter = NULL;
  const char *p, *end = body + len;

  if (b == NULL)
    return;
  b += strlen ("boundary=");
  delimiter = g_strdup_printf ("--%.*s", (int)strcspn (b, "; \""), *b == '"' ? b + 1 : b);

  for (p = g_strstr_len (body, len, delimiter); p != NULL && p < end;)
    {
      const char *headers = p + strlen (delimiter);
      const char *value, *next, *name, *file;
      g_autofree char *field = NULL;

      if (headers + 2 > end || strncmp (headers, "--", 2) == 0)
        break;
      if (!(value = g_strstr_len (headers, end - headers, "\r\n\r\n")) ||
          !(next = g_strstr_len (value, end - value, delimiter)))
        break;
      value += 4;
      name = g_strstr_len (headers, value - headers, " name=\"");
      file = g_strstr_len (headers, value - headers, "filename=\"");
      if (name != NULL)
        {
          name += strlen (" name=\"");
          field = g_strndup (name, strcspn (name, "\""));
          if (file != NULL)
            g_hash_table_replace (request->fields, g_steal_pointer (&field),
                                  g_strdup_printf ("<%" G_GSIZE_FORMAT " bytes>", (gsize)(next - 2 - value)));
          else
            g_hash_table_replace (request->fields, g_steal_pointer (&field),
                                  g_strndup (value, next - 2 - value));
        }
      p = next;
    }
}

/* Reads one request. Returns: FALSE at the end of the connection */
static gboolean
read_request (LineupHostileRequest *request)
{
  GString *in = g_string_new (NULL);
  g_autofree char *body = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) first = NULL;
  const char *length_text;
  char *header_end;
  gsize have, want = 0, kept;

  while (!(header_end = strstr (in->str, "\r\n\r\n")))
    {
      char buffer[4096];
      gssize n = recv (request->fd, buffer, sizeof buffer, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || in->len > MAX_HEADERS)
        {
          g_string_free (in, TRUE);
          return FALSE;
        }
      g_string_append_len (in, buffer, n);
    }

  *header_end = '\0';
  lines = g_strsplit (in->str, "\r\n", -1);
  first = g_strsplit (lines[0], " ", 3);
  if (g_strv_length (first) < 2)
    {
      g_string_free (in, TRUE);
      return FALSE;
    }
  request->method = g_strdup (first[0]);
  request->path = g_strdup (first[1]);
  request->endpoint = strrchr (request->path, '/') ? strrchr (request->path, '/') + 1 : request->path;
  for (guint i = 1; lines[i]; i++)
    {
      const char *colon = strchr (lines[i], ':');

      if (colon != NULL)
        g_hash_table_replace (request->headers, g_ascii_strdown (lines[i], colon - lines[i]),
                              g_strstrip (g_strdup (colon + 1)));
    }

  if ((length_text = g_hash_table_lookup (request->headers, "content-length")))
    want = g_ascii_strtoull (length_text, NULL, 10);
  have = in->len - (header_end + 4 - in->str);
  kept = MIN (want, MAX_KEPT_BODY);
  body = g_malloc (kept + 1);
  memcpy (body, header_end + 4, MIN (have, kept));
  g_string_free (in, TRUE);

  while (have < want)
    {
      char buffer[65536];
      gssize n = recv (request->fd, buffer, MIN (sizeof buffer, want - have), 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      if (have < kept)
        memcpy (body + have, buffer, MIN ((gsize)n, kept - have));
      have += n;
    }
  body[MIN (have, kept)] = '\0';
  request->body_len = want;
  parse_form (request, body, MIN (have, kept));
  return TRUE;
}

static void
request_clear (LineupHostileRequest *request)
{
  g_clear_pointer (&request->method, g_free);
  g_clear_pointer (&request->path, g_free);
  g_clear_pointer (&request->headers, g_hash_table_unref);
  g_clear_pointer (&request->fields, g_hash_table_unref);
}

static gpointer
connection_thread (gpointer data)
{
  Connection *connection = data;
  LineupHostile *self = connection->server;
  gboolean again = TRUE;

  while (again && !lineup_hostile_is_stopping (self))
    {
      LineupHostileRequest request = { 0 };
      const char *sign;

      request.server = self;
      request.fd = connection->fd;
      request.headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      request.fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (!read_request (&request))
        {
          request_clear (&request);
          break;
        }

      g_mutex_lock (&self->lock);
      request.index = self->n_requests++;
      g_hash_table_insert (self->counts, g_strdup (request.endpoint),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->counts,
                                                                                    request.endpoint)) + 1));
      if ((sign = g_hash_table_lookup (request.fields, "sign")))
        g_ptr_array_add (self->signs, g_strdup (sign));
      g_mutex_unlock (&self->lock);

      again = self->handler (&request, self->user_data);
      request_clear (&request);
    }

  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->live, GINT_TO_POINTER (connection->fd));
  close (connection->fd);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  g_free (connection);
  return NULL;
}

static gpointer
accept_thread (gpointer data)
{
  LineupHostile *self = data;

  for (;;)
    {
      int fd = accept (self->listen_fd, NULL, NULL);
      Connection *connection;

      if (fd < 0 && errno == EINTR)
        continue;
      if (fd < 0 || lineup_hostile_is_stopping (self))
        {
          if (fd >= 0)
            close (fd);
          break;
        }

      connection = g_new0 (Connection, 1);
      connection->server = self;
      connection->fd = fd;
      g_mutex_lock (&self->lock);
      g_hash_table_add (self->live, GINT_TO_POINTER (fd));
      g_mutex_unlock (&self->lock);
      g_thread_unref (g_thread_new ("hostile-connection", connection_thread, connection));
    }
  return NULL;
}

/**
 * lineup_hostile_new:
 * @handler: answers each request, on the connection's own thread
 *
 * Starts listening on 127.0.0.1 at a free port.
 */
LineupHostile *
lineup_hostile_new (LineupHostileHandler handler,
                    gpointer             user_data)
{
  LineupHostile *self = g_new0 (LineupHostile, 1);
  struct sockaddr_in address = { 0 };
  socklen_t len = sizeof address;

  self->handler = handler;
  self->user_data = user_data;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->live = g_hash_table_new (NULL, NULL);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->signs = g_ptr_array_new_with_free_func (g_free);

  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  self->listen_fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (self->listen_fd, >=, 0);
  g_assert_cmpint (bind (self->listen_fd, (struct sockaddr *)&address, sizeof address), ==, 0);
  g_assert_cmpint (listen (self->listen_fd, 128), ==, 0);
  g_assert_cmpint (getsockname (self->listen_fd, (struct sockaddr *)&address, &len), ==, 0);
  self->port = ntohs (address.sin_port);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u/finauth/search/group", self->port);
  self->accept_thread = g_thread_new ("hostile-accept", accept_thread, self);
  return self;
}

guint
lineup_hostile_get_port (LineupHostile *self)
{
  return self->port;
}

const char *
lineup_hostile_get_base_url (LineupHostile *self)
{
  return self->base_url;
}

gboolean
lineup_hostile_is_stopping (LineupHostile *self)
{
  gboolean stopping;

  g_mutex_lock (&self->lock);
  stopping = self->stopping;
  g_mutex_unlock (&self->lock);
  return stopping;
}

guint
lineup_hostile_count (LineupHostile *self,
                      const char    *endpoint)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = endpoint ? GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, endpoint)) : self->n_requests;
  g_mutex_unlock (&self->lock);
  return n;
}

/* Returns: (transfer full): every sign the server received so far */
GPtrArray *
lineup_hostile_dup_signs (LineupHostile *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->signs->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (self->signs, i)));
  g_mutex_unlock (&self->lock);
  return copy;
}

/* Stops accepting, cuts every open connection and waits for their
 * threads to end. */
void
lineup_hostile_free (LineupHostile *self)
{
  GHashTableIter iter;
  gpointer fd;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_mutex_unlock (&self->lock);
  shutdown (self->listen_fd, SHUT_RDWR);
  g_thread_join (self->accept_thread);
  close (self->listen_fd);

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &fd, NULL))
    shutdown (GPOINTER_TO_INT (fd), SHUT_RDWR);
  while (g_hash_table_size (self->live) > 0)
    if (!g_cond_wait_until (&self->cond, &self->lock, deadline))
      g_error ("A hostile connection's thread did not end");
  g_mutex_unlock (&self->lock);

  g_hash_table_unref (self->live);
  g_hash_table_unref (self->counts);
  g_ptr_array_unref (self->signs);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->base_url);
  g_free (self);
}

/* Bombs, made in small pieces so the test itself stays small. */

/* Feeds @len bytes, @times over, to @compressor; @last ends the stream. */
static void
compress_repeated (GConverter   *compressor,
                   GByteArray   *out,
                   const guint8 *data,
                   gsize         len,
                   guint64       times,
                   gboolean      last)
{
  guint8 buffer[65536];

  for (guint64 t = 0; t <= times; t++)
    {
      gboolean end = t == times;
      const guint8 *in = data;
      gsize left = end ? 0 : len;

      if (end && !last)
        break;
      if (!end && len == 0)
        continue;
      for (;;)
        {
          g_autoptr(GError) error = NULL;
          gsize read = 0, written = 0;
          GConverterResult result;

          result = g_converter_convert (compressor, in, left, buffer, sizeof buffer,
                                        end ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                        &read, &written, &error);
          g_assert_no_error (error);
          g_byte_array_append (out, buffer, written);
          in += read;
          left -= read;
          if (result == G_CONVERTER_FINISHED || (!end && left == 0))
            break;
        }
    }
}

/**
 * lineup_hostile_gzip:
 *
 * Returns: a gzip stream of @prefix, @padding letters 'a' and @suffix
 */
GBytes *
lineup_hostile_gzip (const char *prefix,
                     guint64     padding,
                     const char *suffix)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  GByteArray *out = g_byte_array_new ();
  guint8 a[65536];

  memset (a, 'a', sizeof a);
  compress_repeated (G_CONVERTER (compressor), out, (const guint8 *)prefix, strlen (prefix), 1, FALSE);
  compress_repeated (G_CONVERTER (compressor), out, a, sizeof a, padding / sizeof a, FALSE);
  compress_repeated (G_CONVERTER (compressor), out, a, padding % sizeof a, 1, FALSE);
  compress_repeated (G_CONVERTER (compressor), out, (const guint8 *)suffix, strlen (suffix), 1, TRUE);
  return g_byte_array_free_to_bytes (out);
}

static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         len)
{
  crc = ~crc;
  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
  return ~crc;
}

static void
png_chunk (GByteArray   *png,
           const char   *type,
           const guint8 *data,
           gsize         len)
{
  guint32 be_len = GUINT32_TO_BE ((guint32)len), crc;

  g_byte_array_append (png, (const guint8 *)&be_len, 4);
  g_byte_array_append (png, (const guint8 *)type, 4);
  g_byte_array_append (png, data, len);
  crc = crc32_update (crc32_update (0, (const guint8 *)type, 4), data, len);
  crc = GUINT32_TO_BE (crc);
  g_byte_array_append (png, (const guint8 *)&crc, 4);
}

/**
 * lineup_hostile_png_bomb:
 *
 * Returns: a valid 8-bit grey PNG of @width × @height black pixels:
 *   a few hundred kilobytes that decode to width × height × 3 bytes
 */
GBytes *
lineup_hostile_png_bomb (guint width,
                         guint height)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  g_autofree guint8 *row = g_malloc0 (width + 1);   /* filter type 0, then black */
  GByteArray *png = g_byte_array_new ();
  guint8 ihdr[13] = { 0 };
  guint32 w = GUINT32_TO_BE (width), h = GUINT32_TO_BE (height);

  memcpy (ihdr, &w, 4);
  memcpy (ihdr + 4, &h, 4);
  ihdr[8] = 8;   /* bit depth; colour type 0 (grey), no interlace */
  compress_repeated (G_CONVERTER (compressor), idat, row, width + 1, height, TRUE);

  g_byte_array_append (png, signature, sizeof signature);
  png_chunk (png, "IHDR", ihdr, sizeof ihdr);
  png_chunk (png, "IDAT", idat->data, idat->len);
  png_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (png);
}
