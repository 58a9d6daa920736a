/* test-transport.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-test"

#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "lineup-client.h"
#include "lineup-error.h"
#include "lineup-test-util.h"

/* The transport policy against a scripted SoupServer on 127.0.0.1 that
 * counts what reaches it: retries only for what may pass on a second try,
 * time-outs, prompt cancellation, bounded fan-out, HTTPS checks, and the
 * secret and the sign kept out of everything a person or a log sees. */

#define TEST_KEY    "test-key-0123"
#define TEST_SECRET "s3cret-that-must-never-be-seen"

/* A throwaway self-signed certificate for 127.0.0.1: the client must
 * refuse it. */
static const char test_cert_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBkTCCATagAwIBAgIUOU1+sFmIj+J2M1+diNXwOvGkpvwwCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyMzE5MTE1NFoYDzIxMjYxMDMw\n"
  "MTkxMTU0WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAATAL37q+Bdg6LfOlcOkjzYUvQ9Hmlp7TBWZ52K9fRbpd0YdgV/44lSx\n"
  "vnuHEDFcJdpnXSN2o14mi0T3DqB3Q96no2QwYjAdBgNVHQ4EFgQUm9hS+6HdeXG9\n"
  "LOibnvOat8gsmtAwHwYDVR0jBBgwFoAUm9hS+6HdeXG9LOibnvOat8gsmtAwDwYD\n"
  "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0kAMEYC\n"
  "IQC4VcPlWQScIdk0/BCSDIPzbzhzDH5xsZWjAGaY1tbdggIhAKSFFOxpAXlFzcs5\n"
  "nHXiAlVWg212+1IIVON+S/nll0bo\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgTKxF0CGcsdfp4JKM\n"
  "CVJ9MN9C073ZbhmBYIbZvzPdVlyhRANCAATAL37q+Bdg6LfOlcOkjzYUvQ9Hmlp7\n"
  "TBWZ52K9fRbpd0YdgV/44lSxvnuHEDFcJdpnXSN2o14mi0T3DqB3Q96n\n"
  "-----END PRIVATE KEY-----\n";

typedef struct
{
  guint       status;
  const char *body;
} Reply;

typedef struct
{
  SoupServer   *server;
  char         *base_url;
  LineupClient *client;
  GAsyncResult *result;

  /* what the server does */
  const Reply  *script;         /* request i gets script[MIN (i, n_script - 1)] */
  guint         n_script;
  gboolean      hold_forever;   /* never answer */
  guint         settle_ms;      /* hold every request until none came for this long */
  gboolean      echo_sign;      /* put the received sign into the reply */

  /* what reached it */
  guint         requests;
  guint         in_flight;
  guint         max_in_flight;
  GPtrArray    *signs;
  GPtrArray    *endpoints;
  GPtrArray    *held;
  GHashTable   *client_ports;   /* one per connection the client opened */
  guint         settle_id;
} Fixture;

static GString *captured_log;
static GLogFunc previous_log_handler;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
      {
        if (fields[i].length < 0)
          g_string_append (captured_log, fields[i].value);
        else
          g_string_append_len (captured_log, fields[i].value, fields[i].length);
        g_string_append_c (captured_log, '\n');
      }

  if (level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* g_debug() and friends are unstructured g_log() calls, which go to the
 * default handler that g_test_init() installs. Up to GLib 2.74 it passes
 * them on to g_log_default_handler() and so to the writer above; from
 * 2.76 on, in TAP mode (the default from 2.78), it only prints them. So
 * capture them here too (on 2.74 a non-debug message is captured twice,
 * which the checks do not mind). */
static void
capture_handler (const char     *log_domain,
                 GLogLevelFlags  level,
                 const char     *message,
                 gpointer        user_data)
{
  g_string_append_printf (captured_log, "%s\n", message);
  if (!(level & G_LOG_LEVEL_DEBUG))
    previous_log_handler (log_domain, level, message, NULL);
}

/* Form fields of a multipart request; a file part shows as its size. */
static GHashTable *
parse_form (SoupServerMessage *msg)
{
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  SoupMultipart *multipart;

  multipart = soup_multipart_new_from_message (soup_server_message_get_request_headers (msg), body);
  if (multipart == NULL)
    return fields;

  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers;
      GHashTable *params = NULL;
      GBytes *part;
      const char *name;

      if (!soup_multipart_get_part (multipart, i, &headers, &part) ||
          !soup_message_headers_get_content_disposition (headers, NULL, &params))
        continue;
      if ((name = g_hash_table_lookup (params, "name")) != NULL)
        {
          if (g_hash_table_lookup (params, "filename") != NULL)
            g_hash_table_replace (fields, g_strdup (name),
                                  g_strdup_printf ("<%" G_GSIZE_FORMAT " bytes>", g_bytes_get_size (part)));
          else
            g_hash_table_replace (fields, g_strdup (name),
                                  g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part)));
        }
      g_hash_table_destroy (params);
    }
  soup_multipart_free (multipart);

  return fields;
}

static void
release_held (Fixture *fixture)
{
  for (guint i = 0; i < fixture->held->len; i++)
    {
      fixture->in_flight--;
      soup_server_message_unpause (g_ptr_array_index (fixture->held, i));
    }
  g_ptr_array_set_size (fixture->held, 0);
}

