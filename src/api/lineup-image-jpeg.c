/* lineup-image-jpeg.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-image"

#include "config.h"

#include <string.h>

#include "lineup-image-jpeg-private.h"

/* JPEG through libjpeg-turbo rather than gdk-pixbuf: it decodes straight
 * at N/8 of the size (the DCT does the first part of the scaling for
 * free) and can skip the rows and columns a crop leaves out. The
 * encoder is lineup-image-jpeg-write.c's. */

#define CANCEL_EVERY_ROWS 64
#define THREADED_MIN_ROWS 512
#define QUEUE_ROWS        64

static void
error_exit (j_common_ptr cinfo)
{
  ErrorManager *err = (ErrorManager *)cinfo->err;

  cinfo->err->format_message (cinfo, err->message);
  longjmp (err->jump, 1);
}

static void
emit_message (j_common_ptr cinfo,
              int          level)
{
  ErrorManager *err = (ErrorManager *)cinfo->err;

  /* Level -1 is a warning; "premature end of data" means the file was
   * cut off and the rest of the picture is made up grey. */
  if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF)
    err->hit_eof = TRUE;
}

void
_lineup_jpeg_error_manager_init (ErrorManager *err)
{
  jpeg_std_error (&err->parent);
  err->parent.error_exit = error_exit;
  err->parent.emit_message = emit_message;
  err->message[0] = '\0';
  err->hit_eof = FALSE;
}

static guint16
read16 (const guint8 *p,
        gboolean      big_endian)
{
  return big_endian ? (p[0] << 8 | p[1]) : (p[1] << 8 | p[0]);
}

static guint32
read32 (const guint8 *p,
        gboolean      big_endian)
{
  return big_endian ? ((guint32)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3])
                    : ((guint32)p[3] << 24 | p[2] << 16 | p[1] << 8 | p[0]);
}

/* The Orientation tag (0x0112) of IFD0 in an APP1 "Exif" payload. */
static int
exif_orientation (const guint8 *data,
                  gsize         len)
{
  gboolean be;
  guint32 ifd;
  guint16 n;

  if (len < 14 || memcmp (data, "Exif\0\0", 6) != 0)
    return 1;
  data += 6;
  len -= 6;
  if (memcmp (data, "MM\0*", 4) == 0)
    be = TRUE;
  else if (memcmp (data, "II*\0", 4) == 0)
    be = FALSE;
  else
    return 1;

  ifd = read32 (data + 4, be);
  if (ifd < 8 || ifd > len - 2)
    return 1;
  n = read16 (data + ifd, be);
  for (guint i = 0; i < n; i++)
    {
      gsize entry = ifd + 2 + (gsize)i * 12;

      if (entry + 12 > len)
        break;
      if (read16 (data + entry, be) == 0x0112 && read16 (data + entry + 2, be) == 3)
        {
          guint16 value = read16 (data + entry + 8, be);
          return value >= 1 && value <= 8 ? value : 1;
        }
    }
  return 1;
}

static int
marker_orientation (j_decompress_ptr cinfo)
{
  for (jpeg_saved_marker_ptr m = cinfo->marker_list; m != NULL; m = m->next)
    if (m->marker == JPEG_APP0 + 1)
      {
        int orientation = exif_orientation (m->data, m->data_length);
        if (orientation != 1)
          return orientation;
      }
  return 1;
}

static void
fill_info (j_decompress_ptr  cinfo,
           LineupJpegInfo   *info)
{
  info->width = cinfo->image_width;
  info->height = cinfo->image_height;
  info->components = cinfo->num_components;
  info->orientation = marker_orientation (cinfo);
  info->progressive = cinfo->progressive_mode;
}

/**
 * _lineup_jpeg_read_info:
 *
 * Reads the markers up to the first scan: size and orientation, no pixels.
 * The error message is libjpeg's, for the log.
 */
