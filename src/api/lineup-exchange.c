/* lineup-exchange.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-exchange"

#include "config.h"

#include <string.h>

#include "lineup-exchange-private.h"
#include "lineup-signer.h"

/* One attempt of one request, as a request inspector shows it: what was
 * sent, redacted, and what came back. Redaction happens here and only
 * here, when the exchange is built, so nothing that reads an exchange can
 * see the sign: it is never among the call's fields (the transport adds
 * it to the wire body alone) and a reply that echoes it has it replaced.
 * user_data is personal data and is shown by length only, like image
 * bytes. */

#define REDACTED "<redacted>"

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

LineupExchange *
_lineup_exchange_new (LineupCall *call,
                      const char *url,
                      guint       attempt)
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

static char *
replace_all (const char *text,
             const char *needle,
             const char *replacement)
{
  GString *out = g_string_new (NULL);
  gsize needle_len = strlen (needle);
  const char *p = text, *hit;

  while ((hit = strstr (p, needle)) != NULL)
    {
      g_string_append_len (out, p, hit - p);
      g_string_append (out, replacement);
      p = hit + needle_len;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

/**
 * _lineup_exchange_finish:
 * @status: the HTTP status, 0 when no reply came
 * @body: (nullable): the reply's body
 * @error: (nullable): how the attempt failed
 * @sign: (nullable): the sign this attempt sent, to cut out of the reply
 */
void
_lineup_exchange_finish (LineupExchange *self,
                         guint           status,
                         GBytes         *body,
                         const char     *request_id,
                         gint64          time_used,
                         const GError   *error,
                         const char     *sign)
{
  g_return_if_fail (LINEUP_IS_EXCHANGE (self));
  g_return_if_fail (!self->finished);

  self->duration_ms = (g_get_monotonic_time () - self->started_monotonic) / 1000;
  self->status = status;
  self->request_id = g_strdup (request_id);
  self->time_used = time_used;
  self->error = error ? g_error_copy (error) : NULL;

  if (body != NULL)
    {
      gsize len;
      const char *data = g_bytes_get_data (body, &len);
      g_autofree char *text = NULL;

      self->response_size = len;
      text = g_utf8_make_valid (data ? data : "", MIN (len, LINEUP_EXCHANGE_MAX_BODY));
      if (sign != NULL && *sign != '\0' && strstr (text, sign) != NULL)
        {
          char *redacted = replace_all (text, sign, REDACTED);

          g_free (text);
          text = redacted;
        }
      if (len > LINEUP_EXCHANGE_MAX_BODY)
        {
          char *cut = g_strdup_printf ("%s\n… (%" G_GSIZE_FORMAT " more bytes)", text,
                                       len - LINEUP_EXCHANGE_MAX_BODY);

          g_free (text);
          text = cut;
        }
      self->response_body = g_steal_pointer (&text);
    }

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
      if (self->response_body != NULL)
        g_string_append_printf (text, "\n%s\n", self->response_body);
    }

  return g_string_free (text, FALSE);
}