static gboolean
on_settled (gpointer user_data)
{
  Fixture *fixture = user_data;

  fixture->settle_id = 0;
  release_held (fixture);
  return G_SOURCE_REMOVE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GHashTable) fields = parse_form (msg);
  const char *endpoint = strrchr (path, '/') ? strrchr (path, '/') + 1 : path;
  const char *sign = g_hash_table_lookup (fields, "sign");
  g_autofree char *body = NULL;
  guint index = fixture->requests++;
  guint status = 200;

  fixture->in_flight++;
  fixture->max_in_flight = MAX (fixture->max_in_flight, fixture->in_flight);
  g_hash_table_add (fixture->client_ports, GUINT_TO_POINTER (g_inet_socket_address_get_port (
                      G_INET_SOCKET_ADDRESS (soup_server_message_get_remote_address (msg)))));
  g_ptr_array_add (fixture->endpoints, g_strdup (endpoint));
  if (sign != NULL)
    g_ptr_array_add (fixture->signs, g_strdup (sign));

  if (fixture->hold_forever)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (fixture->held, g_object_ref (msg));
      return;
    }

  if (fixture->n_script > 0)
    {
      const Reply *reply = &fixture->script[MIN (index, fixture->n_script - 1)];

      status = reply->status;
      body = g_strdup (reply->body);
    }
  else if (g_strcmp0 (endpoint, "face_info") == 0)
    body = g_strdup_printf ("{\"request_id\":\"%u,r\",\"time_used\":1,\"info\":{\"face_token\":\"%s\","
                            "\"user_id\":\"u\",\"user_data\":\"d\",\"add_time\":1769739690208}}",
                            index, (char *)g_hash_table_lookup (fields, "face_token"));
  else if (fixture->echo_sign)
    body = g_strdup_printf ("{\"request_id\":\"%u,r\",\"time_used\":1,\"result\":[],\"debug\":\"%s\"}",
                            index, sign ? sign : "");
  else
    body = g_strdup_printf ("{\"request_id\":\"%u,r\",\"time_used\":1,\"result\":[],\"group_infos\":[]}", index);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));

  if (fixture->settle_ms > 0)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (fixture->held, g_object_ref (msg));
      g_clear_handle_id (&fixture->settle_id, g_source_remove);
      fixture->settle_id = g_timeout_add (fixture->settle_ms, on_settled, fixture);
      return;
    }

  fixture->in_flight--;
}

static LineupClient *
client_for (const char *base_url)
{
  g_autoptr(LineupSigner) signer = lineup_signer_new (TEST_KEY, TEST_SECRET);
  LineupClient *client = lineup_client_new (base_url, signer);

  lineup_client_set_retries (client, 2, 5);
  return client;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *uri = NULL;

  fixture->signs = g_ptr_array_new_with_free_func (g_free);
  fixture->endpoints = g_ptr_array_new_with_free_func (g_free);
  fixture->held = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->client_ports = g_hash_table_new (NULL, NULL);

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  uri = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);
  fixture->base_url = g_strconcat (uri, "finauth/search/group", NULL);
  g_assert_true (g_str_has_prefix (fixture->base_url, "http://127.0.0.1:"));

  fixture->client = client_for (fixture->base_url);
  g_string_truncate (captured_log, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_handle_id (&fixture->settle_id, g_source_remove);
  soup_server_disconnect (fixture->server);
  g_ptr_array_unref (fixture->held);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->base_url, g_free);
  g_ptr_array_unref (fixture->signs);
  g_ptr_array_unref (fixture->endpoints);
  g_hash_table_unref (fixture->client_ports);
  /* let the closed connections wind down */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static LineupImage *
test_image (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autoptr(GError) error = NULL;
  LineupImage *image;

  gdk_pixbuf_fill (pixbuf, 0x806040ff);
  image = lineup_image_new_from_pixbuf (pixbuf, "probe.jpg", &error);
  g_assert_no_error (error);
  return image;
}

static LineupSearchResult *
run_search (Fixture       *fixture,
            LineupClient  *client,
            GCancellable  *cancellable,
            gboolean       base64,
            GError       **error)
{
  g_autoptr(LineupImage) image = test_image ();
  g_autoptr(GAsyncResult) result = NULL;
  LineupSearchOptions options = LINEUP_SEARCH_OPTIONS_INIT;

  options.limit = 3;
  options.send_base64 = base64;
  lineup_client_search_async (client, "group_1", image, &options, cancellable,
                              lineup_test_keep_result, &fixture->result);
  result = lineup_test_wait_result (&fixture->result);
  return lineup_client_search_finish (client, result, error);
}

static guint
n_exchanges (LineupClient *client)
{
  return g_list_model_get_n_items (lineup_client_get_exchanges (client));
}

static LineupExchange *
nth_exchange (LineupClient *client,
              guint         n)
{
  g_autoptr(LineupExchange) exchange = g_list_model_get_item (lineup_client_get_exchanges (client), n);

  return exchange;   /* the store keeps it alive */
}

/* Retries */

