/* lineup-demo-persist.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lineup-demo-matcher.h"

G_BEGIN_DECLS

/* One library as it is kept on disk. */
typedef struct
{
  guint64    seq;             /* orders the libraries by creation */
  char      *group_id;
  char      *group_name;
  char      *group_data;
  char      *model_version;
  gint64     add_time;        /* UNIX seconds */
  GPtrArray *faces;           /* LineupDemoFaceRecord, in order of creation; filled by load */
} LineupDemoGroupRecord;

/* One enrolled face, in memory and on disk. Reference counted, so a
 * search can score a face outside the store's lock while it is deleted. */
typedef struct
{
  gatomicrefcount    ref_count;
  guint64            seq;          /* orders the faces by creation */
  char              *face_token;
  char              *user_id;
  char              *user_data;
  gint64             add_time_ms;
  LineupDemoFeature *feature;
  GBytes            *thumbnail;    /* nullable: a JPEG */
} LineupDemoFaceRecord;

typedef struct _LineupDemoPersist LineupDemoPersist;

LineupDemoPersist     *lineup_demo_persist_open          (const char                  *dir,
                                                          GError                     **error);
void                   lineup_demo_persist_close         (LineupDemoPersist           *persist);
const char            *lineup_demo_persist_get_dir       (LineupDemoPersist           *persist);
GPtrArray             *lineup_demo_persist_load          (LineupDemoPersist           *persist,
                                                          GPtrArray                   *problems,
                                                          GError                     **error);
gboolean               lineup_demo_persist_write_group   (LineupDemoPersist           *persist,
                                                          const LineupDemoGroupRecord *group,
                                                          GError                     **error);
gboolean               lineup_demo_persist_remove_group  (LineupDemoPersist           *persist,
                                                          const char                  *group_id,
                                                          GError                     **error);
gboolean               lineup_demo_persist_write_face    (LineupDemoPersist           *persist,
                                                          const char                  *group_id,
                                                          const LineupDemoFaceRecord  *face,
                                                          GError                     **error);
gboolean               lineup_demo_persist_remove_faces  (LineupDemoPersist           *persist,
                                                          const char                  *group_id,
                                                          const char * const          *face_tokens,
                                                          guint                        n_tokens,
                                                          guint                       *n_removed,
                                                          GError                     **error);

void                   lineup_demo_group_record_free     (LineupDemoGroupRecord       *group);
LineupDemoFaceRecord  *lineup_demo_face_record_new       (void);
LineupDemoFaceRecord  *lineup_demo_face_record_ref       (LineupDemoFaceRecord        *face);
void                   lineup_demo_face_record_unref     (LineupDemoFaceRecord        *face);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupDemoPersist, lineup_demo_persist_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupDemoGroupRecord, lineup_demo_group_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupDemoFaceRecord, lineup_demo_face_record_unref)

G_END_DECLS
