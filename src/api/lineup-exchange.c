/* lineup-exchange.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-exchange"

#include "config.h"

#include <string.h>

#include "lineup-exchange-private.h"
#include "lineup-reply-private.h"
#include "lineup-signer-private.h"

/* One attempt of one request, as a request inspector shows it: what was
 * sent, redacted, and what came back. Redaction happens here and only
 * here. The sign is never among the call's fields (the transport adds it
 * to the wire body alone), and every reply enters the process through
 * _lineup_exchange_receive(), which cuts the sign and the secret out of
 * it however they are escaped before anything parses it: the error
 * messages, request ids and results made from it are clean, and so is
 * whatever shows them (the inspector, curl commands, --verbose, exports).
 * Other texts from the service (a redirect's Location) go through
 * _lineup_exchange_redact(). user_data is personal data and is shown by
 * length only, like image bytes. */

#define REDACTED "<redacted>"

/* Shorter needles would match ordinary text of a reply (a secret
 * "result" would wreck every search); real signs are ~100 characters
 * and secrets 32. */
#define MIN_NEEDLE 12

struct _LineupExchange
{
  GObject    parent_instance;
  char      *endpoint;
  char      *url;
  guint      attempt;
  GDateTime *started;
  gint64     started_monotonic;
  char      *description;
  char      *curl;
  char      *summary;
  gint64     duration_ms;
  guint      status;
  char      *response_body;
  gsize      response_size;
  char      *request_id;
  gint64     time_used;
  GError    *error;
  GPtrArray *warnings;
  GDateTime *server_date;
  GTlsCertificateFlags tls_errors;
  char      *sign;       /* of this attempt, wiped when it finishes */
  LineupSigner *signer;  /* for its secret, dropped when it finishes */
  guint      finished : 1;
};

enum {
  PROP_0,
  PROP_ENDPOINT,
  PROP_URL,
  PROP_ATTEMPT,
  PROP_FINISHED,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LineupExchange, lineup_exchange, G_TYPE_OBJECT)

static void
forget_secrets (LineupExchange *self)
{
  if (self->sign != NULL)
    explicit_bzero (self->sign, strlen (self->sign));
  g_clear_pointer (&self->sign, g_free);
  g_clear_object (&self->signer);
}

static void
lineup_exchange_finalize (GObject *object)
{
  LineupExchange *self = (LineupExchange *)object;

  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->curl, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->response_body, g_free);
  g_clear_pointer (&self->request_id, g_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->server_date, g_date_time_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  forget_secrets (self);

  G_OBJECT_CLASS (lineup_exchange_parent_class)->finalize (object);
}

