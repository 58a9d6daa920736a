/* lineup-image-resample.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-image"

#include "config.h"

#include <math.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lineup-image-private.h"

/* A separable Catmull-Rom resampler in 14-bit fixed point, widened by
 * the scale factor when shrinking so that every source pixel counts (no
 * aliasing, unlike a 2×2 bilinear). Rows are scaled horizontally as they
 * arrive and kept in a small ring until the vertical filter has what an
 * output row needs, so a 24 MP decode streams through in a few rows. */

#define WEIGHT_BITS 14
#define WEIGHT_ONE  (1 << WEIGHT_BITS)

typedef struct
{
  int     *start;     /* first source index per destination index */
  int      n_taps;    /* same for all, padded with zero weights */
  gint16  *weights;   /* n_taps per destination index */
} Contributions;

struct _LineupResampler
{
  int            src_width;
  int            src_height;
  int            src_channels;
  int            channels;      /* of dest */
  GdkPixbuf     *dest;
  guint8        *widened;       /* a 3-channel row as 4 */
  Contributions  horizontal;
  Contributions  vertical;
  guint8        *ring;          /* horizontally scaled rows */
  int            ring_rows;
  gsize          ring_stride;
  int            rows_in;       /* source rows pushed */
  int            rows_out;      /* destination rows written */
  gint32        *accumulator;
};

static double
catmull_rom (double x)
{
  x = fabs (x);
  if (x < 1.0)
    return (1.5 * x - 2.5) * x * x + 1.0;
  if (x < 2.0)
    return ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0;
  return 0.0;
}

static void
contributions_init (Contributions *c,
                    int            src_size,
                    int            dest_size)
{
  double scale = (double)dest_size / src_size;
  double support = scale < 1.0 ? 2.0 / scale : 2.0;
  double filter_scale = scale < 1.0 ? scale : 1.0;
  g_autofree double *w = NULL;

  c->n_taps = MIN ((int)ceil (2 * support) + 1, src_size);
  c->start = g_new (int, dest_size);
  c->weights = g_new0 (gint16, (gsize)dest_size * c->n_taps);
  w = g_new (double, c->n_taps);

  for (int i = 0; i < dest_size; i++)
    {
      double center = (i + 0.5) / scale;
      int lo = (int)ceil (center - support - 0.5);
      double total = 0;
      int fixed_total = 0, biggest = 0;
      gint16 *out = c->weights + (gsize)i * c->n_taps;

      lo = MAX (lo, 0);
      /* Keep the window inside the source; the padding weights are 0. */
      if (lo + c->n_taps > src_size)
        lo = MAX (0, src_size - c->n_taps);
      c->start[i] = lo;

      for (int k = 0; k < c->n_taps; k++)
        {
          int s = lo + k;
          w[k] = s < src_size ? catmull_rom ((s + 0.5 - center) * filter_scale) : 0.0;
          total += w[k];
        }
      for (int k = 0; k < c->n_taps; k++)
        {
          out[k] = (gint16)lrint (w[k] / total * WEIGHT_ONE);
          fixed_total += out[k];
          if (out[k] > out[biggest])
            biggest = k;
        }
      /* Rounding must not shift the brightness. */
      out[biggest] += WEIGHT_ONE - fixed_total;
    }
}

static void
contributions_clear (Contributions *c)
{
  g_clear_pointer (&c->start, g_free);
  g_clear_pointer (&c->weights, g_free);
}

static inline guint8
clamp_fixed (gint32 v)
{
  v = (v + (WEIGHT_ONE / 2)) >> WEIGHT_BITS;
  return (guint8)(v < 0 ? 0 : v > 255 ? 255 : v);
}

/* Horizontal pass over 4-byte pixels (RGBX or RGBA), into 4-byte pixels.
 * With SSE2 (every x86-64) two taps go through one multiply-add for all
 * four channels. */
static void
scale_row (const Contributions *c,
           const guint8        *src,
           guint8              *dest,
           int                  dest_width)
{
  int n_taps = c->n_taps;

  for (int x = 0; x < dest_width; x++)
    {
      const gint16 *w = c->weights + (gsize)x * n_taps;
      const guint8 *s = src + (gsize)c->start[x] * 4;
#ifdef __SSE2__
      __m128i zero = _mm_setzero_si128 ();
      __m128i acc = _mm_set1_epi32 (WEIGHT_ONE / 2);
      int k = 0;

      for (; k + 1 < n_taps; k += 2)
        {
          __m128i p = _mm_unpacklo_epi8 (_mm_loadl_epi64 ((const __m128i *)(s + k * 4)), zero);
          __m128i pairs = _mm_unpacklo_epi16 (p, _mm_unpackhi_epi64 (p, p));
          __m128i wk = _mm_set1_epi32 ((guint16)w[k] | (guint32)(guint16)w[k + 1] << 16);

          acc = _mm_add_epi32 (acc, _mm_madd_epi16 (pairs, wk));
        }
      if (k < n_taps)
        {
          guint32 px;
          __m128i p, pairs;

          memcpy (&px, s + k * 4, 4);
          p = _mm_unpacklo_epi8 (_mm_cvtsi32_si128 (px), zero);
          pairs = _mm_unpacklo_epi16 (p, zero);
          acc = _mm_add_epi32 (acc, _mm_madd_epi16 (pairs, _mm_set1_epi32 ((guint16)w[k])));
        }
      acc = _mm_srai_epi32 (acc, WEIGHT_BITS);
      acc = _mm_packs_epi32 (acc, acc);
      acc = _mm_packus_epi16 (acc, acc);
      *(guint32 *)(void *)(dest + (gsize)x * 4) = (guint32)_mm_cvtsi128_si32 (acc);
#else
      for (int ch = 0; ch < 4; ch++)
        {
          gint32 v = 0;

          for (int k = 0; k < n_taps; k++)
            v += w[k] * s[k * 4 + ch];
          dest[(gsize)x * 4 + ch] = clamp_fixed (v);
        }
#endif
    }
}

