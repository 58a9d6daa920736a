/* lineup-image-jpeg-write.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-image"

#include "config.h"

#include <string.h>

#include "lineup-image-jpeg-private.h"

#define WRITER_BAND 16

/* The writer: rows go in as they are decoded, so the encode of an
 * upright photo overlaps its decode. Turned photos wait for every row. */
/* Our own destination: a GByteArray, so the bytes written so far can be
 * read at any time (libjpeg's memory destination tells only at the end)
 * and the buffer is ours to free whatever happens. */
typedef struct
{
  struct jpeg_destination_mgr  pub;
  GByteArray                  *array;
} Destination;

static void
destination_init (j_compress_ptr cinfo)
{
  Destination *dest = (Destination *)cinfo->dest;

  dest->pub.next_output_byte = dest->array->data;
  dest->pub.free_in_buffer = dest->array->len;
}

static boolean
destination_grow (j_compress_ptr cinfo)
{
  Destination *dest = (Destination *)cinfo->dest;
  guint used = dest->array->len;

  /* libjpeg calls this when the buffer is full, whatever free_in_buffer */
  g_byte_array_set_size (dest->array, used * 2);
  dest->pub.next_output_byte = dest->array->data + used;
  dest->pub.free_in_buffer = dest->array->len - used;
  return TRUE;
}

static void
destination_term (j_compress_ptr cinfo)
{
  Destination *dest = (Destination *)cinfo->dest;

  g_byte_array_set_size (dest->array, dest->array->len - dest->pub.free_in_buffer);
}

struct _LineupJpegWriter
{
  struct jpeg_compress_struct  cinfo;
  ErrorManager                 err;
  Destination                  dest;
  guint8                      *band;
  gsize                        band_stride;
  int                          orientation;
  int                          stored_height;
  gboolean                     started;
};

void
_lineup_jpeg_writer_free (LineupJpegWriter *w)
{
  if (w == NULL)
    return;
  jpeg_destroy_compress (&w->cinfo);
  g_clear_pointer (&w->dest.array, g_byte_array_unref);
  g_free (w->band);
  g_free (w);
}

/**
 * _lineup_jpeg_writer_new:
 * @stored_width: the size of the pixels that will be written, stored
 *   orientation
 * @orientation: how to turn them upright while writing
 */
LineupJpegWriter *
_lineup_jpeg_writer_new (int      stored_width,
                         int      stored_height,
                         int      orientation,
                         int      quality,
                         GError **error)
{
  LineupJpegWriter *w = g_new0 (LineupJpegWriter, 1);
  gboolean swaps = _lineup_orientation_swaps (orientation);

  w->orientation = orientation;
  w->stored_height = stored_height;
  w->cinfo.err = &w->err.parent;
  _lineup_jpeg_error_manager_init (&w->err);
  if (setjmp (w->err.jump))
    {
      g_set_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_DAMAGED, "JPEG encoder: %s", w->err.message);
      _lineup_jpeg_writer_free (w);
      return NULL;
    }

  jpeg_create_compress (&w->cinfo);
  /* A quarter of a byte per pixel to start with: few photos need more. */
  w->dest.array = g_byte_array_sized_new (64 * 1024);
  g_byte_array_set_size (w->dest.array, MAX (64 * 1024, (gsize)stored_width * stored_height / 4));
  w->dest.pub.init_destination = destination_init;
  w->dest.pub.empty_output_buffer = destination_grow;
  w->dest.pub.term_destination = destination_term;
  w->cinfo.dest = &w->dest.pub;
  w->cinfo.image_width = swaps ? stored_height : stored_width;
  w->cinfo.image_height = swaps ? stored_width : stored_height;
  w->cinfo.input_components = 3;
  w->cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults (&w->cinfo);
  jpeg_set_quality (&w->cinfo, quality, TRUE);
  jpeg_start_compress (&w->cinfo, TRUE);
  w->band_stride = (gsize)w->cinfo.image_width * 3;
  w->band = g_malloc (w->band_stride * WRITER_BAND);
  return w;
}

