/* lineup-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lineup-delete-outcome.h"
#include "lineup-exchange.h"
#include "lineup-face.h"
#include "lineup-group.h"
#include "lineup-image.h"
#include "lineup-search-result.h"
#include "lineup-signer.h"

G_BEGIN_DECLS

#define LINEUP_DEFAULT_BASE_URL "https://api-sgp.yljz.com/finauth/search/group"

/**
 * LineupSearchOptions:
 * @limit: how many matches, 1–100; 0 leaves the service's default (1)
 * @threshold: only scores above it, 0–100; negative: not sent
 * @rotate: multi_oriented_detection
 * @send_base64: send the image as the Base64 `image` field instead of
 *   the `file` part
 */
typedef struct
{
  guint    limit;
  double   threshold;
  gboolean rotate;
  gboolean send_base64;
} LineupSearchOptions;

#define LINEUP_SEARCH_OPTIONS_INIT { 0, -1.0, FALSE, FALSE }

/**
 * LineupAddFaceFlags:
 * @LINEUP_ADD_FACE_FLAGS_NONE: the image as the `file` part, upright only
 * @LINEUP_ADD_FACE_FLAGS_ROTATE: multi_oriented_detection=1
 * @LINEUP_ADD_FACE_FLAGS_BASE64: the image as the Base64 `image` field
 */
typedef enum
{
  LINEUP_ADD_FACE_FLAGS_NONE   = 0,
  LINEUP_ADD_FACE_FLAGS_ROTATE = 1 << 0,
  LINEUP_ADD_FACE_FLAGS_BASE64 = 1 << 1,
} LineupAddFaceFlags;

/* How many finished exchanges a client keeps for inspection. */
#define LINEUP_CLIENT_MAX_EXCHANGES 100

/* The largest reply accepted unless set: the longest legitimate reply
 * (a list page of 1000 faces with 128 characters of user_data each) is
 * well under 1 MiB. */
#define LINEUP_CLIENT_DEFAULT_MAX_REPLY (4 * 1024 * 1024)

/* How many faces face_info keeps unless set. */
#define LINEUP_CLIENT_DEFAULT_FACE_CACHE 2000

#define LINEUP_TYPE_CLIENT (lineup_client_get_type ())
G_DECLARE_FINAL_TYPE (LineupClient, lineup_client, LINEUP, CLIENT, GObject)

LineupClient       *lineup_client_new                 (const char           *base_url,
                                                       LineupSigner         *signer);
const char         *lineup_client_get_base_url        (LineupClient         *self);
LineupSigner       *lineup_client_get_signer          (LineupClient         *self);
void                lineup_client_set_allow_insecure  (LineupClient         *self,
                                                       gboolean              allow);
void                lineup_client_set_max_reply_size  (LineupClient         *self,
                                                       gsize                 bytes);
gsize               lineup_client_get_max_reply_size  (LineupClient         *self);
void                lineup_client_set_face_cache_size (LineupClient         *self,
                                                       guint                 faces);
guint               lineup_client_get_face_cache_size (LineupClient         *self);
void                lineup_client_set_timeouts        (LineupClient         *self,
                                                       guint                 connect_seconds,
                                                       guint                 total_seconds);
void                lineup_client_set_retries         (LineupClient         *self,
                                                       guint                 max_retries,
                                                       guint                 base_delay_ms);
guint               lineup_client_get_max_concurrency (LineupClient         *self);
void                lineup_client_set_max_concurrency (LineupClient         *self,
                                                       guint                 max_concurrency);
GListModel         *lineup_client_get_exchanges       (LineupClient         *self);

void                lineup_client_search_async        (LineupClient         *self,
                                                       const char           *group_id,
                                                       LineupImage          *image,
                                                       const LineupSearchOptions *options,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
LineupSearchResult *lineup_client_search_finish       (LineupClient         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

void                lineup_client_face_info_async     (LineupClient         *self,
                                                       const char           *group_id,
                                                       const char           *face_token,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
LineupFace         *lineup_client_face_info_finish    (LineupClient         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

void                lineup_client_group_list_async    (LineupClient         *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GListModel         *lineup_client_group_list_finish   (LineupClient         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

void                lineup_client_fetch_faces_async   (LineupClient         *self,
                                                       GListModel           *matches,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean            lineup_client_fetch_faces_finish  (LineupClient         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
LineupFace         *lineup_client_lookup_cached_face  (LineupClient         *self,
                                                       const char           *group_id,
                                                       const char           *face_token);
void                lineup_client_forget_face         (LineupClient         *self,
                                                       const char           *group_id,
                                                       const char           *face_token);

void                lineup_client_group_info_async    (LineupClient         *self,
                                                       const char           *group_id,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
LineupGroup        *lineup_client_group_info_finish   (LineupClient         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

void                lineup_client_create_group_async  (LineupClient         *self,
                                                       const char           *group_id,
                                                       const char           *group_name,
                                                       const char           *group_data,
                                                       const char           *model_version,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
LineupGroup        *lineup_client_create_group_finish (LineupClient         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

void                lineup_client_delete_group_async  (LineupClient         *self,
                                                       const char           *group_id,
                                                       gboolean              check_empty,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean            lineup_client_delete_group_finish (LineupClient         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

void                lineup_client_add_face_async      (LineupClient         *self,
                                                       const char           *group_id,
                                                       LineupImage          *image,
                                                       const char           *user_id,
                                                       const char           *user_data,
                                                       LineupAddFaceFlags    flags,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              callback_data);
LineupFace         *lineup_client_add_face_finish     (LineupClient         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

void                lineup_client_delete_faces_async  (LineupClient         *self,
                                                       const char           *group_id,
                                                       const char * const   *face_tokens,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
LineupDeleteOutcome *lineup_client_delete_faces_finish (LineupClient        *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

void                lineup_client_list_faces_async    (LineupClient         *self,
                                                       const char           *group_id,
                                                       guint                 start,
                                                       guint                 limit,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GListModel         *lineup_client_list_faces_finish   (LineupClient         *self,
                                                       GAsyncResult         *result,
                                                       guint                *next_start,
                                                       GError              **error);

void                lineup_client_list_all_faces_async  (LineupClient       *self,
                                                         const char         *group_id,
                                                         guint               page_size,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
GListModel         *lineup_client_list_all_faces_finish (LineupClient       *self,
                                                         GAsyncResult       *result,
                                                         guint              *n_pages,
                                                         gboolean           *complete,
                                                         GError            **error);

gboolean            lineup_uri_is_loopback            (const char           *uri);

G_END_DECLS
