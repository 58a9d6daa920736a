/* lineup-client-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lineup-client.h"

G_BEGIN_DECLS

/* One request to one endpoint, before signing. Kept apart from the
 * SoupMessage so every retry is signed afresh. */
typedef struct
{
  char      *endpoint;
  GPtrArray *names;
  GPtrArray *values;
  GBytes    *file;
  char      *file_name;
  char      *file_type;
  char      *group_id;     /* for error messages */
  char      *face_token;   /* for error messages */
  gboolean   idempotent;   /* reads: safe to resend, may reuse a connection */
} LineupCall;

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

GHashTable *_lineup_client_get_face_cache (LineupClient *self);
char       *_lineup_client_cache_key      (const char   *group_id,
                                           const char   *face_token);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupCall, _lineup_call_free)

G_END_DECLS
