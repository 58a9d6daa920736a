/* lineup-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-client"

#include "config.h"

#include <string.h>
#include <sys/random.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "lineup-client-private.h"
#include "lineup-error.h"
#include "lineup-exchange-private.h"
#include "lineup-reply.h"

/* The client object: its settings, its session, the face cache and the
 * record of finished exchanges, and the calls the endpoints build. The
 * transport (signing, sending, bounded reading, retries) is in
 * lineup-client-transport.c; the endpoints in lineup-client-*.c. */

enum {
  EXCHANGE_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LineupClient, lineup_client, G_TYPE_OBJECT)

static void
lineup_client_finalize (GObject *object)
{
  LineupClient *self = (LineupClient *)object;

  g_clear_pointer (&self->base_url, g_free);
  g_clear_object (&self->signer);
  g_clear_object (&self->session);
  g_clear_pointer (&self->face_cache, _lineup_face_cache_free);
  g_clear_object (&self->exchanges);

  G_OBJECT_CLASS (lineup_client_parent_class)->finalize (object);
}

static void
lineup_client_class_init (LineupClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_client_finalize;

  /**
   * LineupClient::exchange-finished:
   * @exchange: the attempt, redacted
   *
   * Emitted when an attempt of a request ends, however it ends: with a
   * reply, a network error, a time-out or a cancellation. Nothing is
   * emitted for a request refused before sending.
   */
  signals[EXCHANGE_FINISHED] =
    g_signal_new ("exchange-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LINEUP_TYPE_EXCHANGE);
}

static void
lineup_client_init (LineupClient *self)
{
  self->connect_timeout = 15;
  self->total_timeout = 60;
  self->max_retries = 2;
  self->retry_base_ms = 400;
  self->max_concurrency = 8;
  self->max_reply_size = LINEUP_CLIENT_DEFAULT_MAX_REPLY;
  self->face_cache = _lineup_face_cache_new (LINEUP_CLIENT_DEFAULT_FACE_CACHE);
  self->exchanges = g_list_store_new (LINEUP_TYPE_EXCHANGE);
}

static void
update_session (LineupClient *self)
{
  g_autoptr(GUri) uri = self->base_url ? g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL) : NULL;

  g_clear_object (&self->session);
  /* libsoup allows two connections per host by default, which would
   * serialise a face_info fan-out. */
  self->session = soup_session_new_with_options ("max-conns", MAX (self->max_concurrency, 2u) * 2,
                                                 "max-conns-per-host", MAX (self->max_concurrency, 2u),
                                                 "timeout", self->connect_timeout,
                                                 "idle-timeout", 60,
                                                 "user-agent", "Lineup/" PACKAGE_VERSION " ",
                                                 NULL);
  /* No gzip: a few KiB may inflate to gigabytes before any limit could
   * see them. Without the decoder nothing is advertised either; a reply
   * compressed all the same is refused. */
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);
  /* Over plain HTTP (the demo service on loopback, or --insecure) a proxy
   * would read the signed body in clear: never use one there. HTTPS may
   * go through one: it sees only a tunnel. */
  if (uri != NULL && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0)
    g_object_set (self->session, "proxy-resolver", NULL, NULL);
}

/**
 * lineup_client_new:
 * @base_url: such as %LINEUP_DEFAULT_BASE_URL; endpoints are appended
 * @signer: the account's signer
 */
LineupClient *
lineup_client_new (const char   *base_url,
                   LineupSigner *signer)
{
  LineupClient *self;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (LINEUP_IS_SIGNER (signer), NULL);

  self = g_object_new (LINEUP_TYPE_CLIENT, NULL);
  self->base_url = g_strdup (base_url);
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->signer = g_object_ref (signer);
  update_session (self);

  return self;
}

const char *
lineup_client_get_base_url (LineupClient *self)
{
  g_return_val_if_fail (LINEUP_IS_CLIENT (self), NULL);
  return self->base_url;
}

LineupSigner *
lineup_client_get_signer (LineupClient *self)
{
  g_return_val_if_fail (LINEUP_IS_CLIENT (self), NULL);
  return self->signer;
}