static void
test_retry_5xx (Fixture       *fixture,
                gconstpointer  data)
{
  static const Reply script[] = {
    { 500, "{\"request_id\":\"1,a\",\"time_used\":3,\"error\":\"INTERNAL_ERROR\"}" },
    { 502, "<html><body><h1>502 Bad Gateway</h1></body></html>" },
    { 200, "{\"request_id\":\"3,c\",\"time_used\":5,\"result\":[{\"face_token\":\"t\",\"group_id\":\"group_1\",\"score\":90}]}" },
  };
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->script = script;
  fixture->n_script = G_N_ELEMENTS (script);
  lineup_client_set_retries (fixture->client, 3, 5);

  result = run_search (fixture, fixture->client, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_search_result_get_request_id (result), ==, "3,c");
  g_assert_cmpuint (fixture->requests, ==, 3);

  g_assert_cmpuint (n_exchanges (fixture->client), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      LineupExchange *exchange = nth_exchange (fixture->client, i);

      g_assert_cmpuint (lineup_exchange_get_attempt (exchange), ==, i + 1);
      g_assert_cmpuint (lineup_exchange_get_status (exchange), ==, script[i].status);
      g_assert_cmpstr (lineup_exchange_get_response_body (exchange), ==, script[i].body);
      g_assert_true (lineup_exchange_get_finished (exchange));
      g_assert_cmpint (i < 2, ==, lineup_exchange_get_error (exchange) != NULL);
    }
  g_assert_cmpstr (lineup_exchange_get_request_id (nth_exchange (fixture->client, 0)), ==, "1,a");
  g_assert_cmpint (lineup_exchange_get_time_used (nth_exchange (fixture->client, 2)), ==, 5);
  /* every attempt is signed afresh */
  g_assert_cmpuint (fixture->signs->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (fixture->signs, 0), !=, g_ptr_array_index (fixture->signs, 1));
}

static void
test_retry_gives_up (Fixture       *fixture,
                     gconstpointer  data)
{
  static const Reply script[] = { { 503, "" } };
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->script = script;
  fixture->n_script = G_N_ELEMENTS (script);
  lineup_client_set_retries (fixture->client, 2, 5);

  result = run_search (fixture, fixture->client, NULL, FALSE, &error);
  g_assert_null (result);
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_SERVER);
  g_assert_cmpuint (lineup_api_error_get_http_status (error), ==, 503);
  g_assert_cmpuint (fixture->requests, ==, 3);
}

static void
test_retry_concurrency_limit (Fixture       *fixture,
                              gconstpointer  data)
{
  static const Reply script[] = {
    { 403, "{\"request_id\":\"1,a\",\"time_used\":1,\"error\":\"CONCURRENCY_LIMIT_EXCEEDED\"}" },
    { 429, "Too Many Requests" },
    { 200, "{\"request_id\":\"3,c\",\"time_used\":1,\"result\":[]}" },
  };
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->script = script;
  fixture->n_script = G_N_ELEMENTS (script);
  result = run_search (fixture, fixture->client, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->requests, ==, 3);
}

static void
test_retry_never_4xx (Fixture       *fixture,
                      gconstpointer  data)
{
  static const Reply cases[] = {
    { 400, "{\"request_id\":\"1,a\",\"time_used\":1,\"error\":\"BAD_ARGUMENTS\"}" },
    { 400, "{\"request_id\":\"1,a\",\"time_used\":1,\"error\":\"INVALID_GROUP_ID\"}" },
    { 401, "{\"request_id\":\"1,a\",\"time_used\":1,\"error\":\"AUTHENTICATION_ERROR\"}" },
    { 403, "{\"error\":\"AUTHORIZATION_ERROR\"}" },
    { 404, "{\"error\":\"API_NOT_FOUND\"}" },
    { 413, "<html>Request Entity Too Large</html>" },
    { 400, "{\"error\":\"INTERNAL_ERROR\"}" },
    { 400, "{\"error\":\"SOMETHING_UNKNOWN\"}" },
    { 200, "this is not JSON" },
  };

  lineup_client_set_retries (fixture->client, 3, 5);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LineupSearchResult) result = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("HTTP %u %s", cases[i].status, cases[i].body);
      fixture->requests = 0;
      fixture->script = &cases[i];
      fixture->n_script = 1;
      result = run_search (fixture, fixture->client, NULL, FALSE, &error);
      g_assert_null (result);
      g_assert_nonnull (error);
      g_assert_cmpuint (fixture->requests, ==, 1);
    }
}

static guint
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_listener_close (listener);
  return port;
}