static gboolean
writer_write_body (LineupJpegWriter *w,
                   GdkPixbuf        *stored,
                   int               stored_rows)
{
  int height = w->cinfo.image_height;
  gboolean upright = (w->orientation <= 1 || w->orientation > 8) && gdk_pixbuf_get_n_channels (stored) == 3;
  const guint8 *pixels = gdk_pixbuf_read_pixels (stored);
  gsize stride = gdk_pixbuf_get_rowstride (stored);
  int ready;

  /* Upright row r is stored row r only for orientations 1 and 2. */
  if (w->orientation <= 2)
    ready = stored_rows;
  else
    ready = stored_rows >= w->stored_height ? height : 0;
  if (ready < height)
    ready -= ready % WRITER_BAND;

  while ((int)w->cinfo.next_scanline < ready)
    {
      int y = w->cinfo.next_scanline;
      int n = MIN (WRITER_BAND, ready - y);
      JSAMPROW rows[WRITER_BAND];

      /* Upright RGB rows go as they are: libjpeg only reads them. */
      if (upright)
        for (int i = 0; i < n; i++)
          rows[i] = (JSAMPROW)(pixels + (gsize)(y + i) * stride);
      else
        {
          _lineup_orient_rows (stored, w->orientation, y, n, w->band, w->band_stride);
          for (int i = 0; i < n; i++)
            rows[i] = w->band + (gsize)i * w->band_stride;
        }
      jpeg_write_scanlines (&w->cinfo, rows, n);
    }
  return TRUE;
}

/**
 * _lineup_jpeg_writer_write:
 * @stored: the pixels, in the stored orientation
 * @stored_rows: how many of its rows are final
 */
gboolean
_lineup_jpeg_writer_write (LineupJpegWriter  *w,
                           GdkPixbuf         *stored,
                           int                stored_rows,
                           GError           **error)
{
  if (setjmp (w->err.jump))
    {
      g_set_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_DAMAGED, "JPEG encoder: %s", w->err.message);
      return FALSE;
    }
  return writer_write_body (w, stored, stored_rows);
}

/**
 * _lineup_jpeg_writer_get_size:
 *
 * Returns: the bytes written so far
 */
gsize
_lineup_jpeg_writer_get_size (LineupJpegWriter *w)
{
  return w->dest.array ? (gsize)(w->dest.pub.next_output_byte - w->dest.array->data) : 0;
}

int
_lineup_jpeg_writer_get_rows (LineupJpegWriter *w)
{
  return w->cinfo.next_scanline;
}

/**
 * _lineup_jpeg_writer_finish:
 *
 * Returns: (transfer full): a baseline JFIF JPEG, without EXIF
 */
GBytes *
_lineup_jpeg_writer_finish (LineupJpegWriter  *w,
                            GError           **error)
{
  GBytes *bytes;

  if (setjmp (w->err.jump))
    {
      g_set_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_DAMAGED, "JPEG encoder: %s", w->err.message);
      return NULL;
    }
  jpeg_finish_compress (&w->cinfo);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&w->dest.array));
  return bytes;
}

/**
 * _lineup_jpeg_encode:
 * @stored: an RGB or RGBA pixbuf (alpha is ignored: flatten first)
 * @orientation: how to turn @stored upright while writing
 *
 * Returns: (transfer full): a baseline JFIF JPEG, without EXIF
 */
GBytes *
_lineup_jpeg_encode (GdkPixbuf     *stored,
                     int            orientation,
                     int            quality,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(LineupJpegWriter) w = NULL;
  int height = gdk_pixbuf_get_height (stored);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!(w = _lineup_jpeg_writer_new (gdk_pixbuf_get_width (stored), height, orientation, quality, error)) ||
      !_lineup_jpeg_writer_write (w, stored, height, error))
    return NULL;
  return _lineup_jpeg_writer_finish (w, error);
}
