/* lineup-demo-store-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-demo-store"

#include "config.h"

#include <stdlib.h>

#include "lineup-demo-store-private.h"

/* Searching a library: every face is scored against the probe, and the
 * best ones are kept. */

/* A candidate of a search: its score and its position in the library,
 * which breaks ties so results do not depend on the sort. */
typedef struct
{
  double score;
  guint  index;
} Candidate;

/* Whether @a ranks below @b: a lower score, or the same and added later. */
static inline gboolean
ranks_below (const Candidate *a,
             const Candidate *b)
{
  return a->score < b->score || (a->score == b->score && a->index > b->index);
}

static void
sift_down (Candidate *heap,
           guint      len,
           guint      i)
{
  for (;;)
    {
      guint lowest = i, l = 2 * i + 1, r = 2 * i + 2;
      Candidate tmp;

      if (l < len && ranks_below (&heap[l], &heap[lowest]))
        lowest = l;
      if (r < len && ranks_below (&heap[r], &heap[lowest]))
        lowest = r;
      if (lowest == i)
        return;
      tmp = heap[i];
      heap[i] = heap[lowest];
      heap[lowest] = tmp;
      i = lowest;
    }
}

static void
sift_up (Candidate *heap,
         guint      i)
{
  while (i > 0 && ranks_below (&heap[i], &heap[(i - 1) / 2]))
    {
      Candidate tmp = heap[i];

      heap[i] = heap[(i - 1) / 2];
      heap[(i - 1) / 2] = tmp;
      i = (i - 1) / 2;
    }
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  /* Best first. */
  return ranks_below (a, b) - ranks_below (b, a);
}

static void
clear_hit (gpointer data)
{
  LineupDemoHit *hit = data;

  g_free (hit->face_token);
}

/**
 * lineup_demo_store_search:
 * @probes: one feature per orientation tried
 * @threshold: only scores strictly above it; negative for all
 *
 * Scores every face of the library and keeps the best @limit in a heap,
 * so a search costs one pass and no allocation per face.
 *
 * Returns: (transfer full) (element-type LineupDemoHit): the best @limit
 *   faces, best first (earlier enrolments first among equal scores)
 */
GArray *
lineup_demo_store_search (LineupDemoStore    *self,
                          const char         *group_id,
                          LineupDemoFeature **probes,
                          guint               n_probes,
                          guint               limit,
                          double              threshold,
                          GError            **error)
{
  g_autofree Candidate *heap = NULL;
  g_autofree Face **faces = NULL;
  GArray *hits;
  Group *group;
  guint n_faces, len = 0;

  g_return_val_if_fail (LINEUP_IS_DEMO_STORE (self), NULL);

  /* Hold the lock only to take a reference on each face: the scan,
   * which is the long part, runs unlocked, so a change waits for no
   * search and searches do not starve changes. */
  g_rw_lock_reader_lock (&self->lock);
  if (!(group = _lineup_demo_store_find_group (self, group_id, error)))
    {
      g_rw_lock_reader_unlock (&self->lock);
      return NULL;
    }
  n_faces = group->record->faces->len;
  faces = g_new (Face *, MAX (n_faces, 1));
  for (guint i = 0; i < n_faces; i++)
    faces[i] = lineup_demo_face_record_ref (g_ptr_array_index (group->record->faces, i));
  g_rw_lock_reader_unlock (&self->lock);

  if (limit == 0)
    limit = 1;
  heap = g_new (Candidate, limit);
  for (guint i = 0; i < n_faces; i++)
    {
      Candidate candidate = { 0, i };

      for (guint p = 0; p < n_probes; p++)
        candidate.score = MAX (candidate.score, lineup_demo_feature_score (probes[p], faces[i]->feature));
      if (!(candidate.score > threshold))
        continue;

      if (len < limit)
        {
          heap[len] = candidate;
          sift_up (heap, len++);
        }
      else if (ranks_below (&heap[0], &candidate))
        {
          heap[0] = candidate;
          sift_down (heap, len, 0);
        }
    }

  qsort (heap, len, sizeof (Candidate), compare_candidates);
  hits = g_array_sized_new (FALSE, FALSE, sizeof (LineupDemoHit), len);
  g_array_set_clear_func (hits, clear_hit);
  for (guint i = 0; i < len; i++)
    {
      LineupDemoHit hit = { g_strdup (faces[heap[i].index]->face_token), heap[i].score };

      g_array_append_val (hits, hit);
    }

  for (guint i = 0; i < n_faces; i++)
    lineup_demo_face_record_unref (faces[i]);

  return hits;
}