static void
lineup_exchange_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LineupExchange *self = LINEUP_EXCHANGE (object);

  switch (prop_id)
    {
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_ATTEMPT:
      g_value_set_uint (value, self->attempt);
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_exchange_class_init (LineupExchangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_exchange_finalize;
  object_class->get_property = lineup_exchange_get_property;

  properties[PROP_ENDPOINT] =
    g_param_spec_string ("endpoint", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ATTEMPT] =
    g_param_spec_uint ("attempt", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_exchange_init (LineupExchange *self)
{
  self->time_used = -1;
  self->duration_ms = -1;
  self->warnings = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

/* How a field's value may be shown; NULL means as it is. */
static char *
shown_value (const char *name,
             const char *value)
{
  if (strcmp (name, "sign") == 0)
    return g_strdup (REDACTED);
  if (strcmp (name, "user_data") == 0)
    {
      glong n = g_utf8_validate (value, -1, NULL) ? g_utf8_strlen (value, -1) : (glong)strlen (value);

      return g_strdup_printf ("<redacted: %ld characters>", n);
    }
  if (strcmp (name, "image") == 0)
    return g_strdup_printf ("<Base64 image: %" G_GSIZE_FORMAT " characters>", strlen (value));
  return NULL;
}

/**
 * _lineup_exchange_new:
 * @sign: (nullable): the sign this attempt sends, to cut out of replies
 * @signer: (nullable): whose secret to cut out of replies
 */
LineupExchange *
_lineup_exchange_new (LineupCall   *call,
                      const char   *url,
                      guint         attempt,
                      const char   *sign,
                      LineupSigner *signer)
{
  LineupExchange *self = g_object_new (LINEUP_TYPE_EXCHANGE, NULL);
  g_autofree char *quoted_url = g_shell_quote (url);
  GString *description = g_string_new (NULL);
  GString *curl = g_string_new ("curl -sS -X POST");
  GString *summary = g_string_new (NULL);

  self->endpoint = g_strdup (call->endpoint);
  self->url = g_strdup (url);
  self->attempt = attempt;
  self->started = g_date_time_new_now_utc ();
  self->started_monotonic = g_get_monotonic_time ();
  self->sign = g_strdup (sign);
  self->signer = signer ? g_object_ref (signer) : NULL;

  g_string_append_printf (description, "POST %s\nContent-Type: multipart/form-data\n", url);
  g_string_append_printf (summary, "POST %s (attempt %u):", call->endpoint, attempt);

  for (guint i = 0; i <= call->names->len; i++)
    {
      /* The transport appends sign and sign_version after the call's own
       * fields; describe them in the same place. */
      const char *name = i < call->names->len ? g_ptr_array_index (call->names, i) : "sign";
      const char *value = i < call->names->len ? g_ptr_array_index (call->values, i) : "";
      g_autofree char *shown = shown_value (name, value);
      g_autofree char *arg = NULL;
      g_autofree char *quoted = NULL;

      g_string_append_printf (description, "%s: %s\n", name, shown ? shown : value);
      g_string_append_printf (summary, " %s=%s", name, shown ? shown : value);
      arg = g_strdup_printf ("%s=%s", name, shown ? shown : value);
      quoted = g_shell_quote (arg);
      /* --form-string: a value starting with @ or < is not a file name */
      g_string_append_printf (curl, " --form-string %s", quoted);
    }
  g_string_append (description, "sign_version: " LINEUP_SIGN_VERSION "\n");
  g_string_append (summary, " sign_version=" LINEUP_SIGN_VERSION);
  g_string_append (curl, " --form-string sign_version=" LINEUP_SIGN_VERSION);

  if (call->file != NULL)
    {
      const char *file_name = call->file_name ? call->file_name : "image";
      g_autofree char *arg = g_strdup_printf ("file=@%s;type=%s", file_name,
                                              call->file_type ? call->file_type : "application/octet-stream");
      g_autofree char *quoted = g_shell_quote (arg);

      g_string_append_printf (description, "file: %s (%s, %" G_GSIZE_FORMAT " bytes)\n", file_name,
                              call->file_type ? call->file_type : "?", g_bytes_get_size (call->file));
      g_string_append_printf (summary, " file=%s (%s, %" G_GSIZE_FORMAT " bytes)", file_name,
                              call->file_type ? call->file_type : "?", g_bytes_get_size (call->file));
      g_string_append_printf (curl, " -F %s", quoted);
    }
  if (call->image_note != NULL)
    g_string_append_printf (description, "image: %s\n", call->image_note);
  g_string_append_printf (curl, " %s", quoted_url);

  self->description = g_string_free (description, FALSE);
  self->curl = g_string_free (curl, FALSE);
  self->summary = g_string_free (summary, FALSE);

  return self;
}

/* A one-line form of the request for g_debug. */
const char *
_lineup_exchange_get_summary (LineupExchange *self)
{
  return self->summary;
}

/* Redaction */

/* Returns: how many bytes at @p spell @c in one of the ways a reply may
 * carry a character of a sign (JSON, C and URL escapes, their doubled
 * forms, HTML character references, Base64url, a form-decoded '+'), or 0 */
static gsize
match_char (const char *p,
            const char *end,
            char        c)
{
  const char *q = p;

  if (p >= end)
    return 0;
  if (*p == c || (c == '+' && (*p == '-' || *p == ' ')) || (c == '/' && *p == '_'))
    return 1;

  if (*p == '\\')
    {
      while (q < end && *q == '\\')
        q++;
      if (q < end && *q == c)
        return q + 1 - p;
      if (q < end && *q == 'u' && _lineup_hex_value (q + 1, end, 4) == (guchar)c)
        return q + 5 - p;
      if (q < end && *q == 'x' && _lineup_hex_value (q + 1, end, 2) == (guchar)c)
        return q + 3 - p;
      return 0;
    }

  if (*p == '%')
    {
      if (_lineup_hex_value (p + 1, end, 2) == (guchar)c)
        return 3;
      if (end - p >= 5 && p[1] == '2' && p[2] == '5' && _lineup_hex_value (p + 3, end, 2) == (guchar)c)
        return 5;
      return 0;
    }

  if (*p == '&' && end - p > 3 && p[1] == '#')
    {
      gboolean hex = p[2] == 'x' || p[2] == 'X';
      guint64 value = 0;

      for (q = p + (hex ? 3 : 2); q < end && g_ascii_isxdigit (*q) && (hex || g_ascii_isdigit (*q)); q++)
        if ((value = value * (hex ? 16 : 10) + g_ascii_xdigit_value (*q)) > 255)
          return 0;
      if (q < end && *q == ';' && q > p + (hex ? 3 : 2) && value == (guchar)c)
        return q + 1 - p;
    }

  return 0;
}

/* Returns: the length of @needle's spelling at @p, or 0. Base64 padding
 * at its end may be left out. */
static gsize
match_needle (const char *p,
              const char *end,
              const char *needle)
{
  const char *q = p;

  for (const char *n = needle; *n; n++)
    {
      gsize len = match_char (q, end, *n);

      if (len == 0)
        {
          if (*n == '=' && strspn (n, "=") == strlen (n))
            break;
          return 0;
        }
      q += len;
    }
  return q - p;
}

/* Returns: (transfer full) (nullable): @text without @needles, or %NULL
 * if none of them is in it */
static char *
redact_len (const char         *text,
            gsize               len,
            const char * const *needles,
            gsize              *out_len)
{
  const char *end = text + len;
  GString *out = NULL;
  const char *copied = text;

  for (const char *p = text; p < end;)
    {
      gsize hit = 0;

      for (guint i = 0; needles[i] != NULL && hit == 0; i++)
        hit = match_needle (p, end, needles[i]);
      if (hit == 0)
        {
          p++;
          continue;
        }
      if (out == NULL)
        out = g_string_sized_new (len);
      g_string_append_len (out, copied, p - copied);
      g_string_append (out, REDACTED);
      p += hit;
      copied = p;
    }

  if (out == NULL)
    return NULL;
  g_string_append_len (out, copied, end - copied);
  if (out_len != NULL)
    *out_len = out->len;
  return g_string_free (out, FALSE);
}

static void
get_needles (LineupExchange *self,
             const char     *needles[3])
{
  const char *secret = self->signer ? _lineup_signer_peek_secret (self->signer) : NULL;
  guint n = 0;

  if (self->sign != NULL && strlen (self->sign) >= MIN_NEEDLE)
    needles[n++] = self->sign;
  if (secret != NULL && strlen (secret) >= MIN_NEEDLE)
    needles[n++] = secret;
  needles[n] = NULL;
}

/**
 * _lineup_exchange_redact:
 * @text: (nullable): something the service sent outside the body, such as
 *   a header
 *
 * Returns: (transfer full) (nullable): @text without this attempt's sign
 *   and the secret, however escaped
 */
char *
_lineup_exchange_redact (LineupExchange *self,
                         const char     *text)
{
  const char *needles[3];
  char *redacted;

  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), NULL);

  if (text == NULL)
    return NULL;
  get_needles (self, needles);
  redacted = redact_len (text, strlen (text), needles, NULL);
  return redacted ? redacted : g_strdup (text);
}

/**
 * _lineup_exchange_receive:
 * @body: the reply's body as it came, or as much of it as was read
 * @complete: whether that was all of it
 *
 * Keeps the reply for inspection (cut after %LINEUP_EXCHANGE_MAX_BODY
 * bytes) and redacts it.
 *
 * Returns: (transfer full): the body to parse: @body without this
 *   attempt's sign and the secret
 */
GBytes *
_lineup_exchange_receive (LineupExchange *self,
                          GBytes         *body,
                          gboolean        complete)
{
  const char *needles[3];
  g_autofree char *redacted = NULL;
  g_autofree char *text = NULL;
  GBytes *clean;
  const char *data;
  gsize len;

  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), NULL);
  g_return_val_if_fail (body != NULL, NULL);

  data = g_bytes_get_data (body, &len);
  self->response_size = len;
  get_needles (self, needles);
  if ((redacted = redact_len (data ? data : "", len, needles, &len)))
    clean = g_bytes_new_take (g_steal_pointer (&redacted), len);
  else
    clean = g_bytes_ref (body);

  data = g_bytes_get_data (clean, &len);
  text = g_utf8_make_valid (data ? data : "", MIN (len, LINEUP_EXCHANGE_MAX_BODY));
  if (len > LINEUP_EXCHANGE_MAX_BODY || !complete)
    {
      char *cut = len > LINEUP_EXCHANGE_MAX_BODY
        ? g_strdup_printf ("%s\n… (%" G_GSIZE_FORMAT " more bytes%s)", text, len - LINEUP_EXCHANGE_MAX_BODY,
                           complete ? "" : ", and the rest was not read")
        : g_strdup_printf ("%s\n… (the rest was not read)", text);

      g_free (text);
      text = cut;
    }
  g_free (self->response_body);
  self->response_body = g_steal_pointer (&text);

  return clean;
}

