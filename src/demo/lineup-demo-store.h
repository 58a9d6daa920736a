/* lineup-demo-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lineup-demo-matcher.h"

G_BEGIN_DECLS

#define LINEUP_DEMO_MAX_GROUPS  10
#define LINEUP_DEMO_MAX_FACES   5000000

typedef struct
{
  char   *face_token;
  double  score;
} LineupDemoHit;

#define LINEUP_TYPE_DEMO_STORE (lineup_demo_store_get_type ())
G_DECLARE_FINAL_TYPE (LineupDemoStore, lineup_demo_store, LINEUP, DEMO_STORE, GObject)

LineupDemoStore *lineup_demo_store_new              (void);
gboolean         lineup_demo_store_open             (LineupDemoStore          *self,
                                                     const char               *dir,
                                                     GPtrArray                *problems,
                                                     GError                  **error);
const char      *lineup_demo_store_get_dir          (LineupDemoStore          *self);
void             lineup_demo_store_set_limits       (LineupDemoStore          *self,
                                                     guint                     max_groups,
                                                     guint64                   max_faces);
gboolean         lineup_demo_store_create_group     (LineupDemoStore          *self,
                                                     const char               *group_id,
                                                     const char               *group_name,
                                                     const char               *group_data,
                                                     const char               *model_version,
                                                     GError                  **error);
gboolean         lineup_demo_store_free_group       (LineupDemoStore          *self,
                                                     const char               *group_id,
                                                     gboolean                  check_empty,
                                                     GError                  **error);
JsonNode        *lineup_demo_store_describe_group   (LineupDemoStore          *self,
                                                     const char               *group_id,
                                                     GError                  **error);
JsonNode        *lineup_demo_store_describe_groups  (LineupDemoStore          *self);
char            *lineup_demo_store_add_face         (LineupDemoStore          *self,
                                                     const char               *group_id,
                                                     const char               *user_id,
                                                     const char               *user_data,
                                                     const LineupDemoFeature  *feature,
                                                     GBytes                   *thumbnail,
                                                     GError                  **error);
JsonNode        *lineup_demo_store_describe_face    (LineupDemoStore          *self,
                                                     const char               *group_id,
                                                     const char               *face_token,
                                                     GError                  **error);
JsonNode        *lineup_demo_store_list_faces       (LineupDemoStore          *self,
                                                     const char               *group_id,
                                                     guint                     start,
                                                     guint                     limit,
                                                     GError                  **error);
guint            lineup_demo_store_delete_faces     (LineupDemoStore          *self,
                                                     const char               *group_id,
                                                     const char * const       *face_tokens,
                                                     JsonArray                *failure_detail,
                                                     guint                    *face_count,
                                                     GError                  **error);
GArray          *lineup_demo_store_search           (LineupDemoStore          *self,
                                                     const char               *group_id,
                                                     LineupDemoFeature       **probes,
                                                     guint                     n_probes,
                                                     guint                     limit,
                                                     double                    threshold,
                                                     GError                  **error);
GBytes          *lineup_demo_store_get_thumbnail    (LineupDemoStore          *self,
                                                     const char               *group_id,
                                                     const char               *face_token);
guint            lineup_demo_store_count_faces      (LineupDemoStore          *self,
                                                     const char               *group_id);
guint            lineup_demo_store_count_groups     (LineupDemoStore          *self);

G_END_DECLS
