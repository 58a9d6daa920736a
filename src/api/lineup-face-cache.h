/* lineup-face-cache.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lineup-face.h"

G_BEGIN_DECLS

/* The client's face_info cache: the most recently used faces, at most a
 * set number of them, by (library, token). Private to the client. */
typedef struct _LineupFaceCache LineupFaceCache;

LineupFaceCache *_lineup_face_cache_new          (guint            capacity);
void             _lineup_face_cache_free         (LineupFaceCache *self);
guint            _lineup_face_cache_get_capacity (LineupFaceCache *self);
void             _lineup_face_cache_set_capacity (LineupFaceCache *self,
                                                  guint            capacity);
guint            _lineup_face_cache_get_size     (LineupFaceCache *self);
LineupFace      *_lineup_face_cache_lookup       (LineupFaceCache *self,
                                                  const char      *group_id,
                                                  const char      *face_token);
void             _lineup_face_cache_insert       (LineupFaceCache *self,
                                                  const char      *group_id,
                                                  const char      *face_token,
                                                  LineupFace      *face);
void             _lineup_face_cache_remove       (LineupFaceCache *self,
                                                  const char      *group_id,
                                                  const char      *face_token);

G_END_DECLS