/**
 * _lineup_exchange_add_warning:
 * @warning: something wrong with the reply that did not fail the call,
 *   such as more results than asked for, for people to read
 */
void
_lineup_exchange_add_warning (LineupExchange *self,
                              const char     *warning)
{
  g_return_if_fail (LINEUP_IS_EXCHANGE (self));
  g_return_if_fail (!self->finished);

  g_debug ("%s: %s", self->endpoint, warning);
  g_ptr_array_add (self->warnings, g_strdup (warning));
}

/**
 * _lineup_exchange_finish:
 * @status: the HTTP status, 0 when no reply came
 * @request_id: (nullable): from the redacted reply
 * @error: (nullable): how the attempt failed, already made of redacted text
 */
void
_lineup_exchange_finish (LineupExchange *self,
                         guint           status,
                         const char     *request_id,
                         gint64          time_used,
                         const GError   *error)
{
  g_return_if_fail (LINEUP_IS_EXCHANGE (self));
  g_return_if_fail (!self->finished);

  self->duration_ms = (g_get_monotonic_time () - self->started_monotonic) / 1000;
  self->status = status;
  self->request_id = g_strdup (request_id);
  self->time_used = time_used;
  self->error = error ? g_error_copy (error) : NULL;
  forget_secrets (self);

  self->finished = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
}