static void
test_retry_network_error (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/finauth/search/group", closed_port ());
  g_autoptr(LineupClient) client = client_for (url);
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = run_search (fixture, client, NULL, FALSE, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  /* the first try and two retries, each recorded without a status */
  g_assert_cmpuint (n_exchanges (client), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpuint (lineup_exchange_get_status (nth_exchange (client, i)), ==, 0);
      g_assert_null (lineup_exchange_get_response_body (nth_exchange (client, i)));
    }
}

static LineupFace *
run_add (Fixture       *fixture,
         LineupClient  *client,
         GError       **error)
{
  g_autoptr(LineupImage) image = test_image ();
  g_autoptr(GAsyncResult) result = NULL;

  lineup_client_add_face_async (client, "group_1", image, "user_01", NULL, LINEUP_ADD_FACE_FLAGS_NONE, NULL,
                                lineup_test_keep_result, &fixture->result);
  result = lineup_test_wait_result (&fixture->result);
  return lineup_client_add_face_finish (client, result, error);
}

/* A write that may have been carried out is not sent twice: a second
 * add would enrol the face twice. */
static void
test_retry_writes (Fixture       *fixture,
                   gconstpointer  data)
{
  static const Reply server_error[] = {
    { 500, "{\"request_id\":\"1,a\",\"error\":\"INTERNAL_ERROR\"}" },
    { 200, "{\"request_id\":\"2,b\",\"face_token\":\"t2\"}" },
  };
  static const Reply gateway[] = {
    { 502, "<html>Bad Gateway</html>" },
    { 200, "{\"request_id\":\"2,b\",\"group_id\":\"g\"}" },
  };
  static const Reply busy[] = {
    { 403, "{\"request_id\":\"1,a\",\"error\":\"CONCURRENCY_LIMIT_EXCEEDED\"}" },
    { 200, "{\"request_id\":\"2,b\",\"face_token\":\"t2\"}" },
  };
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/finauth/search/group", closed_port ());
  g_autoptr(LineupClient) dead = client_for (url);
  g_autoptr(LineupFace) face = NULL;
  g_autoptr(GError) error = NULL;

  lineup_client_set_retries (fixture->client, 3, 5);

  fixture->script = server_error;
  fixture->n_script = G_N_ELEMENTS (server_error);
  face = run_add (fixture, fixture->client, &error);
  /* not sent again, and not reported as a plain failure either */
  g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_OUTCOME_UNKNOWN);
  g_assert_cmpstr (lineup_api_error_get_api_code (error), ==, "INTERNAL_ERROR");
  g_assert_cmpuint (lineup_api_error_get_http_status (error), ==, 500);
  g_assert_nonnull (strstr (error->message, "may have been added: check with list before retrying"));
  g_assert_false (lineup_api_error_is_transient (error));
  g_assert_cmpuint (fixture->requests, ==, 1);
  g_clear_error (&error);

  /* create, likewise */
  fixture->requests = 0;
  fixture->script = gateway;
  fixture->n_script = G_N_ELEMENTS (gateway);
  {
    g_autoptr(GAsyncResult) res = NULL;
    g_autoptr(LineupGroup) group = NULL;

    lineup_client_create_group_async (fixture->client, "g", "Name", NULL, NULL, NULL,
                                      lineup_test_keep_result, &fixture->result);
    res = lineup_test_wait_result (&fixture->result);
    group = lineup_client_create_group_finish (fixture->client, res, &error);
    g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_OUTCOME_UNKNOWN);
    g_assert_nonnull (strstr (error->message, "may have been created: check with groups"));
    g_assert_cmpuint (fixture->requests, ==, 1);
    g_clear_error (&error);
  }

  /* refused for being busy: surely not carried out, so sent again */
  fixture->requests = 0;
  fixture->script = busy;
  fixture->n_script = G_N_ELEMENTS (busy);
  face = run_add (fixture, fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lineup_face_get_face_token (face), ==, "t2");
  g_assert_cmpuint (fixture->requests, ==, 2);
  g_clear_object (&face);

  /* no connection at all: likewise */
  face = run_add (fixture, dead, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_cmpuint (n_exchanges (dead), ==, 3);   /* the first try and two retries */
}

/* Reads reuse kept-alive connections; libsoup would otherwise open a new
 * one for every POST. */
static void
test_keep_alive (Fixture       *fixture,
                 gconstpointer  data)
{
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(LineupSearchResult) result = NULL;
      g_autoptr(GAsyncResult) res = NULL;
      g_autoptr(LineupFace) face = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *token = g_strdup_printf ("t%u", i);

      result = run_search (fixture, fixture->client, NULL, FALSE, &error);
      g_assert_no_error (error);
      lineup_client_face_info_async (fixture->client, "group_1", token, NULL,
                                     lineup_test_keep_result, &fixture->result);
      res = lineup_test_wait_result (&fixture->result);
      face = lineup_client_face_info_finish (fixture->client, res, &error);
      g_assert_no_error (error);
    }

  g_assert_cmpuint (fixture->requests, ==, 12);
  g_assert_cmpuint (g_hash_table_size (fixture->client_ports), ==, 1);
}

/* Time-outs */

static void
test_timeout_total (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(LineupImage) image = test_image ();

  fixture->hold_forever = TRUE;
  lineup_client_set_timeouts (fixture->client, 15, 1);
  lineup_client_set_retries (fixture->client, 0, 5);

  lineup_client_search_async (fixture->client, "group_1", image, NULL, NULL,
                              lineup_test_keep_result, &fixture->result);
  /* a bound, not a measurement: the attempt gives up after about 1 s */
  LINEUP_TEST_WAIT_FOR (fixture->result != NULL, 10);
  res = g_steal_pointer (&fixture->result);
  result = lineup_client_search_finish (fixture->client, res, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpuint (fixture->requests, ==, 1);
  g_assert_cmpuint (n_exchanges (fixture->client), ==, 1);
  g_assert_cmpuint (lineup_exchange_get_status (nth_exchange (fixture->client, 0)), ==, 0);
}

static void
test_timeout_io (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(LineupImage) image = test_image ();

  /* no total limit: the connection's own I/O time-out ends it */
  fixture->hold_forever = TRUE;
  lineup_client_set_timeouts (fixture->client, 1, 0);
  lineup_client_set_retries (fixture->client, 0, 5);

  lineup_client_search_async (fixture->client, "group_1", image, NULL, NULL,
                              lineup_test_keep_result, &fixture->result);
  LINEUP_TEST_WAIT_FOR (fixture->result != NULL, 10);
  res = g_steal_pointer (&fixture->result);
  result = lineup_client_search_finish (fixture->client, res, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}

/* Cancellation */

static void
test_cancel_in_flight (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LineupImage) image = test_image ();
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;

  fixture->hold_forever = TRUE;
  lineup_client_set_timeouts (fixture->client, 60, 60);
  lineup_client_search_async (fixture->client, "group_1", image, NULL, cancellable,
                              lineup_test_keep_result, &fixture->result);
  LINEUP_TEST_WAIT_FOR (fixture->requests == 1, 10);

  g_cancellable_cancel (cancellable);
  /* prompt: far inside the 60 s the service would be given */
  LINEUP_TEST_WAIT_FOR (fixture->result != NULL, 5);
  res = g_steal_pointer (&fixture->result);
  result = lineup_client_search_finish (fixture->client, res, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->requests, ==, 1);
  /* the cancelled attempt is recorded too */
  g_assert_cmpuint (n_exchanges (fixture->client), ==, 1);
  g_assert_nonnull (lineup_exchange_get_error (nth_exchange (fixture->client, 0)));
}

static void
test_cancel_during_backoff (Fixture       *fixture,
                            gconstpointer  data)
{
  static const Reply script[] = { { 500, "{\"error\":\"INTERNAL_ERROR\"}" } };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LineupImage) image = test_image ();
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;

  fixture->script = script;
  fixture->n_script = 1;
  lineup_client_set_retries (fixture->client, 5, 20000);
  lineup_client_search_async (fixture->client, "group_1", image, NULL, cancellable,
                              lineup_test_keep_result, &fixture->result);
  LINEUP_TEST_WAIT_FOR (n_exchanges (fixture->client) == 1, 10);

  /* now waiting at least 10 s before the retry */
  g_cancellable_cancel (cancellable);
  LINEUP_TEST_WAIT_FOR (fixture->result != NULL, 5);
  res = g_steal_pointer (&fixture->result);
  result = lineup_client_search_finish (fixture->client, res, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->requests, ==, 1);
}

