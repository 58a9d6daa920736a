/* test-face-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lineup-face-cache.h"

/* The face_info cache holds the most recently used faces and no more:
 * a service that sends endless distinct tokens cannot grow it. */

static LineupFace *
face (const char *token)
{
  return lineup_face_new (token, "u", NULL, NULL);
}

static void
insert (LineupFaceCache *cache,
        const char      *group_id,
        const char      *token)
{
  g_autoptr(LineupFace) f = face (token);

  _lineup_face_cache_insert (cache, group_id, token, f);
}

static void
test_least_recently_used_goes (void)
{
  LineupFaceCache *cache = _lineup_face_cache_new (2);

  insert (cache, "g", "t1");
  insert (cache, "g", "t2");
  /* t1 used again: t2 is now the oldest */
  g_assert_nonnull (_lineup_face_cache_lookup (cache, "g", "t1"));
  insert (cache, "g", "t3");
  g_assert_cmpuint (_lineup_face_cache_get_size (cache), ==, 2);
  g_assert_nonnull (_lineup_face_cache_lookup (cache, "g", "t1"));
  g_assert_null (_lineup_face_cache_lookup (cache, "g", "t2"));
  g_assert_nonnull (_lineup_face_cache_lookup (cache, "g", "t3"));

  /* the same token in another library is another face */
  g_assert_null (_lineup_face_cache_lookup (cache, "other", "t1"));
  _lineup_face_cache_free (cache);
}

static void
test_bounded_under_a_flood (void)
{
  LineupFaceCache *cache = _lineup_face_cache_new (100);

  for (guint i = 0; i < 100000; i++)
    {
      g_autofree char *token = g_strdup_printf ("t%u", i);

      insert (cache, "g", token);
    }
  g_assert_cmpuint (_lineup_face_cache_get_size (cache), ==, 100);
  g_assert_nonnull (_lineup_face_cache_lookup (cache, "g", "t99999"));
  g_assert_null (_lineup_face_cache_lookup (cache, "g", "t99899"));
  _lineup_face_cache_free (cache);
}

static void
test_remove_and_resize (void)
{
  LineupFaceCache *cache = _lineup_face_cache_new (10);

  insert (cache, "a", "t1");
  insert (cache, "a", "t2");
  insert (cache, "b", "t1");
  /* a re-insert replaces, it does not duplicate */
  insert (cache, "b", "t1");
  g_assert_cmpuint (_lineup_face_cache_get_size (cache), ==, 3);

  _lineup_face_cache_remove (cache, "a", NULL);
  g_assert_cmpuint (_lineup_face_cache_get_size (cache), ==, 1);
  g_assert_nonnull (_lineup_face_cache_lookup (cache, "b", "t1"));
  _lineup_face_cache_remove (cache, "b", "t1");
  g_assert_cmpuint (_lineup_face_cache_get_size (cache), ==, 0);

  insert (cache, "a", "t1");
  insert (cache, "a", "t2");
  _lineup_face_cache_set_capacity (cache, 1);
  g_assert_cmpuint (_lineup_face_cache_get_size (cache), ==, 1);
  g_assert_nonnull (_lineup_face_cache_lookup (cache, "a", "t2"));
  /* 0 turns it off */
  _lineup_face_cache_set_capacity (cache, 0);
  insert (cache, "a", "t3");
  g_assert_cmpuint (_lineup_face_cache_get_size (cache), ==, 0);
  _lineup_face_cache_free (cache);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lineup/api/face-cache/least-recently-used-goes", test_least_recently_used_goes);
  g_test_add_func ("/lineup/api/face-cache/bounded-under-a-flood", test_bounded_under_a_flood);
  g_test_add_func ("/lineup/api/face-cache/remove-and-resize", test_remove_and_resize);
  return g_test_run ();
}