LineupResampler *
_lineup_resampler_new (int        src_width,
                       int        src_height,
                       int        src_channels,
                       GdkPixbuf *dest)
{
  LineupResampler *self = g_new0 (LineupResampler, 1);
  int dest_width = gdk_pixbuf_get_width (dest);
  int dest_height = gdk_pixbuf_get_height (dest);

  self->src_width = src_width;
  self->src_height = src_height;
  self->src_channels = src_channels;
  self->channels = gdk_pixbuf_get_n_channels (dest);
  self->dest = g_object_ref (dest);
  contributions_init (&self->horizontal, src_width, dest_width);
  contributions_init (&self->vertical, src_height, dest_height);
  self->ring_rows = self->vertical.n_taps;
  self->ring_stride = (gsize)dest_width * 4;
  self->ring = g_malloc (self->ring_stride * self->ring_rows);
  self->accumulator = g_new (gint32, self->ring_stride);
  if (src_channels != 4)
    self->widened = g_malloc ((gsize)src_width * 4);
  return self;
}

void
_lineup_resampler_free (LineupResampler *self)
{
  if (self == NULL)
    return;
  contributions_clear (&self->horizontal);
  contributions_clear (&self->vertical);
  g_clear_object (&self->dest);
  g_free (self->ring);
  g_free (self->accumulator);
  g_free (self->widened);
  g_free (self);
}

