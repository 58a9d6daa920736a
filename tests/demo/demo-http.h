/* demo-http.h — raw HTTP helpers for the demo service's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lineup-demo-server.h"
#include "lineup-signer.h"

/* These tests speak HTTP themselves (SoupSession, SoupMultipart and the
 * signer), so the demo service is checked independently of LineupClient.
 * Included by each test program; everything here is static. */

typedef struct
{
  guint               status;
  GBytes             *body;
  JsonObject         *json;      /* NULL unless the body is a JSON object */
  SoupMessageHeaders *headers;
  GError             *error;     /* a transport error, else NULL */
} DemoReply;

static inline void
demo_reply_free (DemoReply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->json, json_object_unref);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_error (&reply->error);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DemoReply, demo_reply_free)

static inline char *
demo_sign (LineupDemoServer *server)
{
  g_autoptr(LineupSigner) signer = lineup_signer_new (lineup_demo_server_get_api_key (server),
                                                      lineup_demo_server_get_api_secret (server));

  return lineup_signer_sign (signer);
}

static inline void
demo_reply_parse (DemoReply *reply)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (reply->body == NULL || g_bytes_get_size (reply->body) == 0)
    return;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (reply->body, NULL),
                                   g_bytes_get_size (reply->body), NULL))
    return;
  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_OBJECT (root))
    reply->json = json_object_ref (json_node_get_object (root));
}

/* Builds the message for @endpoint. @... are name/value pairs ending with
 * a NULL name. `sign` (a fresh valid one) and `sign_version=hmac_sha1`
 * are added unless given; a NULL value leaves that field out. */
static inline SoupMessage *
demo_message_valist (LineupDemoServer *server,
                     const char       *endpoint,
                     GBytes           *file,
                     va_list           args)
{
  g_autofree char *url = g_strdup_printf ("%s/%s", lineup_demo_server_get_base_url (server), endpoint);
  g_autofree char *sign = demo_sign (server);
  SoupMultipart *multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  gboolean has_sign = FALSE, has_version = FALSE;
  SoupMessage *msg;
  const char *name;

  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      has_sign |= strcmp (name, "sign") == 0;
      has_version |= strcmp (name, "sign_version") == 0;
      if (value != NULL)
        soup_multipart_append_form_string (multipart, name, value);
    }
  if (!has_sign)
    soup_multipart_append_form_string (multipart, "sign", sign);
  if (!has_version)
    soup_multipart_append_form_string (multipart, "sign_version", "hmac_sha1");
  if (file != NULL)
    soup_multipart_append_form_file (multipart, "file", "probe.jpg", "image/jpeg", file);

  msg = soup_message_new_from_multipart (url, multipart);
  soup_multipart_free (multipart);
  return msg;
}

static inline SoupMessage *
demo_message (LineupDemoServer *server,
              const char       *endpoint,
              GBytes           *file,
              ...)
{
  SoupMessage *msg;
  va_list args;

  va_start (args, file);
  msg = demo_message_valist (server, endpoint, file, args);
  va_end (args);
  return msg;
}

static inline DemoReply *
demo_send (SoupSession *session,
           SoupMessage *msg)
{
  DemoReply *reply = g_new0 (DemoReply, 1);

  reply->body = soup_session_send_and_read (session, msg, NULL, &reply->error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  demo_reply_parse (reply);
  return reply;
}

/* POSTs a signed form to @endpoint and waits for the reply. */
static inline DemoReply *
demo_post (SoupSession      *session,
           LineupDemoServer *server,
           const char       *endpoint,
           GBytes           *file,
           ...)
{
  g_autoptr(SoupMessage) msg = NULL;
  va_list args;

  va_start (args, file);
  msg = demo_message_valist (server, endpoint, file, args);
  va_end (args);
  return demo_send (session, msg);
}

static inline const char *
demo_reply_get_error (DemoReply *reply)
{
  if (reply->json == NULL)
    return NULL;
  return json_object_get_string_member_with_default (reply->json, "error", NULL);
}

/* Asserts the HTTP status and the error code before any ":". */
#define demo_assert_error(reply, http_status, code)                                  \
  G_STMT_START {                                                                     \
    const char *_e = demo_reply_get_error (reply);                                   \
    g_autofree char *_prefix = NULL;                                                 \
    g_assert_no_error ((reply)->error);                                              \
    g_assert_nonnull (_e);                                                           \
    _prefix = g_strndup (_e, strcspn (_e, ":"));                                     \
    g_assert_cmpstr (_prefix, ==, (code));                                           \
    g_assert_cmpuint ((reply)->status, ==, (http_status));                           \
  } G_STMT_END

#define demo_assert_ok(reply)                                                        \
  G_STMT_START {                                                                     \
    g_assert_no_error ((reply)->error);                                              \
    g_assert_null (demo_reply_get_error (reply));                                    \
    g_assert_cmpuint ((reply)->status, ==, 200);                                     \
    g_assert_nonnull ((reply)->json);                                                \
  } G_STMT_END
