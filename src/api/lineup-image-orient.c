/* lineup-image-orient.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-image"

#include "config.h"

#include <string.h>

#include "lineup-image-private.h"

/* EXIF orientation: where the stored pixels go in the upright picture,
 * for rectangles, whole pixbufs and the rows an encoder writes. */

gboolean
_lineup_orientation_swaps (int orientation)
{
  return orientation >= 5 && orientation <= 8;
}

/* Where the upright pixel (ux, uy) is stored, for a stored image of
 * sw × sh. EXIF 2: mirrored; 3: 180°; 4: flipped; 5: transposed;
 * 6: rotated 90° clockwise to view; 7: transverse; 8: 90° the other way. */
static void
upright_to_stored (int  orientation,
                   int  sw,
                   int  sh,
                   int  ux,
                   int  uy,
                   int *sx,
                   int *sy)
{
  switch (orientation)
    {
    case 2: *sx = sw - 1 - ux; *sy = uy; break;
    case 3: *sx = sw - 1 - ux; *sy = sh - 1 - uy; break;
    case 4: *sx = ux; *sy = sh - 1 - uy; break;
    case 5: *sx = uy; *sy = ux; break;
    case 6: *sx = uy; *sy = sh - 1 - ux; break;
    case 7: *sx = sw - 1 - uy; *sy = sh - 1 - ux; break;
    case 8: *sx = sw - 1 - uy; *sy = ux; break;
    case 1:
    default: *sx = ux; *sy = uy; break;
    }
}

/**
 * _lineup_orientation_map_rect:
 * @upright: a rectangle of the upright image
 * @stored: (out): the same pixels in the stored image
 */
void
_lineup_orientation_map_rect (int                    orientation,
                              int                    stored_width,
                              int                    stored_height,
                              const LineupImageRect *upright,
                              LineupImageRect       *stored)
{
  int x0, y0, x1, y1;

  upright_to_stored (orientation, stored_width, stored_height, upright->x, upright->y, &x0, &y0);
  upright_to_stored (orientation, stored_width, stored_height,
                     upright->x + upright->width - 1, upright->y + upright->height - 1, &x1, &y1);
  stored->x = MIN (x0, x1);
  stored->y = MIN (y0, y1);
  stored->width = ABS (x1 - x0) + 1;
  stored->height = ABS (y1 - y0) + 1;
}

/**
 * _lineup_orient_rows:
 * @out: room for @n_rows upright rows of 3-channel pixels
 *
 * Writes upright rows @first_row … of @stored, as RGB, so an encoder can
 * turn the picture while it writes instead of holding a second copy.
 */
void
_lineup_orient_rows (GdkPixbuf *stored,
                     int        orientation,
                     int        first_row,
                     int        n_rows,
                     guint8    *out,
                     gsize      out_stride)
{
  int sw = gdk_pixbuf_get_width (stored);
  int sh = gdk_pixbuf_get_height (stored);
  int channels = gdk_pixbuf_get_n_channels (stored);
  int stride = gdk_pixbuf_get_rowstride (stored);
  const guint8 *pixels = gdk_pixbuf_read_pixels (stored);
  gboolean swaps = _lineup_orientation_swaps (orientation);
  int uw = swaps ? sh : sw;

  if ((orientation <= 1 || orientation > 8) && channels == 3)
    {
      for (int r = 0; r < n_rows; r++)
        memcpy (out + (gsize)r * out_stride, pixels + (gsize)(first_row + r) * stride, (gsize)uw * 3);
      return;
    }

  /* For the turned cases, walk the stored rows in the outer loop (ux is
   * a stored row then) so each cache line serves all n_rows rows. */
  for (int outer = 0; outer < (swaps ? uw : n_rows); outer++)
    for (int inner = 0; inner < (swaps ? n_rows : uw); inner++)
      {
        int ux = swaps ? outer : inner;
        int r = swaps ? inner : outer;
        int sx, sy;
        const guint8 *s;
        guint8 *d = out + (gsize)r * out_stride + (gsize)ux * 3;

        upright_to_stored (orientation, sw, sh, ux, first_row + r, &sx, &sy);
        s = pixels + (gsize)sy * stride + (gsize)sx * channels;
        d[0] = s[0];
        d[1] = s[1];
        d[2] = s[2];
      }
}

/**
 * _lineup_orient_pixbuf:
 *
 * Returns: (transfer full): @stored turned upright (a new reference
 *   when it already is)
 */
GdkPixbuf *
_lineup_orient_pixbuf (GdkPixbuf *stored,
                       int        orientation)
{
  g_autoptr(GdkPixbuf) turned = NULL;

  switch (orientation)
    {
    case 2: return gdk_pixbuf_flip (stored, TRUE);
    case 3: return gdk_pixbuf_rotate_simple (stored, GDK_PIXBUF_ROTATE_UPSIDEDOWN);
    case 4: return gdk_pixbuf_flip (stored, FALSE);
    case 5:
      turned = gdk_pixbuf_rotate_simple (stored, GDK_PIXBUF_ROTATE_CLOCKWISE);
      return gdk_pixbuf_flip (turned, TRUE);
    case 6: return gdk_pixbuf_rotate_simple (stored, GDK_PIXBUF_ROTATE_CLOCKWISE);
    case 7:
      turned = gdk_pixbuf_rotate_simple (stored, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
      return gdk_pixbuf_flip (turned, TRUE);
    case 8: return gdk_pixbuf_rotate_simple (stored, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
    case 1:
    default:
      return g_object_ref (stored);
    }
}
