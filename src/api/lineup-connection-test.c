/* lineup-connection-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-connection-test"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lineup-connection-test.h"
#include "lineup-error.h"
#include "lineup-error-text.h"

/* "Test Connection": one group_list, and what its failure most likely
 * means, in words an operator can act on. A refused signature is put
 * down to the clock when the server's Date header is further from our
 * clock than a signature is valid; both times are kept to show. */
struct _LineupConnectionOutcome
{
  GObject                 parent_instance;
  LineupConnectionStatus  status;
  guint                   n_groups;
  GDateTime              *server_time;
  GDateTime              *local_time;
  GError                 *error;
  char                   *title;
  char                   *detail;
};

G_DEFINE_FINAL_TYPE (LineupConnectionOutcome, lineup_connection_outcome, G_TYPE_OBJECT)

static void
lineup_connection_outcome_finalize (GObject *object)
{
  LineupConnectionOutcome *self = (LineupConnectionOutcome *)object;

  g_clear_pointer (&self->server_time, g_date_time_unref);
  g_clear_pointer (&self->local_time, g_date_time_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (lineup_connection_outcome_parent_class)->finalize (object);
}

static void
lineup_connection_outcome_class_init (LineupConnectionOutcomeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_connection_outcome_finalize;
}

static void
lineup_connection_outcome_init (LineupConnectionOutcome *self)
{
}

static gboolean
is_auth_error (const GError *error)
{
  return g_error_matches (error, LINEUP_API_ERROR, LINEUP_API_ERROR_AUTHENTICATION) ||
         g_error_matches (error, LINEUP_API_ERROR, LINEUP_API_ERROR_AUTHORIZATION);
}

static LineupConnectionStatus
classify (const GError         *error,
          GTlsCertificateFlags  tls_errors,
          gint64                skew,
          guint                 validity)
{
  if (error == NULL)
    return LINEUP_CONNECTION_CONNECTED;

  if (error->domain == G_TLS_ERROR || tls_errors != 0)
    return LINEUP_CONNECTION_TLS_FAILURE;

  if (error->domain == LINEUP_API_ERROR)
    {
      guint status = lineup_api_error_get_http_status (error);
      gboolean facesearch_code = lineup_api_error_get_api_code (error) != NULL;

      switch ((LineupApiError)error->code)
        {
        case LINEUP_API_ERROR_INVALID_INPUT:
        case LINEUP_API_ERROR_INSECURE_TRANSPORT:
        case LINEUP_API_ERROR_NO_CREDENTIALS:
          return LINEUP_CONNECTION_BAD_ADDRESS;
        case LINEUP_API_ERROR_BAD_RESPONSE:
        case LINEUP_API_ERROR_API_NOT_FOUND:
          return LINEUP_CONNECTION_NOT_FACESEARCH;
        default:
          break;
        }

      /* FaceSearch says why in its JSON; a 4xx without that came from
       * something else at this address. */
      if (!facesearch_code && status >= 400 && status < 500)
        return LINEUP_CONNECTION_NOT_FACESEARCH;
      if (is_auth_error (error) && ABS (skew) > (gint64)validity)
        return LINEUP_CONNECTION_CLOCK_SKEW;
      if (g_error_matches (error, LINEUP_API_ERROR, LINEUP_API_ERROR_AUTHENTICATION))
        return LINEUP_CONNECTION_WRONG_CREDENTIALS;
      return LINEUP_CONNECTION_SERVICE_ERROR;
    }

  return LINEUP_CONNECTION_UNREACHABLE;
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  /* Translators: a date and time with seconds and time zone, see g_date_time_format() */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M:%S %Z"));
}

static char *
format_span (gint64 seconds)
{
  seconds = ABS (seconds);
  if (seconds < 120)
    return g_strdup_printf (ngettext ("%d second", "%d seconds", seconds), (int)seconds);
  if (seconds < 90 * 60)
    {
      int minutes = (seconds + 30) / 60;
      return g_strdup_printf (ngettext ("%d minute", "%d minutes", minutes), minutes);
    }
  if (seconds < 36 * 3600)
    {
      int hours = (seconds + 1800) / 3600;
      return g_strdup_printf (ngettext ("%d hour", "%d hours", hours), hours);
    }
  {
    int days = (seconds + 43200) / 86400;
    return g_strdup_printf (ngettext ("%d day", "%d days", days), days);
  }
}

/* GIO's and libsoup's messages have no final stop; ours do. */
static char *
as_sentence (const char *message)
{
  if (lineup_text_ends_sentence (message))
    return g_strdup (message);
  /* Translators: a sentence that did not end with a full stop, from
   * GLib or the system, with one added */
  return g_strdup_printf (_("%s."), message);
}

static char *
describe_tls (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return g_strdup (_("The server’s certificate is not signed by a trusted authority; it may be self-signed."));
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_strdup (_("The server’s certificate is made out to another host."));
  if (flags & (G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED))
    return g_strdup (_("The server’s certificate has expired or is not valid yet."));
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return g_strdup (_("The server’s certificate has been revoked."));
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return g_strdup (_("The server’s certificate uses an insecure algorithm."));
  return NULL;
}

static void
describe (LineupConnectionOutcome *self,
          guint                    validity,
          GTlsCertificateFlags     tls_errors)
{
  g_autofree char *summary = self->error ? lineup_error_dup_summary (self->error) : g_strdup ("");
  g_autofree char *message = as_sentence (summary);

  switch (self->status)
    {
    case LINEUP_CONNECTION_CONNECTED:
      self->title = g_strdup (_("Connected"));
      if (self->n_groups == 0)
        self->detail = g_strdup (_("The account has no libraries yet."));
      else
        self->detail = g_strdup_printf (ngettext ("The account has %u library.",
                                                  "The account has %u libraries.", self->n_groups),
                                        self->n_groups);
      break;

    case LINEUP_CONNECTION_WRONG_CREDENTIALS:
      self->title = g_strdup (_("Wrong API key or secret"));
      self->detail = g_strdup (_("The service refused the key or the signature. Check that the API key "
                                 "and the API secret belong to the same account."));
      break;

    case LINEUP_CONNECTION_CLOCK_SKEW:
      {
        g_autofree char *server = format_time (self->server_time);
        g_autofree char *local = format_time (self->local_time);
        g_autofree char *span = format_span (lineup_connection_outcome_get_skew (self));

        self->title = g_strdup (_("Clock skew suspected"));
        /* Translators: the times are dates with seconds; the span is such as “2 hours” */
        self->detail = g_strdup_printf (ngettext ("The service refused the signature. Its clock says %s, this "
                                                  "computer’s clock says %s: %s apart, more than the %u second "
                                                  "a signature is valid. Set this computer’s clock right.",
                                                  "The service refused the signature. Its clock says %s, this "
                                                  "computer’s clock says %s: %s apart, more than the %u seconds "
                                                  "a signature is valid. Set this computer’s clock right.",
                                                  validity),
                                        server, local, span, validity);
      }
      break;

    case LINEUP_CONNECTION_UNREACHABLE:
      self->title = g_strdup (_("Host unreachable"));
      self->detail = g_strdup (message);
      break;

    case LINEUP_CONNECTION_TLS_FAILURE:
      {
        g_autofree char *why = describe_tls (tls_errors);

        self->title = g_strdup (_("Secure connection failed"));
        /* Translators: the argument says what is wrong with the certificate, or is the TLS error */
        self->detail = g_strdup_printf (_("%s Lineup does not send the API key over a connection it cannot trust."),
                                        why ? why : message);
      }
      break;

    case LINEUP_CONNECTION_NOT_FACESEARCH:
      self->title = g_strdup (_("Not a FaceSearch service"));
      self->detail = g_strdup_printf (_("Something answered at this address (HTTP %u), but not as a FaceSearch "
                                        "service does. Check the address and the path prefix."),
                                      lineup_api_error_get_http_status (self->error));
      break;

    case LINEUP_CONNECTION_BAD_ADDRESS:
      if (g_error_matches (self->error, LINEUP_API_ERROR, LINEUP_API_ERROR_INSECURE_TRANSPORT))
        self->title = g_strdup (_("Unencrypted connection refused"));
      else if (g_error_matches (self->error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_CREDENTIALS))
        self->title = g_strdup (_("Key or secret missing"));
      else
        self->title = g_strdup (_("Not a valid address"));
      self->detail = g_strdup (message);
      break;

    case LINEUP_CONNECTION_SERVICE_ERROR:
    default:
      self->title = g_strdup (_("The service reported an error"));
      self->detail = g_strdup (message);
      break;
    }
}

/* json-glib accepts anything JSON; FaceSearch's group_list always has a
 * request_id, and group_infos when it succeeds. */
static gboolean
looks_like_group_list (LineupExchange *exchange)
{
  const char *body = lineup_exchange_get_response_body (exchange);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (body == NULL || !json_parser_load_from_data (parser, body, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  return JSON_NODE_HOLDS_OBJECT (root) &&
         (json_object_has_member (json_node_get_object (root), "request_id") ||
          json_object_has_member (json_node_get_object (root), "group_infos"));
}

static LineupConnectionOutcome *
outcome_new (GListModel     *groups,
             const GError   *error,
             LineupExchange *exchange,
             guint           validity)
{
  LineupConnectionOutcome *self = g_object_new (LINEUP_TYPE_CONNECTION_OUTCOME, NULL);
  GTlsCertificateFlags tls_errors = 0;
  gint64 skew = 0;

  self->error = error ? g_error_copy (error) : NULL;
  self->n_groups = groups ? g_list_model_get_n_items (groups) : 0;
  if (error == NULL && exchange != NULL && !looks_like_group_list (exchange))
    self->error = lineup_api_error_new_full (LINEUP_API_ERROR_BAD_RESPONSE, lineup_exchange_get_status (exchange),
                                             NULL, NULL, -1, _("The reply is JSON, but not a list of libraries."));

  if (exchange != NULL)
    {
      GDateTime *server = lineup_exchange_get_server_date (exchange);
      gint64 duration_ms = MAX (lineup_exchange_get_duration_ms (exchange), 0);

      /* Our clock when the reply came, as near as we know it to when
       * the server stamped it. */
      self->local_time = g_date_time_add (lineup_exchange_get_started (exchange), duration_ms * 1000);
      self->server_time = server ? g_date_time_ref (server) : NULL;
      tls_errors = lineup_exchange_get_tls_errors (exchange);
    }
  if (self->local_time == NULL)
    self->local_time = g_date_time_new_now_utc ();
  if (self->server_time != NULL)
    skew = lineup_connection_outcome_get_skew (self);

  self->status = classify (self->error, tls_errors, skew, validity);
  describe (self, validity, tls_errors);
  return self;
}

/**
 * lineup_connection_outcome_new_for_error:
 *
 * An outcome for a test that could not be made, such as an address the
 * preferences refuse before building a client.
 */
LineupConnectionOutcome *
lineup_connection_outcome_new_for_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);
  return outcome_new (NULL, error, NULL, LINEUP_SIGNER_DEFAULT_VALIDITY);
}

LineupConnectionStatus
lineup_connection_outcome_get_status (LineupConnectionOutcome *self)
{
  g_return_val_if_fail (LINEUP_IS_CONNECTION_OUTCOME (self), LINEUP_CONNECTION_SERVICE_ERROR);
  return self->status;
}

/**
 * lineup_connection_outcome_get_status_nick:
 *
 * Returns: the status as a stable word for scripts, such as "clock-skew"
 */
const char *
lineup_connection_outcome_get_status_nick (LineupConnectionOutcome *self)
{
  static const char * const nicks[] = {
    [LINEUP_CONNECTION_CONNECTED] = "connected",
    [LINEUP_CONNECTION_WRONG_CREDENTIALS] = "wrong-credentials",
    [LINEUP_CONNECTION_CLOCK_SKEW] = "clock-skew",
    [LINEUP_CONNECTION_UNREACHABLE] = "unreachable",
    [LINEUP_CONNECTION_TLS_FAILURE] = "tls-failure",
    [LINEUP_CONNECTION_NOT_FACESEARCH] = "not-facesearch",
    [LINEUP_CONNECTION_BAD_ADDRESS] = "bad-address",
    [LINEUP_CONNECTION_SERVICE_ERROR] = "service-error",
  };

  g_return_val_if_fail (LINEUP_IS_CONNECTION_OUTCOME (self), NULL);
  return nicks[self->status];
}

guint
lineup_connection_outcome_get_n_groups (LineupConnectionOutcome *self)
{
  g_return_val_if_fail (LINEUP_IS_CONNECTION_OUTCOME (self), 0);
  return self->n_groups;
}

/**
 * lineup_connection_outcome_get_server_time:
 *
 * Returns: (nullable): the server's clock, from its Date header
 */
GDateTime *
lineup_connection_outcome_get_server_time (LineupConnectionOutcome *self)
{
  g_return_val_if_fail (LINEUP_IS_CONNECTION_OUTCOME (self), NULL);
  return self->server_time;
}

/**
 * lineup_connection_outcome_get_local_time:
 *
 * Returns: this computer's clock when the reply came
 */
GDateTime *
lineup_connection_outcome_get_local_time (LineupConnectionOutcome *self)
{
  g_return_val_if_fail (LINEUP_IS_CONNECTION_OUTCOME (self), NULL);
  return self->local_time;
}

/**
 * lineup_connection_outcome_get_skew:
 *
 * Returns: how many seconds the server's clock is ahead of ours
 *   (negative: behind); 0 when the server sent no Date
 */
gint64
lineup_connection_outcome_get_skew (LineupConnectionOutcome *self)
{
  g_return_val_if_fail (LINEUP_IS_CONNECTION_OUTCOME (self), 0);
  if (self->server_time == NULL)
    return 0;
  return g_date_time_difference (self->server_time, self->local_time) / G_USEC_PER_SEC;
}

/**
 * lineup_connection_outcome_get_error:
 *
 * Returns: (nullable): the failure behind the status
 */
const GError *
lineup_connection_outcome_get_error (LineupConnectionOutcome *self)
{
  g_return_val_if_fail (LINEUP_IS_CONNECTION_OUTCOME (self), NULL);
  return self->error;
}

/**
 * lineup_connection_outcome_get_title:
 *
 * Returns: the outcome in a few words, such as “Clock skew suspected”
 */
const char *
lineup_connection_outcome_get_title (LineupConnectionOutcome *self)
{
  g_return_val_if_fail (LINEUP_IS_CONNECTION_OUTCOME (self), NULL);
  return self->title;
}

/**
 * lineup_connection_outcome_get_detail:
 *
 * Returns: what the outcome means and what to do, in sentences
 */
const char *
lineup_connection_outcome_get_detail (LineupConnectionOutcome *self)
{
  g_return_val_if_fail (LINEUP_IS_CONNECTION_OUTCOME (self), NULL);
  return self->detail;
}

/* The test */

typedef struct
{
  LineupExchange *exchange;   /* the last group_list attempt */
  gulong          handler;
} TestData;

static void
test_data_free (gpointer data)
{
  TestData *test = data;

  g_clear_object (&test->exchange);
  g_free (test);
}

static void
on_exchange_finished (LineupClient   *client,
                      LineupExchange *exchange,
                      TestData       *test)
{
  if (g_strcmp0 (lineup_exchange_get_endpoint (exchange), "group_list") == 0)
    g_set_object (&test->exchange, exchange);
}

static void
group_list_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LineupClient *client = LINEUP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  TestData *test = g_task_get_task_data (task);
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GError) error = NULL;
  guint validity = lineup_signer_get_validity (lineup_client_get_signer (client));

  g_clear_signal_handler (&test->handler, client);
  groups = lineup_client_group_list_finish (client, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, outcome_new (groups, error, test->exchange, validity), g_object_unref);
}

/**
 * lineup_connection_test_async:
 * @client: a client for the settings to test; give it a client of its
 *   own, without retries (lineup_client_set_retries()) for a quick answer
 *
 * Lists the libraries and classifies the outcome. Never fails but for
 * a cancellation: every other failure is an outcome.
 */
void
lineup_connection_test_async (LineupClient        *client,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  TestData *test;
  GTask *task;

  g_return_if_fail (LINEUP_IS_CLIENT (client));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_connection_test_async);
  test = g_new0 (TestData, 1);
  g_task_set_task_data (task, test, test_data_free);

  test->handler = g_signal_connect (client, "exchange-finished", G_CALLBACK (on_exchange_finished), test);
  lineup_client_group_list_async (client, cancellable, group_list_cb, task);
}

/**
 * lineup_connection_test_finish:
 *
 * Returns: (transfer full) (nullable): the outcome; %NULL only with
 *   %G_IO_ERROR_CANCELLED
 */
LineupConnectionOutcome *
lineup_connection_test_finish (LineupClient  *client,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
