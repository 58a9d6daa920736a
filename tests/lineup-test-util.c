/* lineup-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-test"

#include "config.h"

#include "lineup-demo-seed.h"
#include "lineup-test-util.h"

/**
 * lineup_test_keep_result:
 * @user_data: a `GAsyncResult **` slot
 *
 * A GAsyncReadyCallback that stores the result for
 * lineup_test_wait_result().
 */
void
lineup_test_keep_result (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/**
 * lineup_test_wait_result:
 *
 * Returns: (transfer full): the result once it arrived (within 30 s)
 */
GAsyncResult *
lineup_test_wait_result (GAsyncResult **slot)
{
  LINEUP_TEST_WAIT_FOR (*slot != NULL, 30);
  return g_steal_pointer (slot);
}

/**
 * lineup_test_write_probe:
 *
 * Returns: (transfer full): a temporary JPEG file of a demo probe
 */
GFile *
lineup_test_write_probe (guint probe)
{
  g_autoptr(GBytes) bytes = lineup_demo_probe_render_jpeg (probe);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lineup-test-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, lineup_demo_probe_get_file_name (probe), NULL);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

/**
 * lineup_test_probe_image:
 *
 * Returns: (transfer full): a demo probe, prepared for upload
 */
LineupImage *
lineup_test_probe_image (guint probe)
{
  g_autoptr(GBytes) bytes = lineup_demo_probe_render_jpeg (probe);
  g_autoptr(GError) error = NULL;
  LineupImage *image = lineup_image_new_from_bytes (bytes, lineup_demo_probe_get_file_name (probe), &error);

  g_assert_no_error (error);
  return image;
}
