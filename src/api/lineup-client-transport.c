/* lineup-client-transport.c
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
#include "lineup-error-text.h"
#include "lineup-exchange-private.h"
#include "lineup-reply.h"

/* The transport: signs each request, sends it as multipart/form-data,
 * bounds it in time and its reply in size (read as a stream, refused as
 * soon as it is too long), never follows a redirect, retries what may
 * succeed on a second try and turns every reply into a JsonObject or a
 * GError. Each attempt is recorded as a LineupExchange, through which
 * the reply enters the process redacted. */

#define READ_CHUNK 65536

typedef struct
{
  LineupCall     *call;
  LineupExchange *exchange;      /* of the attempt under way */
  char           *sign;          /* of the attempt under way, wiped after */
  GCancellable   *attempt_cancellable;
  gulong          chain_id;
  GSource        *timeout_source;
  SoupMessage    *message;       /* of the attempt under way, while its reply is read */
  GInputStream   *stream;
  GByteArray     *buffer;
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
close_stream (CallState *state)
{
  if (state->stream == NULL)
    return;
  /* Closing before the end drops the connection; that is the point. */
  g_input_stream_close_async (state->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&state->stream);
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
  close_stream (state);
  g_clear_object (&state->message);
  g_clear_pointer (&state->buffer, g_byte_array_unref);
  g_clear_object (&state->attempt_cancellable);
}

static void
call_state_free (gpointer data)
{
  CallState *state = data;

  /* The outer cancellable is gone with the task by now. */
  g_assert (state->chain_id == 0);
  call_state_end_attempt (state, NULL);
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
  /* A redirect would turn the signed POST into a body-less GET whose
   * reply looks like success, and could lead anywhere; it is reported
   * instead (see redirect_error()). */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);

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

/* Whether a write that failed so was surely not carried out: refused
 * before sending, refused by the service or a gateway in front of it
 * (3xx, 4xx), or never connected. Anything else, a 5xx or a broken or
 * missing reply after the request went out, leaves it open. */
static gboolean
surely_failed (const GError *error)
{
  guint status = lineup_api_error_get_http_status (error);

  if (surely_not_carried_out (error) || error->domain == G_RESOLVER_ERROR || error->domain == G_TLS_ERROR)
    return TRUE;
  if (error->domain == LINEUP_API_ERROR)
    return (status >= 300 && status < 500) ||
           (status == 0 && (error->code == LINEUP_API_ERROR_INVALID_INPUT ||
                            error->code == LINEUP_API_ERROR_NO_CREDENTIALS ||
                            error->code == LINEUP_API_ERROR_INSECURE_TRANSPORT ||
                            error->code == LINEUP_API_ERROR_BAD_IMAGE));
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_FAILED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_AUTH_FAILED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_NOT_ALLOWED);
}

/* A script that retries a plain failure would enrol a face twice: say
 * what to check first. */
static GError *
outcome_unknown (LineupCall *call,
                 GError     *error)
{
  g_autofree char *message = NULL;
  GError *unknown;

  if (call->idempotent || call->unknown_outcome == NULL || surely_failed (error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  if (!lineup_text_ends_sentence (error->message))
    /* Translators: the first part says what went wrong, the second what
     * to do, such as “The face may have been added: check with list
     * before retrying.” */
    message = g_strdup_printf (_("%s. %s"), error->message, call->unknown_outcome);
  else
    /* Translators: the same, when the first part already ends with a
     * full stop (“.” or “。”) */
    message = g_strdup_printf (_("%s %s"), error->message, call->unknown_outcome);
  unknown = lineup_api_error_new_full (LINEUP_API_ERROR_OUTCOME_UNKNOWN, lineup_api_error_get_http_status (error),
                                       lineup_api_error_get_api_code (error),
                                       lineup_api_error_get_request_id (error),
                                       lineup_api_error_get_time_used (error), message);
  g_error_free (error);
  return unknown;
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

  _lineup_exchange_finish (exchange, status, request_id, time_used, error);
  wipe_sign (state);
  _lineup_client_record_exchange (self, exchange);
}

static GError *
too_large_error (LineupClient *self,
                 guint         status)
{
  g_autofree char *limit = g_format_size_full (self->max_reply_size, G_FORMAT_SIZE_IEC_UNITS);
  /* Translators: the argument is a size, such as “4.0 MiB” */
  g_autofree char *text = g_strdup_printf (_("The service’s reply is too large (over %s); Lineup did not read it."),
                                           limit);

  return lineup_api_error_new_full (LINEUP_API_ERROR_REPLY_TOO_LARGE, status, NULL, NULL, -1, text);
}

/* Content decoding is off (see update_session()): a reply compressed
 * all the same would inflate without a bound if it were decoded. */
static GError *
encoding_error (SoupMessage *message,
                guint        status)
{
  const char *encoding = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                       "Content-Encoding");
  g_autofree char *text = NULL;

  if (encoding == NULL || g_ascii_strcasecmp (encoding, "identity") == 0)
    return NULL;
  text = g_strdup (_("The service sent a compressed reply, which Lineup did not ask for and does not read."));
  return lineup_api_error_new_full (LINEUP_API_ERROR_BAD_RESPONSE, status, NULL, NULL, -1, text);
}

/* Redirects are not followed (see build_message()); say where it
 * pointed, since that is the clue to a wrong service address. */
static GError *
redirect_error (CallState *state,
                guint      status)
{
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (state->message),
                                                       "Location");
  g_autofree char *redacted = _lineup_exchange_redact (state->exchange, location);
  g_autofree char *shown = NULL;
  g_autofree char *text = NULL;

  if (redacted == NULL)
    text = g_strdup_printf (_("The service answered with a redirect (HTTP %u), which Lineup does not follow. "
                              "Check the service address."), status);
  else
    {
      shown = g_utf8_make_valid (redacted, MIN (strlen (redacted), 300));
      text = g_strdup_printf (_("The service redirected the request to “%s” (HTTP %u). Lineup does not follow "
                                "redirects: check the service address."), shown, status);
    }
  return lineup_api_error_new_full (LINEUP_API_ERROR_REDIRECTED, status, NULL, NULL, -1, text);
}

