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
  guint32 *pairs;     /* the same, two taps packed per word, for madd */
  int      n_pairs;
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
  guint8        *packed;        /* one finished row of 4-byte pixels */
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

  c->n_pairs = (c->n_taps + 1) / 2;
  c->pairs = g_new0 (guint32, (gsize)dest_size * c->n_pairs);
  for (int i = 0; i < dest_size; i++)
    for (int k = 0; k < c->n_taps; k++)
      c->pairs[(gsize)i * c->n_pairs + k / 2] |=
        (guint32)(guint16)c->weights[(gsize)i * c->n_taps + k] << (k % 2 ? 16 : 0);
}

static void
contributions_clear (Contributions *c)
{
  g_clear_pointer (&c->start, g_free);
  g_clear_pointer (&c->weights, g_free);
  g_clear_pointer (&c->pairs, g_free);
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
      const guint8 *s = src + (gsize)c->start[x] * 4;
#ifdef __SSE2__
      const guint32 *pairs = c->pairs + (gsize)x * c->n_pairs;
      __m128i zero = _mm_setzero_si128 ();
      __m128i acc = _mm_set1_epi32 (WEIGHT_ONE / 2);
      int k = 0;

      for (; k + 1 < n_taps; k += 2)
        {
          __m128i p = _mm_unpacklo_epi8 (_mm_loadl_epi64 ((const __m128i *)(s + k * 4)), zero);
          __m128i taps = _mm_unpacklo_epi16 (p, _mm_unpackhi_epi64 (p, p));

          acc = _mm_add_epi32 (acc, _mm_madd_epi16 (taps, _mm_set1_epi32 (pairs[k / 2])));
        }
      if (k < n_taps)
        {
          guint32 px;
          __m128i p, taps;

          /* The last odd tap alone: never read past the row. */
          memcpy (&px, s + k * 4, 4);
          p = _mm_unpacklo_epi8 (_mm_cvtsi32_si128 (px), zero);
          taps = _mm_unpacklo_epi16 (p, zero);
          acc = _mm_add_epi32 (acc, _mm_madd_epi16 (taps, _mm_set1_epi32 (pairs[k / 2])));
        }
      acc = _mm_srai_epi32 (acc, WEIGHT_BITS);
      acc = _mm_packs_epi32 (acc, acc);
      acc = _mm_packus_epi16 (acc, acc);
      *(guint32 *)(void *)(dest + (gsize)x * 4) = (guint32)_mm_cvtsi128_si32 (acc);
#else
      const gint16 *w = c->weights + (gsize)x * n_taps;

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
  self->packed = g_malloc (self->ring_stride);
  if (src_channels != 4)
    self->widened = g_malloc ((gsize)src_width * 4);
  return self;
}

int
_lineup_resampler_get_rows_out (LineupResampler *self)
{
  return self->rows_out;
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
  g_free (self->packed);
  g_free (self->widened);
  g_free (self);
}

/* acc[x] = Σ w[k] · row_k[x], then packed to bytes in self->packed.
 * With SSE2 two rows go through one multiply-add, 16 bytes at a time. */
