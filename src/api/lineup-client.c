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

/* The transport: signs each request, sends it as multipart/form-data,
 * bounds it in time, retries what may succeed on a second try and turns
 * every reply into a JsonObject or a GError. Each attempt is recorded as
 * a redacted LineupExchange for a request inspector. The endpoints live
 * in lineup-client-*.c. */
struct _LineupClient
{
  GObject       parent_instance;
  char         *base_url;
  LineupSigner *signer;
  SoupSession  *session;
  GHashTable   *face_cache;
  GListStore   *exchanges;
  guint         connect_timeout;
  guint         total_timeout;
  guint         max_retries;
  guint         retry_base_ms;
  guint         max_concurrency;
  guint         allow_insecure : 1;
};

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
  g_clear_pointer (&self->face_cache, g_hash_table_unref);
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
  self->face_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->exchanges = g_list_store_new (LINEUP_TYPE_EXCHANGE);
}

static void
update_session (LineupClient *self)
{
  g_clear_object (&self->session);
  /* libsoup allows two connections per host by default, which would
   * serialise a face_info fan-out. */
  self->session = soup_session_new_with_options ("max-conns", MAX (self->max_concurrency, 2u) * 2,
                                                 "max-conns-per-host", MAX (self->max_concurrency, 2u),
                                                 "timeout", self->connect_timeout,
                                                 "idle-timeout", 60,
                                                 "user-agent", "Lineup/" PACKAGE_VERSION " ",
                                                 NULL);
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

GHashTable *
_lineup_client_get_face_cache (LineupClient *self)
{
  return self->face_cache;
}

/* The face cache's key: the unit separator cannot be in an id or token. */
char *
_lineup_client_cache_key (const char *group_id,
                          const char *face_token)
{
  return g_strconcat (group_id, "\x1f", face_token, NULL);
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

static void
record_exchange (LineupClient   *self,
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
  g_free (call->group_id);
  g_free (call->face_token);
  g_free (call);
}

/* Sending */

typedef struct
{
  LineupCall     *call;
  LineupExchange *exchange;      /* of the attempt under way */
  char           *sign;          /* of the attempt under way, wiped after */
  GCancellable   *attempt_cancellable;
  gulong          chain_id;
  GSource        *timeout_source;
  guint           attempt;
  gboolean        timed_out;
} CallState;

static void
wipe_sign (CallState *state)
{
  if (state->sign != NULL)
    explicit_bzero (state->sign, strlen (state->sign));
  g_clear_pointer (&state->sign, g_free);
}

static void
call_state_end_attempt (CallState    *state,
                        GCancellable *outer)
{
  if (state->chain_id != 0)
    g_cancellable_disconnect (outer, state->chain_id);
  state->chain_id = 0;
  if (state->timeout_source != NULL)
    g_source_destroy (state->timeout_source);
  g_clear_pointer (&state->timeout_source, g_source_unref);
  g_clear_object (&state->attempt_cancellable);
}

static void
call_state_free (gpointer data)
{
  CallState *state = data;

  /* The outer cancellable is gone with the task by now. */
  g_assert (state->chain_id == 0);
  if (state->timeout_source != NULL)
    g_source_destroy (state->timeout_source);
  g_clear_pointer (&state->timeout_source, g_source_unref);
  g_clear_object (&state->attempt_cancellable);
  g_clear_object (&state->exchange);
  wipe_sign (state);
  _lineup_call_free (state->call);
  g_free (state);
}

static void attempt (GTask *task);

/* The sign goes into the wire body only; @sign_out keeps it so the reply
 * can be scrubbed of it, and the caller wipes it. */
static SoupMessage *
build_message (LineupClient  *self,
               LineupCall    *call,
               char         **url_out,
               char         **sign_out,
               GError       **error)
{
  g_autofree char *url = g_strconcat (self->base_url, "/", call->endpoint, NULL);
  g_autofree char *sign = NULL;
  g_autoptr(GUri) uri = NULL;
  SoupMultipart *multipart;
  SoupMessage *message;
  const char *scheme;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      g_set_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INVALID_INPUT,
                   _("“%s” is not a valid service address."), self->base_url);
      return NULL;
    }
  if (g_strcmp0 (scheme, "http") == 0 && !self->allow_insecure && !lineup_uri_is_loopback (url))
    {
      g_set_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_INSECURE_TRANSPORT,
                   _("Lineup will not send credentials over unencrypted HTTP to “%s”. Use an https:// address."),
                   g_uri_get_host (uri));
      return NULL;
    }

  if (!(sign = lineup_signer_sign (self->signer)))
    {
      g_set_error_literal (error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_CREDENTIALS,
                           _("The request could not be signed."));
      return NULL;
    }

  multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  for (guint i = 0; i < call->names->len; i++)
    soup_multipart_append_form_string (multipart, g_ptr_array_index (call->names, i),
                                       g_ptr_array_index (call->values, i));
  soup_multipart_append_form_string (multipart, "sign", sign);
  soup_multipart_append_form_string (multipart, "sign_version", LINEUP_SIGN_VERSION);
  if (call->file != NULL)
    soup_multipart_append_form_file (multipart, "file", call->file_name, call->file_type, call->file);

  message = soup_message_new_from_multipart (url, multipart);
  soup_multipart_free (multipart);
  /* libsoup opens a fresh connection for every POST unless told that
   * sending it twice is harmless; reads may then use kept-alive ones. */
  if (call->idempotent)
    soup_message_add_flags (message, SOUP_MESSAGE_IDEMPOTENT);

  *url_out = g_steal_pointer (&url);
  *sign_out = g_steal_pointer (&sign);
  return message;
}