gboolean
_lineup_jpeg_read_info (GBytes          *bytes,
                        LineupJpegInfo  *info,
                        GError         **error)
{
  struct jpeg_decompress_struct cinfo;
  ErrorManager err;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  memset (info, 0, sizeof *info);
  cinfo.err = &err.parent;
  _lineup_jpeg_error_manager_init (&err);
  if (setjmp (err.jump))
    {
      g_set_error_literal (error, LINEUP_IMAGE_ERROR,
                           err.hit_eof ? LINEUP_IMAGE_ERROR_TRUNCATED : LINEUP_IMAGE_ERROR_DAMAGED,
                           err.message);
      jpeg_destroy_decompress (&cinfo);
      return FALSE;
    }

  jpeg_create_decompress (&cinfo);
  jpeg_mem_src (&cinfo, data, len);
  jpeg_save_markers (&cinfo, JPEG_APP0 + 1, 0xFFFF);
  if (jpeg_read_header (&cinfo, TRUE) != JPEG_HEADER_OK)
    {
      g_set_error_literal (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_DAMAGED, "no image in the stream");
      jpeg_destroy_decompress (&cinfo);
      return FALSE;
    }
  fill_info (&cinfo, info);
  jpeg_destroy_decompress (&cinfo);

  if (err.hit_eof)
    {
      g_set_error_literal (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_TRUNCATED, "the header is cut off");
      return FALSE;
    }
  return TRUE;
}

static void
cmyk_to_rgbx (const guint8 *cmyk,
              guint8       *rgb,
              int           width,
              gboolean      inverted)
{
  for (int x = 0; x < width; x++, cmyk += 4, rgb += 4)
    {
      int c = cmyk[0], m = cmyk[1], y = cmyk[2], k = cmyk[3];

      /* Adobe writes CMYK inverted; others do not. */
      if (!inverted)
        {
          c = 255 - c;
          m = 255 - m;
          y = 255 - y;
          k = 255 - k;
        }
      rgb[0] = c * k / 255;
      rgb[1] = m * k / 255;
      rgb[2] = y * k / 255;
      rgb[3] = 0xFF;
    }
}

static int
scaled (int size,
        int num)
{
  return (size * num + 7) / 8;
}

/* Everything that must survive a longjmp() out of libjpeg lives here, on
 * the heap, and the work runs in functions called after setjmp(), so no
 * local variable can be clobbered. */
typedef struct
{
  struct jpeg_decompress_struct  cinfo;
  ErrorManager                   err;
  GdkPixbuf                     *dest;
  LineupResampler               *resampler;
  guint8                        *row;
  guint8                        *rgb;
  int                            dest_width;
  int                            dest_height;
  gsize                          row_bytes;
  gsize                          slot_bytes;
  int                            skip_x;
  int                            n_rows;

  /* The threaded decode: a ring of QUEUE_ROWS decoded rows. */
  gboolean                       threaded;
  GMutex                         lock;
  GCond                          cond;
  guint8                        *queue;
  gboolean                       scaled[QUEUE_ROWS];   /* by the producer */
  int                            produced;
  int                            consumed;
  gboolean                       failed;
  gboolean                       stop;
  gboolean                       direct;       /* decoded into dest itself */
  gboolean                       producer_waiting;
  gboolean                       consumer_waiting;

  LineupRowsFunc                 rows_func;
  gpointer                       rows_data;
  int                            rows_told;
} Decoder;

static void
decoder_free (Decoder *d)
{
  jpeg_destroy_decompress (&d->cinfo);
  g_clear_object (&d->dest);
  g_clear_pointer (&d->resampler, _lineup_resampler_free);
  g_free (d->row);
  g_free (d->rgb);
  g_free (d->queue);
  if (d->threaded)
    {
      g_mutex_clear (&d->lock);
      g_cond_clear (&d->cond);
    }
  g_free (d);
}

static void
read_row (Decoder *d,
          guint8  *slot)
{
  JSAMPROW rows[1] = { slot };

  jpeg_read_scanlines (&d->cinfo, rows, 1);
  if (d->rgb != NULL)
    {
      cmyk_to_rgbx (slot, d->rgb, d->cinfo.output_width, d->cinfo.saw_Adobe_marker);
      memcpy (slot, d->rgb, d->row_bytes);
    }
}

static void
tell_rows (Decoder *d,
           int      done)
{
  if (d->rows_func != NULL && done > d->rows_told)
    {
      d->rows_func (d->dest, d->rows_told, done - d->rows_told, d->rows_data);
      d->rows_told = done;
    }
}

