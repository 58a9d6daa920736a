/* lineup-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-test"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "lineup-demo-seed.h"
#include "lineup-test-util.h"

/**
 * lineup_test_keep_result:
 * @user_data: a `GAsyncResult **` slot
 *
 * A GAsyncReadyCallback that stores the result for
 * lineup_test_wait_result().
 */
void
lineup_test_keep_result (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/**
 * lineup_test_wait_result:
 *
 * Returns: (transfer full): the result once it arrived (within 30 s)
 */
GAsyncResult *
lineup_test_wait_result (GAsyncResult **slot)
{
  LINEUP_TEST_WAIT_FOR (*slot != NULL, 30);
  return g_steal_pointer (slot);
}

/**
 * lineup_test_write_probe:
 *
 * Returns: (transfer full): a temporary JPEG file of a demo probe
 */
GFile *
lineup_test_write_probe (guint probe)
{
  g_autoptr(GBytes) bytes = lineup_demo_probe_render_jpeg (probe);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-test-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, lineup_demo_probe_get_file_name (probe), NULL);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

/**
 * lineup_test_probe_image:
 *
 * Returns: (transfer full): a demo probe, prepared for upload
 */
LineupImage *
lineup_test_probe_image (guint probe)
{
  g_autoptr(GBytes) bytes = lineup_demo_probe_render_jpeg (probe);
  g_autoptr(GError) error = NULL;
  LineupImage *image = lineup_image_new_from_bytes (bytes, lineup_demo_probe_get_file_name (probe), &error);

  g_assert_no_error (error);
  return image;
}

/**
 * lineup_test_closed_port:
 *
 * Returns: a loopback port that refuses connections
 */
guint
lineup_test_closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  /* bound but never listening: connections are refused */
  g_socket_close (socket, NULL);
  return port;
}

static void
canned_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  const LineupTestCanned *canned = user_data;

  soup_server_message_set_status (msg, canned->status, NULL);
  soup_server_message_set_response (msg, canned->content_type, SOUP_MEMORY_STATIC,
                                    canned->body, strlen (canned->body));
}

/**
 * lineup_test_canned_server_new:
 * @base_url: (out): its address, with the FaceSearch path
 *
 * A server on loopback that answers every request with @canned; over
 * HTTPS with the self-signed certificate in tests/data when @tls.
 */
SoupServer *
lineup_test_canned_server_new (const LineupTestCanned  *canned,
                               gboolean                 tls,
                               char                   **base_url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GSList) uris = NULL;
  SoupServer *server;

  if (tls)
    {
      g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "data", "self-signed-cert.pem", NULL);
      g_autofree char *key = g_test_build_filename (G_TEST_DIST, "data", "self-signed-key.pem", NULL);

      certificate = g_tls_certificate_new_from_files (cert, key, &error);
      g_assert_no_error (error);
    }
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, canned_handler, (gpointer)canned, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | (tls ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  *base_url = g_strdup_printf ("%s://127.0.0.1:%d/finauth/search/group", tls ? "https" : "http",
                               g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);
  return server;
}

/**
 * lineup_test_reset_settings:
 *
 * Puts every key of @settings back to its default: the memory backend
 * outlives a test's fixture.
 */
void
lineup_test_reset_settings (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    g_settings_reset (settings, keys[i]);
}

static const char *forbidden_text;

static GLogWriterOutput
forbidding_writer (GLogLevelFlags   level,
                   const GLogField *fields,
                   gsize            n_fields,
                   gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 &&
        strstr (fields[i].value, forbidden_text) != NULL)
      {
        g_printerr ("A log message holds what it must not: %s\n", (const char *)fields[i].value);
        abort ();
      }
  if (g_log_writer_default_would_drop (level, NULL))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* g_debug() and the like are unstructured g_log() calls, which reach the
 * default handler g_test_init() installs. Up to GLib 2.74 that passes them
 * on to the writer above; from 2.76, in TAP mode (the default from 2.78),
 * it only prints them, so they are checked here as well. */
static GLogFunc previous_default_handler;

static void
forbidding_handler (const char     *log_domain,
                    GLogLevelFlags  level,
                    const char     *message,
                    gpointer        user_data)
{
  if (message != NULL && strstr (message, forbidden_text) != NULL)
    {
      g_printerr ("A log message holds what it must not: %s\n", message);
      abort ();
    }
  previous_default_handler (log_domain, level, message, NULL);
}

/**
 * lineup_test_forbid_in_logs:
 * @text: such as a secret
 *
 * Aborts the test when any log message, of any domain and level (debug
 * included, shown or not), contains @text. Once per program.
 */
void
lineup_test_forbid_in_logs (const char *text)
{
  forbidden_text = text;
  g_log_set_writer_func (forbidding_writer, NULL, NULL);
  previous_default_handler = g_log_set_default_handler (forbidding_handler, NULL);
}

/**
 * lineup_test_luma_stddev:
 *
 * Returns: the spread of @pixbuf's brightness: a blank or black picture
 *   has almost none, a photo or a test pattern tens
 */
double
lineup_test_luma_stddev (GdkPixbuf *pixbuf)
{
  const guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int n_channels = gdk_pixbuf_get_n_channels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  double sum = 0, sum2 = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = pixels + y * stride + x * n_channels;
        double luma = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];

        sum += luma;
        sum2 += luma * luma;
      }
  sum /= (double)w * h;
  return sqrt (MAX (0, sum2 / ((double)w * h) - sum * sum));
}

/* A qsort() comparison for doubles, ascending */
int
lineup_test_compare_doubles (gconstpointer a,
                             gconstpointer b)
{
  double da = *(const double *)a, db = *(const double *)b;

  return (da > db) - (da < db);
}

double
lineup_test_median (const double *values,
                    guint         n)
{
  g_autofree double *sorted = g_memdup2 (values, n * sizeof (double));

  qsort (sorted, n, sizeof (double), lineup_test_compare_doubles);
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/**
 * lineup_test_cpu_seconds:
 *
 * Returns: the CPU time this process used so far, user and system
 */
double
lineup_test_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}