static void
test_cancel_before_start (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  result = run_search (fixture, fixture->client, cancellable, FALSE, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->requests, ==, 0);
  g_assert_cmpuint (n_exchanges (fixture->client), ==, 0);
}

/* Bounded fan-out */

static void
check_fan_out (Fixture *fixture,
               guint    expected_width)
{
  g_autoptr(GListStore) matches = g_list_store_new (LINEUP_TYPE_MATCH);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;

  /* 48 rows, 24 distinct faces: one face_info per face */
  for (guint i = 0; i < 48; i++)
    {
      g_autofree char *token = g_strdup_printf ("token%02u", i % 24);
      g_autoptr(LineupMatch) match = lineup_match_new (i + 1, token, "group_1", 99 - i);

      g_list_store_append (matches, match);
    }

  fixture->settle_ms = 150;
  lineup_client_fetch_faces_async (fixture->client, G_LIST_MODEL (matches), NULL,
                                   lineup_test_keep_result, &fixture->result);
  res = lineup_test_wait_result (&fixture->result);
  g_assert_true (lineup_client_fetch_faces_finish (fixture->client, res, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (fixture->requests, ==, 24);
  g_assert_cmpuint (fixture->max_in_flight, ==, expected_width);
  for (guint i = 0; i < 48; i++)
    {
      g_autoptr(LineupMatch) match = g_list_model_get_item (G_LIST_MODEL (matches), i);

      g_assert_nonnull (lineup_match_get_face (match));
      g_assert_cmpstr (lineup_face_get_face_token (lineup_match_get_face (match)), ==,
                       lineup_match_get_face_token (match));
    }
}

static void
test_fan_out_default (Fixture       *fixture,
                      gconstpointer  data)
{
  g_assert_cmpuint (lineup_client_get_max_concurrency (fixture->client), ==, 8);
  check_fan_out (fixture, 8);
}

static void
test_fan_out_configured (Fixture       *fixture,
                         gconstpointer  data)
{
  lineup_client_set_max_concurrency (fixture->client, 3);
  check_fan_out (fixture, 3);
}

/* Transport policy */

static void
test_insecure_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const refused[] = {
    "http://api-sgp.yljz.com/finauth/search/group",
    "http://127.0.0.1.example.com/x",
    "http://localhost.example.com/x",
    "http://10.0.0.1/x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(LineupClient) client = client_for (refused[i]);
      g_autoptr(LineupSearchResult) result = NULL;
      g_autoptr(GError) error = NULL;

      result = run_search (fixture, client, NULL, FALSE, &error);
      g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INSECURE_TRANSPORT);
      g_assert_cmpuint (n_exchanges (client), ==, 0);
      g_assert_null (strstr (error->message, TEST_SECRET));
    }

  g_assert_true (lineup_uri_is_loopback ("http://127.0.0.1:8080/x"));
  g_assert_true (lineup_uri_is_loopback ("http://127.3.4.5/x"));
  g_assert_true (lineup_uri_is_loopback ("http://[::1]:8080/x"));
  g_assert_true (lineup_uri_is_loopback ("http://LOCALHOST/x"));
  g_assert_false (lineup_uri_is_loopback ("http://127.0.0.1.example.com/x"));
  g_assert_false (lineup_uri_is_loopback ("http://localhost.example.com/x"));
  g_assert_false (lineup_uri_is_loopback ("http://user@example.com/127.0.0.1"));
  g_assert_false (lineup_uri_is_loopback ("not a url"));

  /* plain HTTP to loopback is fine */
  {
    g_autoptr(LineupSearchResult) result = NULL;
    g_autoptr(GError) error = NULL;

    result = run_search (fixture, fixture->client, NULL, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (fixture->requests, ==, 1);
  }
}

/* An HTTPS listener on loopback that only does the TLS handshake: the
 * client must refuse its self-signed certificate, so no request is ever
 * made. Not a SoupServer: libsoup up to 3.6.5 frees a server connection
 * whose handshake is still running when the server goes away, and then
 * touches it when the handshake ends (fixed in 3.6.6); here the test
 * waits for the server's side of each handshake to end. */
typedef struct {
  GTlsCertificate *certificate;
  guint            accepted;
  guint            finished;
  guint            failed;
} TlsListener;

static void
tls_handshake_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  TlsListener *listener = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, &error))
    listener->failed++;
  listener->finished++;
  g_io_stream_close (G_IO_STREAM (source), NULL, NULL);
}

