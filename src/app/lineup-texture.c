/* lineup-texture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-texture"

#include "config.h"

#include "lineup-texture.h"

/* gdk_texture_new_for_pixbuf() is deprecated from GTK 4.20; a memory
 * texture over the pixbuf's own bytes works on 4.8 and later alike and
 * copies nothing. Safe to call from a worker thread: textures are
 * immutable. */
GdkTexture *
lineup_texture_new_for_pixbuf (GdkPixbuf *pixbuf)
{
  g_autoptr(GBytes) bytes = NULL;
  gboolean alpha;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);
  g_return_val_if_fail (gdk_pixbuf_get_bits_per_sample (pixbuf) == 8, NULL);

  alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  g_return_val_if_fail (gdk_pixbuf_get_n_channels (pixbuf) == (alpha ? 4 : 3), NULL);

  bytes = gdk_pixbuf_read_pixel_bytes (pixbuf);
  return gdk_memory_texture_new (gdk_pixbuf_get_width (pixbuf),
                                 gdk_pixbuf_get_height (pixbuf),
                                 alpha ? GDK_MEMORY_R8G8B8A8 : GDK_MEMORY_R8G8B8,
                                 bytes,
                                 gdk_pixbuf_get_rowstride (pixbuf));
}

/**
 * lineup_texture_new_square:
 *
 * The middle square of @pixbuf scaled to @side, so that pictures of
 * different shapes take the same room in a list.
 */
GdkTexture *
lineup_texture_new_square (GdkPixbuf *pixbuf,
                           int        side)
{
  g_autoptr(GdkPixbuf) square = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  int w, h, s;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);
  g_return_val_if_fail (side > 0, NULL);

  w = gdk_pixbuf_get_width (pixbuf);
  h = gdk_pixbuf_get_height (pixbuf);
  s = MIN (w, h);
  /* Faces sit in the upper part of a portrait: keep the top when cropping. */
  square = gdk_pixbuf_new_subpixbuf (pixbuf, (w - s) / 2, h > w ? (h - s) / 4 : 0, s, s);
  scaled = gdk_pixbuf_scale_simple (square, side, side, GDK_INTERP_BILINEAR);
  return lineup_texture_new_for_pixbuf (scaled);
}

/**
 * lineup_texture_new_for_frame:
 *
 * A camera frame as a texture, over the frame's own bytes (no copy).
 */
GdkTexture *
lineup_texture_new_for_frame (LineupCameraFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);

  /* Camera frames are opaque: premultiplied or not is the same, and the
   * premultiplied BGRA is what cairo draws without converting. */
  return gdk_memory_texture_new (lineup_camera_frame_get_width (frame),
                                 lineup_camera_frame_get_height (frame),
                                 lineup_camera_frame_get_format (frame) == LINEUP_CAMERA_FORMAT_BGRA
                                   ? GDK_MEMORY_B8G8R8A8_PREMULTIPLIED : GDK_MEMORY_R8G8B8A8_PREMULTIPLIED,
                                 lineup_camera_frame_get_bytes (frame),
                                 lineup_camera_frame_get_stride (frame));
}