/**
 * lineup_client_set_allow_insecure:
 *
 * Plain HTTP is refused for anything but loopback unless allowed here.
 * Certificate checks are never turned off.
 */
void
lineup_client_set_allow_insecure (LineupClient *self,
                                  gboolean      allow)
{
  g_return_if_fail (LINEUP_IS_CLIENT (self));
  self->allow_insecure = !!allow;
}

/**
 * lineup_client_set_max_reply_size:
 * @bytes: the largest reply body accepted, at least 1 KiB
 *   (%LINEUP_CLIENT_DEFAULT_MAX_REPLY unless set)
 *
 * A longer reply is refused as soon as it passes the limit (or at once,
 * when its Content-Length says so), with %LINEUP_API_ERROR_REPLY_TOO_LARGE.
 */
void
lineup_client_set_max_reply_size (LineupClient *self,
                                  gsize         bytes)
{
  g_return_if_fail (LINEUP_IS_CLIENT (self));
  g_return_if_fail (bytes >= 1024);

  self->max_reply_size = bytes;
}

gsize
lineup_client_get_max_reply_size (LineupClient *self)
{
  g_return_val_if_fail (LINEUP_IS_CLIENT (self), 0);
  return self->max_reply_size;
}

/**
 * lineup_client_set_face_cache_size:
 * @faces: how many faces face_info keeps, the least recently used going
 *   first (%LINEUP_CLIENT_DEFAULT_FACE_CACHE unless set); 0 turns the
 *   cache off
 */
void
lineup_client_set_face_cache_size (LineupClient *self,
                                   guint         faces)
{
  g_return_if_fail (LINEUP_IS_CLIENT (self));
  _lineup_face_cache_set_capacity (self->face_cache, faces);
}

guint
lineup_client_get_face_cache_size (LineupClient *self)
{
  g_return_val_if_fail (LINEUP_IS_CLIENT (self), 0);
  return _lineup_face_cache_get_capacity (self->face_cache);
}

/**
 * lineup_client_set_timeouts:
 * @connect_seconds: for connecting and for each read or write
 * @total_seconds: for one whole attempt, upload and reply included
 */
void
lineup_client_set_timeouts (LineupClient *self,
                            guint         connect_seconds,
                            guint         total_seconds)
{
  g_return_if_fail (LINEUP_IS_CLIENT (self));

  self->connect_timeout = connect_seconds;
  self->total_timeout = total_seconds;
  update_session (self);
}

/**
 * lineup_client_set_retries:
 * @max_retries: further attempts after the first, for transient failures
 * @base_delay_ms: the first back-off; it doubles, with jitter, each time
 *
 * Reads are retried after network errors, 5xx replies and the
 * concurrency limit (lineup_api_error_is_transient()). Writes (add,
 * create, free, delete) only when the service surely did not act: the
 * concurrency limit, or no connection at all.
 */
void
lineup_client_set_retries (LineupClient *self,
                           guint         max_retries,
                           guint         base_delay_ms)
{
  g_return_if_fail (LINEUP_IS_CLIENT (self));

  self->max_retries = max_retries;
  self->retry_base_ms = base_delay_ms;
}

guint
lineup_client_get_max_concurrency (LineupClient *self)
{
  g_return_val_if_fail (LINEUP_IS_CLIENT (self), 0);
  return self->max_concurrency;
}

void
lineup_client_set_max_concurrency (LineupClient *self,
                                   guint         max_concurrency)
{
  g_return_if_fail (LINEUP_IS_CLIENT (self));
  g_return_if_fail (max_concurrency > 0);

  self->max_concurrency = max_concurrency;
  update_session (self);
}

SoupSession *
_lineup_client_get_session (LineupClient *self)
{
  return self->session;
}

/**
 * lineup_client_get_exchanges:
 *
 * The last %LINEUP_CLIENT_MAX_EXCHANGES finished attempts, oldest first,
 * for a request inspector. Each is redacted (see #LineupExchange).
 *
 * Returns: (transfer none): a list model of #LineupExchange
 */
