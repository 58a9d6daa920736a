/* lineup-demo-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lineup-demo-persist.h"
#include "lineup-demo-store.h"

G_BEGIN_DECLS

typedef LineupDemoFaceRecord Face;

typedef struct
{
  LineupDemoGroupRecord *record;   /* its faces, in order of creation */
  GDateTime             *add_time;
  GHashTable            *by_token; /* face_token → Face */
} Group;

struct _LineupDemoStore
{
  GObject            parent_instance;

  GRWLock            lock;
  GMutex             change_lock;
  GPtrArray         *groups;       /* Group, in order of creation */
  guint64            n_faces;
  guint64            next_seq;
  guint              max_groups;
  guint64            max_faces;
  LineupDemoPersist *persist;      /* NULL: in memory only */
};

Group  *_lineup_demo_store_find_group (LineupDemoStore  *self,
                                       const char       *group_id,
                                       GError          **error);
GError *_lineup_demo_store_error      (guint             status,
                                       const char       *code,
                                       const char       *group_id,
                                       const char       *face_token);

G_END_DECLS
