/* lineup-client-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lineup-client.h"
#include "lineup-face-cache.h"

G_BEGIN_DECLS

/* Shared by lineup-client.c (the object and its settings),
 * lineup-client-transport.c (sending) and the endpoints in
 * lineup-client-*.c. */
struct _LineupClient
{
  GObject          parent_instance;
  char            *base_url;
  LineupSigner    *signer;
  SoupSession     *session;
  LineupFaceCache *face_cache;
  GListStore      *exchanges;
  gsize            max_reply_size;
  guint            connect_timeout;
  guint            total_timeout;
  guint            max_retries;
  guint            retry_base_ms;
  guint            max_concurrency;
  guint            allow_insecure : 1;
};

typedef struct _LineupCall LineupCall;

/* Looks at a reply the transport accepted, held to what the request
 * asked for (@limit), and words what is wrong with it; the transport
 * files that as the exchange's warnings before it is finished. Such as
 * lineup_reply_inspect_search(). */
typedef void (*LineupCallInspect) (JsonObject *root,
                                   guint       limit,
                                   GPtrArray  *warnings);

/* One request to one endpoint, before signing. Kept apart from the
 * SoupMessage so every retry is signed afresh. */
struct _LineupCall
{
  char              *endpoint;
  GPtrArray         *names;
  GPtrArray         *values;
  GBytes            *file;
  char              *file_name;
  char              *file_type;
  char              *image_note;      /* what was done to the photo, for the record */
  char              *group_id;        /* for error messages */
  char              *face_token;      /* for error messages */
  gboolean           idempotent;      /* reads: safe to resend, may reuse a connection */
  const char        *unknown_outcome; /* writes: what to check when it may have run */
  guint              max_results;     /* what the request asked for, for the inspector */
  LineupCallInspect  inspect;
};

LineupCall *_lineup_call_new           (const char    *endpoint);
LineupCall *_lineup_call_new_for_group (const char    *endpoint,
                                        const char    *group_id);
void        _lineup_call_add           (LineupCall    *call,
                                        const char    *name,
                                        const char    *value);
void        _lineup_call_set_file      (LineupCall    *call,
                                        GBytes        *bytes,
                                        const char    *file_name,
                                        const char    *content_type);
void        _lineup_call_add_image     (LineupCall    *call,
                                        LineupImage   *image,
                                        gboolean       send_base64);
void        _lineup_call_free          (LineupCall    *call);

void        _lineup_client_call_async  (LineupClient        *self,
                                        LineupCall          *call,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
JsonObject *_lineup_client_call_finish (LineupClient        *self,
                                        GAsyncResult        *result,
                                        GError             **error);

void        _lineup_client_record_exchange (LineupClient   *self,
                                            LineupExchange *exchange);
SoupSession *_lineup_client_get_session    (LineupClient   *self);

void        _lineup_client_list_page_async (LineupClient        *self,
                                            const char          *group_id,
                                            guint                start,
                                            guint                limit,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupCall, _lineup_call_free)

G_END_DECLS