const char *
lineup_exchange_get_endpoint (LineupExchange *self)
{
  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), NULL);
  return self->endpoint;
}

/**
 * lineup_exchange_get_method:
 *
 * Returns: "POST": every endpoint takes a form
 */
const char *
lineup_exchange_get_method (LineupExchange *self)
{
  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), NULL);
  return "POST";
}

const char *
lineup_exchange_get_url (LineupExchange *self)
{
  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), NULL);
  return self->url;
}

/**
 * lineup_exchange_get_attempt:
 *
 * Returns: 1 for the first try of a request, 2 for its first retry, …
 */
guint
lineup_exchange_get_attempt (LineupExchange *self)
{
  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), 0);
  return self->attempt;
}

/**
 * lineup_exchange_get_started:
 *
 * Returns: (transfer none): when the attempt began, in UTC
 */
GDateTime *
lineup_exchange_get_started (LineupExchange *self)
{
  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), NULL);
  return self->started;
}

/**
 * lineup_exchange_get_request_description:
 *
 * Returns: the method, URL and form fields, one per line, with the sign
 *   redacted, user_data and Base64 images shown by length and a file part
 *   by name, type and size
 */
const char *
lineup_exchange_get_request_description (LineupExchange *self)
{
  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), NULL);
  return self->description;
}

/**
 * lineup_exchange_get_curl_command:
 *
 * Returns: a curl command line for the same request, redacted like the
 *   description: replace the placeholders before running it
 */
const char *
lineup_exchange_get_curl_command (LineupExchange *self)
{
  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), NULL);
  return self->curl;
}

gboolean
lineup_exchange_get_finished (LineupExchange *self)
{
  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), FALSE);
  return self->finished;
}

/**
 * lineup_exchange_get_duration_ms:
 *
 * Returns: how long the attempt took, or -1 while it runs
 */
gint64
lineup_exchange_get_duration_ms (LineupExchange *self)
{
  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), -1);
  return self->duration_ms;
}

/**
 * lineup_exchange_get_status:
 *
 * Returns: the reply's HTTP status, or 0 if no reply came (network error,
 *   time-out, cancelled)
 */
guint
lineup_exchange_get_status (LineupExchange *self)
{
  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), 0);
  return self->status;
}