static gboolean
on_attempt_timeout (gpointer user_data)
{
  GTask *task = user_data;
  CallState *state = g_task_get_task_data (task);

  state->timed_out = TRUE;
  g_cancellable_cancel (state->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_outer_cancelled (GCancellable *outer,
                    GCancellable *attempt_cancellable)
{
  g_cancellable_cancel (attempt_cancellable);
}

static gboolean
on_retry_due (GCancellable *cancellable,
              gpointer      user_data)
{
  attempt (g_object_ref (G_TASK (user_data)));
  return G_SOURCE_REMOVE;
}

static guint
backoff_ms (LineupClient *self,
            guint         attempt_number)
{
  guint32 jitter = 0;
  guint delay = self->retry_base_ms << MIN (attempt_number, 10u);

  /* Jitter keeps clients that failed together from retrying together. */
  if (getrandom (&jitter, sizeof jitter, GRND_NONBLOCK) != sizeof jitter)
    jitter = (guint32)g_get_monotonic_time ();
  return delay / 2 + jitter % MAX (delay / 2, 1u);
}

/* A write (add, create, free, delete) that timed out, lost its
 * connection or got a 5xx may have been carried out: sending it again
 * could enrol a face twice. It is resent only when it surely was not. */
static gboolean
surely_not_carried_out (const GError *error)
{
  return g_error_matches (error, LINEUP_API_ERROR, LINEUP_API_ERROR_CONCURRENCY_LIMIT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE);
}

static gboolean
maybe_retry (GTask        *task,
             const GError *error)
{
  LineupClient *self = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);
  GSource *source;
  guint delay;

  if (state->attempt > self->max_retries || !lineup_api_error_is_transient (error) ||
      (!state->call->idempotent && !surely_not_carried_out (error)) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return FALSE;

  delay = backoff_ms (self, state->attempt - 1);
  g_debug ("%s failed (%s); retry %u in %u ms", state->call->endpoint, error->message,
           state->attempt, delay);

  /* One source that fires at the deadline or at once on cancel. */
  source = g_cancellable_source_new (g_task_get_cancellable (task));
  g_source_set_ready_time (source, g_get_monotonic_time () + (gint64)delay * 1000);
  g_source_set_callback (source, G_SOURCE_FUNC (on_retry_due), g_object_ref (task), g_object_unref);
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);

  return TRUE;
}

static void
finish_exchange (LineupClient *self,
                 CallState    *state,
                 guint         status,
                 GBytes       *body,
                 JsonObject   *root,
                 const GError *error)
{
  g_autoptr(LineupExchange) exchange = g_steal_pointer (&state->exchange);
  g_autofree char *request_id = NULL;
  gint64 time_used = -1;

  if (root != NULL)
    {
      request_id = lineup_reply_dup_text (root, "request_id");
      time_used = lineup_reply_get_int (root, "time_used", -1);
    }
  else if (error != NULL)
    {
      request_id = g_strdup (lineup_api_error_get_request_id (error));
      time_used = lineup_api_error_get_time_used (error);
    }

  _lineup_exchange_finish (exchange, status, body, request_id, time_used, error, state->sign);
  wipe_sign (state);
  record_exchange (self, exchange);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  g_autoptr(GTask) task = user_data;
  CallState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JsonObject *root = NULL;
  SoupMessage *message;
  guint status;

  body = soup_session_send_and_read_finish (session, result, &error);
  message = soup_session_get_async_result_message (session, result);
  status = message ? soup_message_get_status (message) : 0;
  call_state_end_attempt (state, g_task_get_cancellable (task));

  if (body == NULL)
    {
      if (state->timed_out && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        {
          g_clear_error (&error);
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       _("The service did not answer in time."));
        }
      g_debug ("POST %s: %s", state->call->endpoint, error->message);
    }
  else
    {
      g_debug ("POST %s -> HTTP %u, %" G_GSIZE_FORMAT " bytes",
               state->call->endpoint, status, g_bytes_get_size (body));
      root = lineup_reply_check (status, body, state->call->group_id, state->call->face_token, &error);
    }

  finish_exchange (LINEUP_CLIENT (g_task_get_source_object (task)), state, status, body, root, error);

  if (body == NULL && g_task_return_error_if_cancelled (task))
    return;

  if (root != NULL)
    {
      g_task_return_pointer (task, root, (GDestroyNotify)json_object_unref);
      return;
    }

  if (maybe_retry (task, error))
    return;

  g_task_return_error (task, g_steal_pointer (&error));
}

static void
attempt (GTask *task)
{
  LineupClient *self = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);
  GCancellable *outer = g_task_get_cancellable (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (!(message = build_message (self, state->call, &url, &state->sign, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  state->attempt++;
  state->exchange = _lineup_exchange_new (state->call, url, state->attempt);
  g_debug ("%s", _lineup_exchange_get_summary (state->exchange));
  state->timed_out = FALSE;
  state->attempt_cancellable = g_cancellable_new ();
  if (outer != NULL)
    state->chain_id = g_cancellable_connect (outer, G_CALLBACK (on_outer_cancelled),
                                             state->attempt_cancellable, NULL);
  if (self->total_timeout > 0)
    {
      state->timeout_source = g_timeout_source_new_seconds (self->total_timeout);
      g_source_set_callback (state->timeout_source, on_attempt_timeout, task, NULL);
      g_source_attach (state->timeout_source, g_task_get_context (task));
    }

  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    state->attempt_cancellable, send_cb, task);
}

/**
 * _lineup_client_call_async:
 * @call: (transfer full): the request
 */
void
_lineup_client_call_async (LineupClient        *self,
                           LineupCall          *call,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  CallState *state;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _lineup_client_call_async);
  state = g_new0 (CallState, 1);
  state->call = call;
  g_task_set_task_data (task, state, call_state_free);

  attempt (task);
}

/**
 * _lineup_client_call_finish:
 *
 * Returns: (transfer full): the reply's top-level object
 */
JsonObject *
_lineup_client_call_finish (LineupClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