static guint8 *
dest_row (Decoder *d,
          int      y)
{
  return gdk_pixbuf_get_pixels (d->dest) + (gsize)y * gdk_pixbuf_get_rowstride (d->dest);
}

static void
take_row (Decoder      *d,
          int           y,
          const guint8 *row)
{
  const guint8 *pixels = row + (gsize)d->skip_x * 4;

  if (d->direct)
    tell_rows (d, y + 1);
  else if (d->resampler != NULL)
    {
      _lineup_resampler_push_row (d->resampler, pixels);
      tell_rows (d, _lineup_resampler_get_rows_out (d->resampler));
    }
  else
    {
      guint8 *out = dest_row (d, y);

      for (int x = 0; x < d->dest_width; x++)
        memcpy (out + x * 3, pixels + x * 4, 3);
      tell_rows (d, y + 1);
    }
}

/* A queued row, which the producer may have scaled horizontally */
static void
take_queued_row (Decoder      *d,
                 int           y,
                 const guint8 *slot)
{
  if (d->resampler == NULL || !d->scaled[y % QUEUE_ROWS])
    {
      take_row (d, y, slot);
      return;
    }
  _lineup_resampler_push_scaled (d->resampler, slot);
  tell_rows (d, _lineup_resampler_get_rows_out (d->resampler));
}

/* The producer: libjpeg runs in this thread only while it lives, and a
 * libjpeg error lands in this thread's own setjmp(). */
static gpointer
producer_main (gpointer data)
{
  Decoder *d = data;

  if (setjmp (d->err.jump))
    {
      g_mutex_lock (&d->lock);
      d->failed = TRUE;
      g_cond_broadcast (&d->cond);
      g_mutex_unlock (&d->lock);
      return NULL;
    }

  for (int y = 0, consumed = 0; y < d->n_rows; y++)
    {
      guint8 *slot = d->queue + (gsize)(y % QUEUE_ROWS) * d->slot_bytes;

      /* Lock only when the ring looks full, sleep only when it is; rows
       * decoded straight into the picture need no ring. */
      if (!d->direct && y - consumed >= QUEUE_ROWS)
        {
          g_mutex_lock (&d->lock);
          while (y - d->consumed >= QUEUE_ROWS && !d->stop)
            {
              d->producer_waiting = TRUE;
              g_cond_wait (&d->cond, &d->lock);
            }
          d->producer_waiting = FALSE;
          consumed = d->consumed;
          if (d->stop)
            {
              g_mutex_unlock (&d->lock);
              return NULL;
            }
          g_mutex_unlock (&d->lock);
        }

      /* Entropy decoding is usually the longer half, so the horizontal
       * pass is the consumer's, unless it falls behind: then this thread
       * takes some of it. That also follows a core taken by someone else. */
      d->scaled[y % QUEUE_ROWS] = d->resampler != NULL && y - consumed > QUEUE_ROWS / 2;
      if (d->direct)
        read_row (d, dest_row (d, y));
      else if (d->scaled[y % QUEUE_ROWS])
        {
          read_row (d, d->row);
          _lineup_resampler_scale_row (d->resampler, d->row + (gsize)d->skip_x * 4, slot);
        }
      else
        read_row (d, slot);

      g_mutex_lock (&d->lock);
      d->produced = y + 1;
      consumed = d->consumed;
      if (d->consumer_waiting)
        g_cond_broadcast (&d->cond);
      g_mutex_unlock (&d->lock);
    }
  return NULL;
}