static void
vertical_pass (LineupResampler *self,
               const gint16    *w,
               int              first,
               gint32          *acc,
               gsize            width)
{
  enum { MAX_PAIRS = 32 };
  int n_taps = self->vertical.n_taps;
  int n_pairs = (n_taps + 1) / 2;
  const guint8 *rows[2 * MAX_PAIRS];
  gsize x = 0;

  for (int k = 0; k < 2 * MIN (n_pairs, MAX_PAIRS); k++)
    rows[k] = self->ring + (gsize)((first + MIN (k, n_taps - 1)) % self->ring_rows) * self->ring_stride;

#ifdef __SSE2__
  /* All the taps for 16 bytes at a time in registers, two rows per
   * multiply-add; the padding tap of an odd count has weight 0. */
  if (n_pairs <= MAX_PAIRS)
    {
      __m128i zero = _mm_setzero_si128 ();
      __m128i pairs[MAX_PAIRS];

      for (int j = 0; j < n_pairs; j++)
        pairs[j] = _mm_set1_epi32 ((guint16)w[2 * j] |
                                   (guint32)(guint16)(2 * j + 1 < n_taps ? w[2 * j + 1] : 0) << 16);

      for (; x + 16 <= width; x += 16)
        {
          __m128i a0 = _mm_set1_epi32 (WEIGHT_ONE / 2), a1 = a0, a2 = a0, a3 = a0;

          for (int j = 0; j < n_pairs; j++)
            {
              __m128i p = _mm_loadu_si128 ((const __m128i *)(rows[2 * j] + x));
              __m128i q = _mm_loadu_si128 ((const __m128i *)(rows[2 * j + 1] + x));
              __m128i lo = _mm_unpacklo_epi8 (p, q);
              __m128i hi = _mm_unpackhi_epi8 (p, q);

              a0 = _mm_add_epi32 (a0, _mm_madd_epi16 (_mm_unpacklo_epi8 (lo, zero), pairs[j]));
              a1 = _mm_add_epi32 (a1, _mm_madd_epi16 (_mm_unpackhi_epi8 (lo, zero), pairs[j]));
              a2 = _mm_add_epi32 (a2, _mm_madd_epi16 (_mm_unpacklo_epi8 (hi, zero), pairs[j]));
              a3 = _mm_add_epi32 (a3, _mm_madd_epi16 (_mm_unpackhi_epi8 (hi, zero), pairs[j]));
            }
          a0 = _mm_srai_epi32 (a0, WEIGHT_BITS);
          a1 = _mm_srai_epi32 (a1, WEIGHT_BITS);
          a2 = _mm_srai_epi32 (a2, WEIGHT_BITS);
          a3 = _mm_srai_epi32 (a3, WEIGHT_BITS);
          _mm_storeu_si128 ((__m128i *)(void *)(self->packed + x),
                            _mm_packus_epi16 (_mm_packs_epi32 (a0, a1), _mm_packs_epi32 (a2, a3)));
        }
    }
#endif

  /* The rest of the row, or all of it without SSE2 */
  for (gsize i = x; i < width; i++)
    acc[i] = WEIGHT_ONE / 2;
  for (int k = 0; k < n_taps && x < width; k++)
    {
      const guint8 *row = self->ring + (gsize)((first + k) % self->ring_rows) * self->ring_stride;

      for (gsize i = x; i < width; i++)
        acc[i] += w[k] * row[i];
    }
  for (gsize i = x; i < width; i++)
    {
      gint32 v = acc[i] >> WEIGHT_BITS;
      self->packed[i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
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

      vertical_pass (self, w, first, acc, width);
      if (self->channels == 4)
        memcpy (out, self->packed, width);
      else
        for (int x = 0; x < dest_width; x++)
          {
            out[x * 3] = self->packed[x * 4];
            out[x * 3 + 1] = self->packed[x * 4 + 1];
            out[x * 3 + 2] = self->packed[x * 4 + 2];
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
 * _lineup_resampler_scale_row:
 * @row: a source row of 4-byte pixels
 * @out: room for the destination width of 4-byte pixels
 *
 * The horizontal pass alone. It only reads @self, so another thread can
 * run it while this one pushes: the decoder's thread has the time.
 */
void
_lineup_resampler_scale_row (LineupResampler *self,
                             const guint8    *row,
                             guint8          *out)
{
  scale_row (&self->horizontal, row, out, gdk_pixbuf_get_width (self->dest));
}

/**
 * _lineup_resampler_push_scaled:
 * @scaled: a row from _lineup_resampler_scale_row()
 */
void
_lineup_resampler_push_scaled (LineupResampler *self,
                               const guint8    *scaled)
{
  g_return_if_fail (self->rows_in < self->src_height);

  memcpy (self->ring + (gsize)(self->rows_in % self->ring_rows) * self->ring_stride, scaled, self->ring_stride);
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

struct _LineupBoxReducer
{
  int        factor;
  int        channels;
  int        src_width;
  int        rows_in;
  GdkPixbuf *dest;
  guint16   *column_sums;   /* per source byte of whole blocks */
  guint64    reciprocal;    /* 2⁴⁸ / factor², rounded up */
};

/* 16-bit column sums hold up to 257 rows of 255. */
#define BOX_MAX_FACTOR 257

/**
 * _lineup_box_reducer_new:
 * @factor: ≥ 1
 *
 * Averages each @factor × @factor block of the rows pushed into one
 * pixel: a cheap first step for large reductions such as the preview,
 * which the resampler then finishes with a small factor.
 */
LineupBoxReducer *
_lineup_box_reducer_new (int src_width,
                         int src_height,
                         int channels,
                         int factor)
{
  LineupBoxReducer *self = g_new0 (LineupBoxReducer, 1);
  int w, h;

  factor = CLAMP (factor, 1, MAX (1, MIN (BOX_MAX_FACTOR, MIN (src_width, src_height))));
  w = MAX (src_width / factor, 1);
  h = MAX (src_height / factor, 1);
  self->factor = factor;
  self->channels = channels;
  self->src_width = src_width;
  self->dest = gdk_pixbuf_new (GDK_COLORSPACE_RGB, channels == 4, 8, w, h);
  self->column_sums = g_new0 (guint16, (gsize)w * factor * channels);
  self->reciprocal = (G_GUINT64_CONSTANT (1) << 48) / ((guint64)factor * factor) + 1;
  return self;
}

/* Each block's rounded mean, dividing by its area through a 48-bit
 * reciprocal: exact for every sum a block of 257 × 257 can reach. */
static void
box_reducer_emit (LineupBoxReducer *self,
                  guint8           *out)
{
  int w = gdk_pixbuf_get_width (self->dest);
  int channels = self->channels;
  int factor = self->factor;
  guint64 m = self->reciprocal;
  guint32 half = (guint32)factor * factor / 2;
  const guint16 *column = self->column_sums;

  if (channels == 3)
    for (int x = 0; x < w; x++, out += 3)
      {
        guint32 r = half, g = half, b = half;

        for (int dx = 0; dx < factor; dx++, column += 3)
          {
            r += column[0];
            g += column[1];
            b += column[2];
          }
        out[0] = (guint8)((r * m) >> 48);
        out[1] = (guint8)((g * m) >> 48);
        out[2] = (guint8)((b * m) >> 48);
      }
  else
    for (int x = 0; x < w; x++, column += factor * channels)
      for (int c = 0; c < channels; c++)
        {
          guint32 sum = half;

          for (int dx = 0; dx < factor; dx++)
            sum += column[dx * channels + c];
          out[x * channels + c] = (guint8)((sum * m) >> 48);
        }
}

void
_lineup_box_reducer_push (LineupBoxReducer *self,
                          const guint8     *row)
{
  int w = gdk_pixbuf_get_width (self->dest);
  int out_row = self->rows_in / self->factor;
  gsize n = (gsize)w * self->factor * self->channels;
  guint16 *column = self->column_sums;

  if (out_row >= gdk_pixbuf_get_height (self->dest))
    {
      self->rows_in++;
      return;
    }

  /* Down the columns first, in plain loops the compiler vectorizes;
   * across the blocks only once per block row. */
  if (self->rows_in % self->factor == 0)
    for (gsize i = 0; i < n; i++)
      column[i] = row[i];
  else
    for (gsize i = 0; i < n; i++)
      column[i] += row[i];

  self->rows_in++;
  if (self->rows_in % self->factor == 0)
    box_reducer_emit (self, gdk_pixbuf_get_pixels (self->dest) +
                            (gsize)out_row * gdk_pixbuf_get_rowstride (self->dest));
}

/**
 * _lineup_box_reducer_finish:
 *
 * Returns: (transfer full): the reduced picture
 */
GdkPixbuf *
_lineup_box_reducer_finish (LineupBoxReducer *self)
{
  return g_object_ref (self->dest);
}

void
_lineup_box_reducer_free (LineupBoxReducer *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->dest);
  g_free (self->column_sums);
  g_free (self);
}