static void
emit_rows (LineupResampler *self)
{
  int dest_width = gdk_pixbuf_get_width (self->dest);
  int dest_height = gdk_pixbuf_get_height (self->dest);
  int n_taps = self->vertical.n_taps;
  gsize width = self->ring_stride;
  guint8 *pixels = gdk_pixbuf_get_pixels (self->dest);
  int stride = gdk_pixbuf_get_rowstride (self->dest);

  /* A destination row is ready once its whole window has arrived. */
  while (self->rows_out < dest_height &&
         self->vertical.start[self->rows_out] + n_taps <= self->rows_in)
    {
      const gint16 *w = self->vertical.weights + (gsize)self->rows_out * n_taps;
      int first = self->vertical.start[self->rows_out];
      guint8 *out = pixels + (gsize)self->rows_out * stride;
      gint32 *acc = self->accumulator;

      for (gsize x = 0; x < width; x++)
        acc[x] = WEIGHT_ONE / 2;
      for (int k = 0; k < n_taps; k++)
        {
          const guint8 *row = self->ring + (gsize)((first + k) % self->ring_rows) * self->ring_stride;
          gint32 wk = w[k];

          if (wk == 0)
            continue;
          for (gsize x = 0; x < width; x++)
            acc[x] += wk * row[x];
        }
      for (gsize x = 0; x < width; x++)
        {
          gint32 v = acc[x] >> WEIGHT_BITS;
          acc[x] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
      if (self->channels == 4)
        for (gsize x = 0; x < width; x++)
          out[x] = acc[x];
      else
        for (int x = 0; x < dest_width; x++)
          {
            out[x * 3] = acc[x * 4];
            out[x * 3 + 1] = acc[x * 4 + 1];
            out[x * 3 + 2] = acc[x * 4 + 2];
          }
      self->rows_out++;
    }
}

/**
 * _lineup_resampler_push_row:
 * @row: one source row, @src_width pixels of @src_channels bytes
 */
void
_lineup_resampler_push_row (LineupResampler *self,
                            const guint8    *row)
{
  guint8 *slot;
  int dest_width = gdk_pixbuf_get_width (self->dest);

  g_return_if_fail (self->rows_in < self->src_height);

  if (self->src_channels == 3)
    {
      for (int x = 0; x < self->src_width; x++)
        {
          self->widened[x * 4] = row[x * 3];
          self->widened[x * 4 + 1] = row[x * 3 + 1];
          self->widened[x * 4 + 2] = row[x * 3 + 2];
          self->widened[x * 4 + 3] = 0xFF;
        }
      row = self->widened;
    }

  slot = self->ring + (gsize)(self->rows_in % self->ring_rows) * self->ring_stride;
  scale_row (&self->horizontal, row, slot, dest_width);
  self->rows_in++;
  emit_rows (self);
}

/**
 * _lineup_resample:
 *
 * Scales the @x, @y, @width × @height part of @src to the destination
 * size with the same filter as the streaming path.
 *
 * Returns: (transfer full): a new pixbuf
 */
GdkPixbuf *
_lineup_resample (GdkPixbuf *src,
                  int        x,
                  int        y,
                  int        width,
                  int        height,
                  int        dest_width,
                  int        dest_height)
{
  g_autoptr(LineupResampler) resampler = NULL;
  GdkPixbuf *dest;
  const guint8 *pixels = gdk_pixbuf_read_pixels (src);
  int stride = gdk_pixbuf_get_rowstride (src);
  int channels = gdk_pixbuf_get_n_channels (src);

  dest = gdk_pixbuf_new (GDK_COLORSPACE_RGB, gdk_pixbuf_get_has_alpha (src), 8, dest_width, dest_height);
  if (dest == NULL)
    return NULL;
  if (width == dest_width && height == dest_height)
    {
      gdk_pixbuf_copy_area (src, x, y, width, height, dest, 0, 0);
      return dest;
    }

  resampler = _lineup_resampler_new (width, height, channels, dest);
  for (int row = 0; row < height; row++)
    _lineup_resampler_push_row (resampler, pixels + (gsize)(y + row) * stride + (gsize)x * channels);
  return dest;
}

/* Orientation */

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
  int uw = _lineup_orientation_swaps (orientation) ? sh : sw;

  if ((orientation <= 1 || orientation > 8) && channels == 3)
    {
      for (int r = 0; r < n_rows; r++)
        memcpy (out + (gsize)r * out_stride, pixels + (gsize)(first_row + r) * stride, (gsize)uw * 3);
      return;
    }

  /* Column-wise reads for the turned cases: walk the stored rows in the
   * outer loop so each cache line is used for all n_rows output rows. */
  if (_lineup_orientation_swaps (orientation))
    {
      for (int ux = 0; ux < uw; ux++)
        for (int r = 0; r < n_rows; r++)
          {
            int sx, sy;
            const guint8 *s;
            guint8 *d = out + (gsize)r * out_stride + (gsize)ux * 3;

            upright_to_stored (orientation, sw, sh, ux, first_row + r, &sx, &sy);
            s = pixels + (gsize)sy * stride + (gsize)sx * channels;
            d[0] = s[0];
            d[1] = s[1];
            d[2] = s[2];
          }
      return;
    }

  for (int r = 0; r < n_rows; r++)
    for (int ux = 0; ux < uw; ux++)
      {
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

/**
 * _lineup_box_reduce:
 * @factor: ≥ 2
 *
 * Averages each @factor × @factor block into one pixel: a cheap first
 * step for large reductions such as the preview, which the resampler
 * then finishes with a small factor.
 *
 * Returns: (transfer full): the reduced pixbuf
 */
GdkPixbuf *
_lineup_box_reduce (GdkPixbuf *src,
                    int        factor)
{
  int w = gdk_pixbuf_get_width (src) / factor;
  int h = gdk_pixbuf_get_height (src) / factor;
  int channels = gdk_pixbuf_get_n_channels (src);
  int src_stride = gdk_pixbuf_get_rowstride (src);
  const guint8 *src_pixels = gdk_pixbuf_read_pixels (src);
  GdkPixbuf *dest = gdk_pixbuf_new (GDK_COLORSPACE_RGB, gdk_pixbuf_get_has_alpha (src), 8, MAX (w, 1), MAX (h, 1));
  int dest_stride = gdk_pixbuf_get_rowstride (dest);
  guint8 *dest_pixels = gdk_pixbuf_get_pixels (dest);
  g_autofree guint32 *sums = g_new (guint32, (gsize)MAX (w, 1) * channels);
  guint32 area = (guint32)factor * factor;

  for (int y = 0; y < h; y++)
    {
      guint8 *out = dest_pixels + (gsize)y * dest_stride;

      memset (sums, 0, (gsize)w * channels * sizeof *sums);
      for (int dy = 0; dy < factor; dy++)
        {
          const guint8 *row = src_pixels + (gsize)(y * factor + dy) * src_stride;
          guint32 *sum = sums;

          /* Sums of whole blocks, pixel by pixel: one pass over the row. */
          if (channels == 3)
            for (int x = 0; x < w; x++, sum += 3)
              for (int dx = 0; dx < factor; dx++, row += 3)
                {
                  sum[0] += row[0];
                  sum[1] += row[1];
                  sum[2] += row[2];
                }
          else
            for (int x = 0; x < w; x++, sum += channels)
              for (int dx = 0; dx < factor; dx++, row += channels)
                for (int c = 0; c < channels; c++)
                  sum[c] += row[c];
        }
      for (int i = 0; i < w * channels; i++)
        out[i] = (sums[i] + area / 2) / area;
    }
  return dest;
}