static gboolean
on_tls_incoming (GSocketService    *service,
                 GSocketConnection *connection,
                 GObject           *source_object,
                 gpointer           user_data)
{
  TlsListener *listener = user_data;
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GError) error = NULL;

  tls = g_tls_server_connection_new (G_IO_STREAM (connection), listener->certificate, &error);
  g_assert_no_error (error);
  listener->accepted++;
  /* the task holds a reference on tls until the handshake ends */
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, NULL,
                                    tls_handshake_done, listener);
  return TRUE;
}

static void
test_tls_verified (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(LineupClient) client = NULL;
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  TlsListener listener = { NULL };

  certificate = g_tls_certificate_new_from_pem (test_cert_pem, -1, &error);
  g_assert_no_error (error);
  listener.certificate = certificate;
  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (service), any_port, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error));
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (on_tls_incoming), &listener);
  g_socket_service_start (service);
  url = g_strdup_printf ("https://127.0.0.1:%u/finauth/search/group",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  client = client_for (url);
  lineup_client_set_retries (client, 3, 5);
  lineup_client_set_allow_insecure (client, TRUE);   /* still no way round the certificate */
  result = run_search (fixture, client, NULL, FALSE, &error);
  g_assert_null (result);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  /* refused during the handshake, on one connection: a certificate
   * problem is not retried */
  g_assert_cmpuint (n_exchanges (client), ==, 1);
  g_assert_cmpuint (listener.accepted, ==, 1);
  while (listener.finished < listener.accepted)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (listener.failed, ==, 1);
  g_assert_cmpuint (fixture->requests, ==, 0);

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

static GListModel *
list_faces_finish_no_next (LineupClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  return lineup_client_list_faces_finish (client, result, NULL, error);
}

/* Nothing is sent when validation fails, for any endpoint. */
static void
test_validation_sends_nothing (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(LineupImage) image = test_image ();
  g_autofree char *long_name = g_strnfill (61, 'n');
  g_autofree char *long_data = g_strnfill (129, 'd');
  const char *no_tokens[] = { NULL };
  const char *bad_tokens[] = { "a,b", NULL };
  LineupSearchOptions options = LINEUP_SEARCH_OPTIONS_INIT;
  guint n_calls = 0;

#define EXPECT_INVALID(call, finish)                                          \
  G_STMT_START {                                                              \
    g_autoptr(GAsyncResult) _res = NULL;                                      \
    g_autoptr(GError) _error = NULL;                                          \
    gpointer _value;                                                          \
    call;                                                                     \
    _res = lineup_test_wait_result (&fixture->result);                        \
    _value = GSIZE_TO_POINTER ((gsize)finish (fixture->client, _res, &_error)); \
    g_assert_null (_value);                                                   \
    g_assert_error (_error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT); \
    n_calls++;                                                                \
  } G_STMT_END

#define CB NULL, lineup_test_keep_result, &fixture->result

  options.limit = 101;
  EXPECT_INVALID (lineup_client_search_async (fixture->client, "g", image, &options, CB),
                  lineup_client_search_finish);
  options.limit = 1;
  options.threshold = 100.5;
  EXPECT_INVALID (lineup_client_search_async (fixture->client, "g", image, &options, CB),
                  lineup_client_search_finish);
  EXPECT_INVALID (lineup_client_face_info_async (fixture->client, "bad id", "t", CB),
                  lineup_client_face_info_finish);
  EXPECT_INVALID (lineup_client_face_info_async (fixture->client, "g", "", CB),
                  lineup_client_face_info_finish);
  EXPECT_INVALID (lineup_client_group_info_async (fixture->client, "", CB),
                  lineup_client_group_info_finish);
  EXPECT_INVALID (lineup_client_create_group_async (fixture->client, "g/1", "Name", NULL, NULL, CB),
                  lineup_client_create_group_finish);
  EXPECT_INVALID (lineup_client_create_group_async (fixture->client, "g", "", NULL, NULL, CB),
                  lineup_client_create_group_finish);
  EXPECT_INVALID (lineup_client_create_group_async (fixture->client, "g", long_name, NULL, NULL, CB),
                  lineup_client_create_group_finish);
  EXPECT_INVALID (lineup_client_create_group_async (fixture->client, "g", "Name", long_data, NULL, CB),
                  lineup_client_create_group_finish);
  EXPECT_INVALID (lineup_client_delete_group_async (fixture->client, "a b", TRUE, CB),
                  lineup_client_delete_group_finish);
  EXPECT_INVALID (lineup_client_add_face_async (fixture->client, "g", image, "", NULL, 0, CB),
                  lineup_client_add_face_finish);
  EXPECT_INVALID (lineup_client_add_face_async (fixture->client, "g", image, "user 1", NULL, 0, CB),
                  lineup_client_add_face_finish);
  EXPECT_INVALID (lineup_client_add_face_async (fixture->client, "g", image, "u", long_data, 0, CB),
                  lineup_client_add_face_finish);
  EXPECT_INVALID (lineup_client_delete_faces_async (fixture->client, "g", no_tokens, CB),
                  lineup_client_delete_faces_finish);
  EXPECT_INVALID (lineup_client_delete_faces_async (fixture->client, "g", bad_tokens, CB),
                  lineup_client_delete_faces_finish);
  EXPECT_INVALID (lineup_client_list_faces_async (fixture->client, "g", 1001, 10, CB),
                  list_faces_finish_no_next);
  EXPECT_INVALID (lineup_client_list_faces_async (fixture->client, "g", 1, 1001, CB),
                  list_faces_finish_no_next);

#undef CB
#undef EXPECT_INVALID

  g_assert_cmpuint (n_calls, ==, 17);
  g_assert_cmpuint (fixture->requests, ==, 0);
  g_assert_cmpuint (n_exchanges (fixture->client), ==, 0);
}

/* Secrets */

static void
assert_clean (const char *text,
              Fixture    *fixture,
              const char *what)
{
  if (text == NULL)
    return;
  if (strstr (text, TEST_SECRET) != NULL)
    g_error ("The secret appears in %s: %s", what, text);
  for (guint i = 0; i < fixture->signs->len; i++)
    if (strstr (text, g_ptr_array_index (fixture->signs, i)) != NULL)
      g_error ("A sign appears in %s: %s", what, text);
}

static void
on_exchange_finished (LineupClient   *client,
                      LineupExchange *exchange,
                      guint          *count)
{
  (*count)++;
}

static void
test_secrets_never_shown (Fixture       *fixture,
                          gconstpointer  data)
{
  static const Reply auth_failure[] = {
    { 401, "{\"request_id\":\"9,z\",\"error\":\"AUTHENTICATION_ERROR\"}" },
  };
  g_autoptr(LineupImage) image = test_image ();
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);
  GListModel *exchanges = lineup_client_get_exchanges (fixture->client);
  guint signalled = 0;

  g_signal_connect (fixture->client, "exchange-finished", G_CALLBACK (on_exchange_finished), &signalled);

  /* a reply that echoes the sign it got */
  fixture->echo_sign = TRUE;
  {
    g_autoptr(LineupSearchResult) result = NULL;
    g_autoptr(GError) error = NULL;

    result = run_search (fixture, fixture->client, NULL, FALSE, &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    result = run_search (fixture, fixture->client, NULL, TRUE, &error);
    g_assert_no_error (error);
  }
  fixture->echo_sign = FALSE;

  /* an add with user_data */
  {
    g_autoptr(GAsyncResult) res = NULL;
    g_autoptr(LineupFace) face = NULL;
    GError *error = NULL;
    static const Reply added[] = { { 200, "{\"request_id\":\"5,e\",\"face_token\":\"new\"}" } };

    fixture->script = added;
    fixture->n_script = 1;
    lineup_client_add_face_async (fixture->client, "group_1", image, "user_01", "Private Person",
                                  LINEUP_ADD_FACE_FLAGS_ROTATE, NULL, lineup_test_keep_result, &fixture->result);
    res = lineup_test_wait_result (&fixture->result);
    face = lineup_client_add_face_finish (fixture->client, res, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (lineup_face_get_face_token (face), ==, "new");
  }

  /* the service refuses the signature; a network failure */
  {
    g_autoptr(LineupSearchResult) result = NULL;
    g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/finauth/search/group", closed_port ());
    g_autoptr(LineupClient) dead = client_for (url);
    GError *error = NULL;

    fixture->script = auth_failure;
    result = run_search (fixture, fixture->client, NULL, FALSE, &error);
    g_assert_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_AUTHENTICATION);
    g_ptr_array_add (errors, error);
    error = NULL;
    g_clear_object (&result);
    result = run_search (fixture, dead, NULL, FALSE, &error);
    g_assert_nonnull (error);
    g_ptr_array_add (errors, error);
    for (guint i = 0; i < n_exchanges (dead); i++)
      {
        g_autofree char *text = lineup_exchange_to_text (nth_exchange (dead, i));
        assert_clean (text, fixture, "an exchange");
      }
  }

  g_assert_cmpuint (fixture->signs->len, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (exchanges), ==, 4);
  g_assert_cmpuint (signalled, ==, 4);

  for (guint i = 0; i < g_list_model_get_n_items (exchanges); i++)
    {
      LineupExchange *exchange = nth_exchange (fixture->client, i);
      g_autofree char *text = lineup_exchange_to_text (exchange);
      const GError *error = lineup_exchange_get_error (exchange);

      assert_clean (lineup_exchange_get_request_description (exchange), fixture, "a description");
      assert_clean (lineup_exchange_get_curl_command (exchange), fixture, "a curl command");
      assert_clean (lineup_exchange_get_response_body (exchange), fixture, "a reply");
      assert_clean (text, fixture, "an exchange");
      assert_clean (error ? error->message : NULL, fixture, "an error");
      g_assert_nonnull (strstr (lineup_exchange_get_request_description (exchange), "sign: <redacted>\n"));
      g_assert_nonnull (strstr (lineup_exchange_get_curl_command (exchange), "'sign=<redacted>'"));
      /* user_data is personal: shown by length only */
      g_assert_null (strstr (text, "Private Person"));
    }
  /* the echoed sign was cut out of the reply */
  g_assert_nonnull (strstr (lineup_exchange_get_response_body (nth_exchange (fixture->client, 0)),
                            "\"debug\":\"<redacted>\""));

  for (guint i = 0; i < errors->len; i++)
    assert_clean (((GError *)g_ptr_array_index (errors, i))->message, fixture, "an error");

  assert_clean (captured_log->str, fixture, "the log");
  g_assert_null (strstr (captured_log->str, "Private Person"));
  /* the debug log does describe the requests, with the sign redacted */
  g_assert_nonnull (strstr (captured_log->str, "sign=<redacted>"));
  g_assert_nonnull (strstr (captured_log->str, "POST search"));

  g_signal_handlers_disconnect_by_func (fixture->client, on_exchange_finished, &signalled);
}

static void
test_exchange_description (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(LineupImage) image = test_image ();
  g_autoptr(LineupSearchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_line = NULL;
  LineupExchange *exchange;
  const char *description, *curl;

  result = run_search (fixture, fixture->client, NULL, FALSE, &error);
  g_assert_no_error (error);
  exchange = nth_exchange (fixture->client, 0);
  description = lineup_exchange_get_request_description (exchange);
  curl = lineup_exchange_get_curl_command (exchange);

  g_assert_cmpstr (lineup_exchange_get_endpoint (exchange), ==, "search");
  g_assert_cmpstr (lineup_exchange_get_method (exchange), ==, "POST");
  g_assert_true (g_str_has_suffix (lineup_exchange_get_url (exchange), "/finauth/search/group/search"));
  g_assert_true (g_str_has_prefix (description, "POST http://127.0.0.1:"));
  g_assert_nonnull (strstr (description, "\ngroup_id: group_1\n"));
  g_assert_nonnull (strstr (description, "\nlimit: 3\n"));
  g_assert_nonnull (strstr (description, "\nmulti_oriented_detection: 0\n"));
  g_assert_nonnull (strstr (description, "\nsign_version: hmac_sha1\n"));
  file_line = g_strdup_printf ("\nfile: probe.jpg (%s, %" G_GSIZE_FORMAT " bytes)\n",
                               lineup_image_get_content_type (image),
                               g_bytes_get_size (lineup_image_get_bytes (image)));
  g_assert_nonnull (strstr (description, file_line));
  /* what was done to the photo is part of the record */
  g_assert_nonnull (strstr (description, "\nimage: probe.jpg, "));

  g_assert_true (g_str_has_prefix (curl, "curl "));
  g_assert_nonnull (strstr (curl, "--form-string 'group_id=group_1'"));
  g_assert_nonnull (strstr (curl, "-F 'file=@probe.jpg;type="));
  g_assert_true (g_str_has_suffix (curl, "/finauth/search/group/search'"));

  g_assert_cmpuint (lineup_exchange_get_status (exchange), ==, 200);
  g_assert_cmpstr (lineup_exchange_get_request_id (exchange), ==, "0,r");
  g_assert_cmpint (lineup_exchange_get_time_used (exchange), ==, 1);
  g_assert_cmpint (lineup_exchange_get_duration_ms (exchange), >=, 0);
  g_assert_nonnull (lineup_exchange_get_started (exchange));
  g_assert_true (g_str_has_prefix (lineup_exchange_get_response_body (exchange), "{\"request_id\":\"0,r\""));

  /* Base64: the field is described by its length, not dumped */
  g_clear_object (&result);
  result = run_search (fixture, fixture->client, NULL, TRUE, &error);
  g_assert_no_error (error);
  description = lineup_exchange_get_request_description (nth_exchange (fixture->client, 1));
  g_assert_nonnull (strstr (description, "\nimage: <Base64 image: "));
  g_assert_null (strstr (description, "\nfile: "));
  g_assert_cmpuint (strlen (description), <, 1000);
}

/* The list cap keeps a flood of requests from growing memory. */
static void
test_exchange_cap (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < LINEUP_CLIENT_MAX_EXCHANGES + 5; i++)
    {
      g_autoptr(GAsyncResult) res = NULL;
      g_autoptr(GListModel) groups = NULL;
      g_autoptr(GError) error = NULL;

      lineup_client_group_list_async (fixture->client, NULL, lineup_test_keep_result, &fixture->result);
      res = lineup_test_wait_result (&fixture->result);
      groups = lineup_client_group_list_finish (fixture->client, res, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (n_exchanges (fixture->client), ==, LINEUP_CLIENT_MAX_EXCHANGES);
  g_assert_cmpstr (lineup_exchange_get_request_id (nth_exchange (fixture->client, 0)), ==, "5,r");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  previous_log_handler = g_log_set_default_handler (capture_handler, NULL);
  g_log_set_debug_enabled (TRUE);

#define ADD(path, func) \
  g_test_add ("/lineup/api/transport/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("retry/5xx", test_retry_5xx);
  ADD ("retry/gives-up", test_retry_gives_up);
  ADD ("retry/concurrency-limit", test_retry_concurrency_limit);
  ADD ("retry/never-4xx", test_retry_never_4xx);
  ADD ("retry/network-error", test_retry_network_error);
  ADD ("retry/writes", test_retry_writes);
  ADD ("keep-alive", test_keep_alive);
  ADD ("timeout/total", test_timeout_total);
  ADD ("timeout/io", test_timeout_io);
  ADD ("cancel/in-flight", test_cancel_in_flight);
  ADD ("cancel/during-backoff", test_cancel_during_backoff);
  ADD ("cancel/before-start", test_cancel_before_start);
  ADD ("fan-out/default", test_fan_out_default);
  ADD ("fan-out/configured", test_fan_out_configured);
  ADD ("policy/insecure-refused", test_insecure_refused);
  ADD ("policy/tls-verified", test_tls_verified);
  ADD ("validation-sends-nothing", test_validation_sends_nothing);
  ADD ("secrets-never-shown", test_secrets_never_shown);
  ADD ("exchange/description", test_exchange_description);
  ADD ("exchange/cap", test_exchange_cap);
#undef ADD

  return g_test_run ();
}