/* The server's clock and a refused certificate, for the connection test. */
static void
note_server (LineupExchange *exchange,
             SoupMessage    *message)
{
  const char *date = soup_message_headers_get_one (soup_message_get_response_headers (message), "Date");
  g_autoptr(GDateTime) server_date = date ? soup_date_time_new_from_http_string (date) : NULL;

  _lineup_exchange_set_server (exchange, server_date, soup_message_get_tls_peer_certificate_errors (message));
}

/* Ends the attempt: @body is what was read of the reply (or %NULL if no
 * reply came), @error why reading stopped early. */
static void
complete_attempt (GTask   *task,
                  guint    status,
                  GBytes  *body,
                  gboolean complete,
                  GError  *error)
{
  LineupClient *self = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);
  g_autoptr(GBytes) clean = NULL;
  JsonObject *root = NULL;

  if (state->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_clear_error (&error);
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, _("The service did not answer in time."));
    }

  if (body != NULL)
    clean = _lineup_exchange_receive (state->exchange, body, complete);

  if (error == NULL && status >= 300 && status < 400)
    error = redirect_error (state, status);

  if (error != NULL)
    g_debug ("POST %s: %s", state->call->endpoint, error->message);
  else
    {
      g_debug ("POST %s -> HTTP %u, %" G_GSIZE_FORMAT " bytes",
               state->call->endpoint, status, g_bytes_get_size (clean));
      root = lineup_reply_check (status, clean, state->call->group_id, state->call->face_token, &error);
      if (root != NULL && state->call->inspect != NULL)
        {
          g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

          state->call->inspect (root, state->call->max_results, warnings);
          for (guint i = 0; i < warnings->len; i++)
            _lineup_exchange_add_warning (state->exchange, g_ptr_array_index (warnings, i));
        }
    }

  if (state->message != NULL)
    note_server (state->exchange, state->message);
  call_state_end_attempt (state, g_task_get_cancellable (task));
  finish_exchange (self, state, status, root, error);

  if (root != NULL)
    {
      g_task_return_pointer (task, root, (GDestroyNotify)json_object_unref);
      g_object_unref (task);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && g_task_return_error_if_cancelled (task))
    {
      g_error_free (error);
      g_object_unref (task);
      return;
    }

  if (!maybe_retry (task, error))
    g_task_return_error (task, outcome_unknown (state->call, g_steal_pointer (&error)));
  g_clear_error (&error);
  g_object_unref (task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  LineupClient *self = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);
  guint status = soup_message_get_status (state->message);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL || g_bytes_get_size (chunk) == 0)
    {
      g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&state->buffer));

      complete_attempt (task, status, body, error == NULL, error);
      return;
    }

  if (state->buffer->len + g_bytes_get_size (chunk) > self->max_reply_size)
    {
      g_autoptr(GBytes) body = NULL;

      g_debug ("POST %s: reply passed %" G_GSIZE_FORMAT " bytes; refused", state->call->endpoint,
               self->max_reply_size);
      g_byte_array_append (state->buffer, g_bytes_get_data (chunk, NULL),
                           MIN (g_bytes_get_size (chunk), LINEUP_EXCHANGE_MAX_BODY));
      body = g_byte_array_free_to_bytes (g_steal_pointer (&state->buffer));
      complete_attempt (task, status, body, FALSE, too_large_error (self, status));
      return;
    }

  g_byte_array_append (state->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (state->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   state->attempt_cancellable, read_cb, task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  GTask *task = user_data;
  LineupClient *self = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);
  GError *error = NULL;
  SoupMessageHeaders *headers;
  guint status;

  state->stream = soup_session_send_finish (session, result, &error);
  g_set_object (&state->message, soup_session_get_async_result_message (session, result));
  status = state->message ? soup_message_get_status (state->message) : 0;
  if (state->stream == NULL)
    {
      complete_attempt (task, 0, NULL, FALSE, error);
      return;
    }

  headers = soup_message_get_response_headers (state->message);
  if ((error = encoding_error (state->message, status)) == NULL &&
      soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset)self->max_reply_size)
    error = too_large_error (self, status);
  if (error != NULL)
    {
      g_autoptr(GBytes) nothing = g_bytes_new (NULL, 0);

      complete_attempt (task, status, nothing, FALSE, error);
      return;
    }

  state->buffer = g_byte_array_new ();
  g_input_stream_read_bytes_async (state->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   state->attempt_cancellable, read_cb, task);
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
  state->exchange = _lineup_exchange_new (state->call, url, state->attempt, state->sign, self->signer);
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

  soup_session_send_async (self->session, message, G_PRIORITY_DEFAULT,
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