GListModel *
lineup_client_get_exchanges (LineupClient *self)
{
  g_return_val_if_fail (LINEUP_IS_CLIENT (self), NULL);
  return G_LIST_MODEL (self->exchanges);
}

void
_lineup_client_record_exchange (LineupClient   *self,
                                LineupExchange *exchange)
{
  guint n;

  g_list_store_append (self->exchanges, exchange);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->exchanges));
  if (n > LINEUP_CLIENT_MAX_EXCHANGES)
    g_list_store_splice (self->exchanges, 0, n - LINEUP_CLIENT_MAX_EXCHANGES, NULL, 0);
  g_signal_emit (self, signals[EXCHANGE_FINISHED], 0, exchange);
}

/**
 * lineup_uri_is_loopback:
 *
 * Returns: whether @uri names this machine by a loopback address
 */
gboolean
lineup_uri_is_loopback (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  if (parsed == NULL || (host = g_uri_get_host (parsed)) == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* LineupCall */

LineupCall *
_lineup_call_new (const char *endpoint)
{
  static const char * const reads[] = { "search", "face_info", "group_list", "group_info", "list" };
  LineupCall *call = g_new0 (LineupCall, 1);

  call->endpoint = g_strdup (endpoint);
  call->idempotent = g_strv_contains ((const char * const *)reads, endpoint);
  call->names = g_ptr_array_new_with_free_func (g_free);
  call->values = g_ptr_array_new_with_free_func (g_free);
  return call;
}

/**
 * _lineup_call_new_for_group:
 *
 * A call about one library: sends group_id and names the library in its
 * error messages.
 */
LineupCall *
_lineup_call_new_for_group (const char *endpoint,
                            const char *group_id)
{
  LineupCall *call = _lineup_call_new (endpoint);

  call->group_id = g_strdup (group_id);
  _lineup_call_add (call, "group_id", group_id);
  return call;
}

void
_lineup_call_add (LineupCall *call,
                  const char *name,
                  const char *value)
{
  g_ptr_array_add (call->names, g_strdup (name));
  g_ptr_array_add (call->values, g_strdup (value));
}

void
_lineup_call_set_file (LineupCall *call,
                       GBytes     *bytes,
                       const char *file_name,
                       const char *content_type)
{
  g_clear_pointer (&call->file, g_bytes_unref);
  g_clear_pointer (&call->file_name, g_free);
  g_clear_pointer (&call->file_type, g_free);
  call->file = g_bytes_ref (bytes);
  call->file_name = g_strdup (file_name);
  call->file_type = g_strdup (content_type);
}

/**
 * _lineup_call_add_image:
 * @send_base64: send the Base64 `image` field instead of the `file` part
 */
void
_lineup_call_add_image (LineupCall  *call,
                        LineupImage *image,
                        gboolean     send_base64)
{
  GBytes *bytes = lineup_image_get_bytes (image);
  g_autofree char *description = lineup_image_dup_description (image);

  /* The source and what was done to it (turned, scaled, cropped) go into
   * the exchange record, so the inspector says exactly what was sent. */
  g_free (call->image_note);
  call->image_note = g_strdup_printf ("%s, %d×%d: %s", lineup_image_get_source_name (image),
                                      lineup_image_get_source_width (image),
                                      lineup_image_get_source_height (image), description);

  if (send_base64)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);
      g_autofree char *encoded = g_base64_encode (data, len);

      _lineup_call_add (call, "image", encoded);
    }
  else
    _lineup_call_set_file (call, bytes, lineup_image_get_filename (image),
                           lineup_image_get_content_type (image));
}

void
_lineup_call_free (LineupCall *call)
{
  if (call == NULL)
    return;
  g_free (call->endpoint);
  g_ptr_array_unref (call->names);
  g_ptr_array_unref (call->values);
  g_clear_pointer (&call->file, g_bytes_unref);
  g_free (call->file_name);
  g_free (call->file_type);
  g_free (call->image_note);
  g_free (call->group_id);
  g_free (call->face_token);
  g_free (call);
}

