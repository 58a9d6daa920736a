/* lineup-test-hostile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A hostile "service" on 127.0.0.1 for the client's tests: raw HTTP/1.1
 * over plain sockets, a thread per connection, so a case can send what
 * no well-behaved server library would (endless chunks, bombs, lies in
 * the headers, redirects, cut-off replies). */

typedef struct _LineupHostile LineupHostile;

typedef struct
{
  LineupHostile *server;
  int            fd;
  guint          index;      /* 0 for the server's first request */
  char          *method;
  char          *path;
  const char    *endpoint;   /* the path's last component */
  GHashTable    *headers;    /* lower-case name → value */
  GHashTable    *fields;     /* form field → value; a file part as "<N bytes>" */
  gsize          body_len;
} LineupHostileRequest;

/* Answers @request on request->fd. Returns: whether to read another
 * request on the same connection. */
typedef gboolean (*LineupHostileHandler) (LineupHostileRequest *request,
                                          gpointer              user_data);

LineupHostile *lineup_hostile_new            (LineupHostileHandler  handler,
                                              gpointer              user_data);
void           lineup_hostile_free           (LineupHostile        *self);
guint          lineup_hostile_get_port       (LineupHostile        *self);
const char    *lineup_hostile_get_base_url   (LineupHostile        *self);
guint          lineup_hostile_count          (LineupHostile        *self,
                                              const char           *endpoint);
GPtrArray     *lineup_hostile_dup_signs      (LineupHostile        *self);
gboolean       lineup_hostile_is_stopping    (LineupHostile        *self);

gboolean       lineup_hostile_write          (int                   fd,
                                              const void           *data,
                                              gsize                 len);
gboolean       lineup_hostile_reply          (int                   fd,
                                              guint                 status,
                                              const char           *extra_headers,
                                              const char           *body,
                                              gssize                len);
gboolean       lineup_hostile_reply_json     (LineupHostileRequest *request,
                                              guint                 status,
                                              const char           *format,
                                              ...) G_GNUC_PRINTF (3, 4);

GBytes        *lineup_hostile_gzip           (const char           *prefix,
                                              guint64               padding,
                                              const char           *suffix);
GBytes        *lineup_hostile_png_bomb       (guint                 width,
                                              guint                 height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupHostile, lineup_hostile_free)

G_END_DECLS