/**
 * lineup_exchange_get_response_body:
 *
 * The reply as the service sent it (made valid UTF-8, cut after
 * %LINEUP_EXCHANGE_MAX_BODY bytes). It holds what the service returns,
 * user_data included; it is never written to a log.
 *
 * Returns: (nullable): the reply's text, or %NULL if none came
 */
const char *
lineup_exchange_get_response_body (LineupExchange *self)
{
  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), NULL);
  return self->response_body;
}

/**
 * lineup_exchange_get_response_size:
 *
 * Returns: the size of the whole reply body in bytes
 */
gsize
lineup_exchange_get_response_size (LineupExchange *self)
{
  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), 0);
  return self->response_size;
}

/**
 * lineup_exchange_get_request_id:
 *
 * Returns: (nullable): the reply's request_id
 */
const char *
lineup_exchange_get_request_id (LineupExchange *self)
{
  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), NULL);
  return self->request_id;
}

/**
 * lineup_exchange_get_time_used:
 *
 * Returns: the reply's time_used in milliseconds, or -1
 */
/**
 * _lineup_exchange_set_server:
 * @date: (nullable): the reply's Date header, parsed
 * @tls_errors: what was wrong with the server's certificate, if it was
 *   refused
 *
 * For telling a wrong clock or a refused certificate apart from other
 * failures. Called before _lineup_exchange_finish().
 */
void
_lineup_exchange_set_server (LineupExchange       *self,
                             GDateTime            *date,
                             GTlsCertificateFlags  tls_errors)
{
  g_return_if_fail (LINEUP_IS_EXCHANGE (self));
  g_return_if_fail (!self->finished);

  g_clear_pointer (&self->server_date, g_date_time_unref);
  self->server_date = date ? g_date_time_ref (date) : NULL;
  self->tls_errors = tls_errors;
}

/**
 * lineup_exchange_get_server_date:
 *
 * Returns: (nullable): the server's clock, from the reply's Date header
 */
GDateTime *
lineup_exchange_get_server_date (LineupExchange *self)
{
  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), NULL);
  return self->server_date;
}

/**
 * lineup_exchange_get_tls_errors:
 *
 * Returns: the flags of a server certificate that was refused, or 0
 */
GTlsCertificateFlags
lineup_exchange_get_tls_errors (LineupExchange *self)
{
  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), 0);
  return self->tls_errors;
}

gint64
lineup_exchange_get_time_used (LineupExchange *self)
{
  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), -1);
  return self->time_used;
}

/**
 * lineup_exchange_get_error:
 *
 * Returns: (nullable): why this attempt failed
 */
const GError *
lineup_exchange_get_error (LineupExchange *self)
{
  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), NULL);
  return self->error;
}

/**
 * lineup_exchange_get_warnings:
 *
 * Returns: (transfer none) (array zero-terminated=1): what was wrong with
 *   the reply without failing the request (more results than asked for,
 *   scores outside 0–100); empty for most replies
 */
const char * const *
lineup_exchange_get_warnings (LineupExchange *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), NULL);
  /* an empty array may have no pdata at all */
  return self->warnings->pdata ? (const char * const *)self->warnings->pdata : none;
}

/**
 * lineup_exchange_to_text:
 *
 * Returns: (transfer full): the request description, the curl command and
 *   the reply, for copying into a bug report
 */
char *
lineup_exchange_to_text (LineupExchange *self)
{
  GString *text;

  g_return_val_if_fail (LINEUP_IS_EXCHANGE (self), NULL);

  text = g_string_new (self->description);
  g_string_append_printf (text, "\n%s\n\n", self->curl);
  if (!self->finished)
    g_string_append (text, "(no reply yet)\n");
  else
    {
      if (self->status != 0)
        g_string_append_printf (text, "HTTP %u, %" G_GSIZE_FORMAT " bytes, %" G_GINT64_FORMAT " ms\n",
                                self->status, self->response_size, self->duration_ms);
      if (self->error != NULL)
        g_string_append_printf (text, "Error: %s\n", self->error->message);
      for (guint i = 0; i < self->warnings->len; i++)
        g_string_append_printf (text, "Warning: %s\n", (const char *)g_ptr_array_index (self->warnings, i));
      if (self->response_body != NULL)
        g_string_append_printf (text, "\n%s\n", self->response_body);
    }

  return g_string_free (text, FALSE);
}
