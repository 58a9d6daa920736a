/* lineup-reply-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lineup-reply.h"

G_BEGIN_DECLS

/* Shared by lineup-reply.c and lineup-reply-faces.c (and the hex digits
 * with the exchange's redaction, which reads escapes too). */
gint        _lineup_hex_value              (const char  *p,
                                            const char  *end,
                                            guint        digits);
GError     *_lineup_reply_bad_response     (guint        http_status,
                                            const char  *request_id,
                                            const char  *message);
gboolean    _lineup_reply_get_array        (JsonObject  *root,
                                            const char  *member,
                                            JsonArray  **out,
                                            GError     **error);
JsonObject *_lineup_reply_array_get_object (JsonArray   *array,
                                            guint        index);
JsonObject *_lineup_reply_get_object       (JsonObject  *object,
                                            const char  *member);

G_END_DECLS