static gboolean
consume_threaded (Decoder       *d,
                  GCancellable  *cancellable,
                  GError       **error)
{
  GThread *producer;
  gboolean ok = TRUE;

  /* Raw rows or horizontally scaled ones, whichever is wider. */
  d->slot_bytes = d->resampler ? MAX ((gsize)gdk_pixbuf_get_width (d->dest) * 4, d->row_bytes) : d->row_bytes;
  d->queue = g_malloc (d->slot_bytes * QUEUE_ROWS);
  d->row = g_malloc (d->row_bytes);
  g_mutex_init (&d->lock);
  g_cond_init (&d->cond);
  d->threaded = TRUE;
  producer = g_thread_new ("lineup-jpeg", producer_main, d);

  /* Takes every row decoded so far at once, and wakes the producer only
   * when it sleeps: a futex per row costs more than the rows. */
  for (int y = 0; y < d->n_rows && ok;)
    {
      int available;

      g_mutex_lock (&d->lock);
      while (d->produced <= y && !d->failed)
        {
          d->consumer_waiting = TRUE;
          g_cond_wait (&d->cond, &d->lock);
        }
      d->consumer_waiting = FALSE;
      available = d->produced;
      g_mutex_unlock (&d->lock);
      if (available <= y)
        break;

      for (; y < available && ok; y++)
        {
          take_queued_row (d, y, d->queue + (gsize)(y % QUEUE_ROWS) * d->slot_bytes);
          if (y % CANCEL_EVERY_ROWS == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
            ok = FALSE;
        }

      g_mutex_lock (&d->lock);
      d->consumed = y;
      if (d->producer_waiting)
        g_cond_broadcast (&d->cond);
      g_mutex_unlock (&d->lock);
    }

  g_mutex_lock (&d->lock);
  d->stop = TRUE;
  g_cond_broadcast (&d->cond);
  g_mutex_unlock (&d->lock);
  g_thread_join (producer);

  if (d->failed)
    {
      /* The producer's longjmp() left the message; report it here. */
      g_clear_error (error);
      g_set_error_literal (error, LINEUP_IMAGE_ERROR,
                           d->err.hit_eof ? LINEUP_IMAGE_ERROR_TRUNCATED : LINEUP_IMAGE_ERROR_DAMAGED,
                           d->err.message);
      return FALSE;
    }
  if (ok)
    jpeg_abort_decompress (&d->cinfo);
  return ok;
}

static gboolean
decode_body (Decoder                *d,
             GBytes                 *bytes,
             const LineupImageRect  *stored_crop,
             GCancellable           *cancellable,
             GError                **error)
{
  j_decompress_ptr cinfo = &d->cinfo;
  LineupImageRect crop;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  int num, x0 = 0, x1 = 0, y0 = 0, y1 = 0, skip_x = 0;
  JDIMENSION xoffset, width;

  jpeg_create_decompress (cinfo);
  jpeg_mem_src (cinfo, data, len);
  jpeg_read_header (cinfo, TRUE);

  if (stored_crop != NULL && stored_crop->width > 0 && stored_crop->height > 0)
    crop = *stored_crop;
  else
    crop = (LineupImageRect) { 0, 0, cinfo->image_width, cinfo->image_height };

  /* The smallest scale at or above the destination size among those
   * libjpeg-turbo has SIMD code for (8/8, 4/8, 2/8, 1/8): the others
   * run scalar IDCTs (and for 4:2:0 chroma at 6/8, a 12×12 one), which
   * made 6/8 of a 24 MP photo slower than 8/8 here. libjpeg rounds
   * scaled sizes up. */
  for (num = 1; num <= 8; num *= 2)
    {
      x0 = crop.x * num / 8;
      y0 = crop.y * num / 8;
      x1 = MIN (scaled (cinfo->image_width, num), scaled (crop.x + crop.width, num));
      y1 = MIN (scaled (cinfo->image_height, num), scaled (crop.y + crop.height, num));
      if ((x1 - x0 >= d->dest_width && y1 - y0 >= d->dest_height) || num == 8)
        break;
    }

  cinfo->scale_num = num;
  cinfo->scale_denom = 8;
  if (cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK)
    cinfo->out_color_space = JCS_CMYK;
  else if (x0 == 0 && x1 == scaled (cinfo->image_width, num) &&
           x1 - x0 <= d->dest_width && y1 - y0 <= d->dest_height)
    {
      /* Neither scaled nor cut sideways: rows go straight into the picture. */
      cinfo->out_color_space = JCS_EXT_RGB;
      d->direct = TRUE;
    }
  else
    cinfo->out_color_space = JCS_EXT_RGBX;   /* 4-byte pixels for the resampler */

  jpeg_start_decompress (cinfo);

  x1 = MIN (x1, (int)cinfo->output_width);
  y1 = MIN (y1, (int)cinfo->output_height);
  d->dest_width = MIN (d->dest_width, x1 - x0);
  d->dest_height = MIN (d->dest_height, y1 - y0);
  g_debug ("JPEG %ux%u: decoding at %d/8, region %d,%d %dx%d → %dx%d",
           cinfo->image_width, cinfo->image_height, num, x0, y0, x1 - x0, y1 - y0,
           d->dest_width, d->dest_height);

  if (!(d->dest = _lineup_pixbuf_new (FALSE, d->dest_width, d->dest_height)))
    {
      g_set_error_literal (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_TOO_MANY_PIXELS,
                           "out of memory for the scaled picture");
      return FALSE;
    }

  if (x0 > 0 || x1 < (int)cinfo->output_width)
    {
      xoffset = x0;
      width = x1 - x0;
      jpeg_crop_scanline (cinfo, &xoffset, &width);
      skip_x = x0 - (int)xoffset;
    }
  if (y0 > 0)
    jpeg_skip_scanlines (cinfo, y0);

  if (d->dest_width != x1 - x0 || d->dest_height != y1 - y0)
    d->resampler = _lineup_resampler_new (x1 - x0, y1 - y0, 4, d->dest);

  d->row_bytes = (gsize)cinfo->output_width * 4;
  d->skip_x = skip_x;
  d->n_rows = y1 - y0;
  if (cinfo->out_color_space == JCS_CMYK)
    d->rgb = g_malloc (d->row_bytes);

  /* Entropy decoding is most of the time and cannot be split; with a
   * second core, the resampling runs beside it instead of after it. */
  if (d->n_rows >= THREADED_MIN_ROWS && g_get_num_processors () > 1)
    return consume_threaded (d, cancellable, error);

  d->row = g_malloc (d->row_bytes);
  for (int y = 0; y < d->n_rows; y++)
    {
      if (y % CANCEL_EVERY_ROWS == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      read_row (d, d->direct ? dest_row (d, y) : d->row);
      take_row (d, y, d->row);
    }

  jpeg_abort_decompress (cinfo);
  return TRUE;
}

/**
 * _lineup_jpeg_decode:
 * @stored_crop: (nullable): the part to decode, in stored full-size pixels
 * @dest_width: the size to scale @stored_crop to (no larger than it)
 * @rows_func: (nullable): told of the destination rows as they are done
 * @truncated: (out): set when the data ended early
 *
 * Decodes at a DCT scale that still gives at least the destination size,
 * then resamples the rest of the way as rows arrive.
 *
 * Returns: (transfer full): an RGB pixbuf of @dest_width × @dest_height,
 *   in the stored orientation
 */
GdkPixbuf *
_lineup_jpeg_decode (GBytes                *bytes,
                     const LineupImageRect *stored_crop,
                     int                    dest_width,
                     int                    dest_height,
                     LineupRowsFunc         rows_func,
                     gpointer               rows_data,
                     GCancellable          *cancellable,
                     gboolean              *truncated,
                     GError               **error)
{
  Decoder *d = g_new0 (Decoder, 1);
  GdkPixbuf *dest = NULL;

  *truncated = FALSE;
  d->rows_func = rows_func;
  d->rows_data = rows_data;
  d->dest_width = dest_width;
  d->dest_height = dest_height;
  d->cinfo.err = &d->err.parent;
  _lineup_jpeg_error_manager_init (&d->err);
  if (setjmp (d->err.jump))
    {
      *truncated = d->err.hit_eof;
      g_set_error_literal (error, LINEUP_IMAGE_ERROR,
                           d->err.hit_eof ? LINEUP_IMAGE_ERROR_TRUNCATED : LINEUP_IMAGE_ERROR_DAMAGED,
                           d->err.message);
      decoder_free (d);
      return NULL;
    }

  if (decode_body (d, bytes, stored_crop, cancellable, error))
    {
      *truncated = d->err.hit_eof;
      dest = d->dest;
      d->dest = NULL;
    }
  decoder_free (d);
  return dest;
}
