/* lineup-image-resample.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-image"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lineup-image-private.h"
#include "lineup-image-resample-private.h"

/* A separable Catmull-Rom resampler in 14-bit fixed point, widened by
 * the scale factor when shrinking so that every source pixel counts (no
 * aliasing, unlike a 2×2 bilinear). Rows are scaled horizontally as they
 * arrive and kept in a small ring until the vertical filter has what an
 * output row needs, so a 24 MP decode streams through in a few rows. */

#define WEIGHT_BITS LINEUP_WEIGHT_BITS
#define WEIGHT_ONE  LINEUP_WEIGHT_ONE
#define MAX_PAIRS   LINEUP_VERTICAL_MAX_PAIRS

typedef LineupContributions Contributions;

struct _LineupResampler
{
  int            src_width;
  int            src_height;
  int            src_channels;
  int            channels;      /* of dest */
  GdkPixbuf     *dest;
  LineupSimd     simd;
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

  /* The SIMD loops take taps eight at a time, as four pixels twice. */
  c->n_octs = (c->n_taps + 7) / 8;
  c->octs = g_new0 (gint16, (gsize)dest_size * c->n_octs * 8);
  c->n_fast = 0;
  for (int i = 0; i < dest_size; i++)
    {
      memcpy (c->octs + (gsize)i * c->n_octs * 8, c->weights + (gsize)i * c->n_taps, c->n_taps * sizeof (gint16));
      if (c->start[i] + 8 * c->n_octs <= src_size)
        c->n_fast = i + 1;
    }
}

static void
contributions_clear (Contributions *c)
{
  g_clear_pointer (&c->start, g_free);
  g_clear_pointer (&c->weights, g_free);
  g_clear_pointer (&c->octs, g_free);
}

static inline guint8
clamp_fixed (gint32 v)
{
  v = (v + (WEIGHT_ONE / 2)) >> WEIGHT_BITS;
  return (guint8)(v < 0 ? 0 : v > 255 ? 255 : v);
}

/* Horizontal pass over 4-byte pixels (RGBX or RGBA), into 4-byte
 * pixels, for destination pixels @from … @to − 1: the plain loop, which
 * reads only the taps themselves. */
static void
scale_row_plain (const Contributions *c,
                 const guint8        *src,
                 guint8              *dest,
                 int                  from,
                 int                  to)
{
  int n_taps = c->n_taps;

  for (int x = from; x < to; x++)
    {
      const guint8 *s = src + (gsize)c->start[x] * 4;
      const gint16 *w = c->weights + (gsize)x * n_taps;

      for (int ch = 0; ch < 4; ch++)
        {
          gint32 v = 0;

          for (int k = 0; k < n_taps; k++)
            v += w[k] * s[k * 4 + ch];
          dest[(gsize)x * 4 + ch] = clamp_fixed (v);
        }
    }
}

#ifdef __SSE2__
/* With SSE2 (every x86-64), two taps go through one multiply-add for
 * all four channels; four source pixels are loaded at a time, so it
 * serves the first c->n_fast destination pixels. */
static void
scale_row_sse2 (const Contributions *c,
                const guint8        *src,
                guint8              *dest,
                int                  n)
{
  const __m128i zero = _mm_setzero_si128 ();
  int n_octs = c->n_octs;

  for (int x = 0; x < n; x++)
    {
      const guint8 *s = src + (gsize)c->start[x] * 4;
      const gint16 *w = c->octs + (gsize)x * n_octs * 8;
      __m128i acc0 = _mm_set1_epi32 (WEIGHT_ONE / 2), acc1 = zero;

      for (int o = 0; o < n_octs; o++, s += 32, w += 8)
        {
          __m128i wv = _mm_loadu_si128 ((const __m128i *)(const void *)w);

          for (int half = 0; half < 2; half++)
            {
              __m128i v = _mm_loadu_si128 ((const __m128i *)(const void *)(s + 16 * half));
              __m128i p01 = _mm_unpacklo_epi8 (v, zero);
              __m128i p23 = _mm_unpackhi_epi8 (v, zero);

              /* R₀ G₀ B₀ X₀ R₁ G₁ B₁ X₁ → R₀ R₁ G₀ G₁ B₀ B₁ X₀ X₁ */
              p01 = _mm_unpacklo_epi16 (p01, _mm_unpackhi_epi64 (p01, p01));
              p23 = _mm_unpacklo_epi16 (p23, _mm_unpackhi_epi64 (p23, p23));
              acc0 = _mm_add_epi32 (acc0, _mm_madd_epi16 (p01, half ? _mm_shuffle_epi32 (wv, 0xAA)
                                                                    : _mm_shuffle_epi32 (wv, 0x00)));
              acc1 = _mm_add_epi32 (acc1, _mm_madd_epi16 (p23, half ? _mm_shuffle_epi32 (wv, 0xFF)
                                                                    : _mm_shuffle_epi32 (wv, 0x55)));
            }
        }
      acc0 = _mm_srai_epi32 (_mm_add_epi32 (acc0, acc1), WEIGHT_BITS);
      acc0 = _mm_packs_epi32 (acc0, acc0);
      acc0 = _mm_packus_epi16 (acc0, acc0);
      *(guint32 *)(void *)(dest + (gsize)x * 4) = (guint32)_mm_cvtsi128_si32 (acc0);
    }
}
#endif

static void
scale_row (const LineupResampler *self,
           const guint8          *src,
           guint8                *dest,
           int                    dest_width)
{
  const Contributions *c = &self->horizontal;
  int done = 0;

#ifdef LINEUP_HAVE_AVX2
  if (self->simd >= LINEUP_SIMD_AVX2)
    {
      _lineup_scale_row_avx2 (c, src, dest, c->n_fast);
      done = c->n_fast;
    }
#endif
#ifdef __SSE2__
  if (done == 0 && self->simd >= LINEUP_SIMD_SSE2)
    {
      scale_row_sse2 (c, src, dest, c->n_fast);
      done = c->n_fast;
    }
#endif
  scale_row_plain (c, src, dest, done, dest_width);
}

static LineupSimd
choose_simd (void)
{
  const char *asked = g_getenv ("LINEUP_IMAGE_SIMD");
  LineupSimd best = LINEUP_SIMD_NONE;

#ifdef __SSE2__
  best = LINEUP_SIMD_SSE2;
#endif
#ifdef LINEUP_HAVE_AVX2
  __builtin_cpu_init ();
  if (__builtin_cpu_supports ("avx2"))
    best = LINEUP_SIMD_AVX2;
#endif
  if (g_strcmp0 (asked, "none") == 0)
    return LINEUP_SIMD_NONE;
  if (g_strcmp0 (asked, "sse2") == 0)
    return MIN (best, LINEUP_SIMD_SSE2);
  return best;
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
  self->simd = choose_simd ();
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
 * With SSE2 two rows go through one multiply-add, 16 bytes at a time
 * (32 with AVX2). */
static void
vertical_pass (LineupResampler *self,
               const gint16    *w,
               int              first,
               gint32          *acc,
               gsize            width)
{
  int n_taps = self->vertical.n_taps;
  int n_pairs = (n_taps + 1) / 2;
  const guint8 *rows[2 * MAX_PAIRS] = { NULL };   /* gcc 14 cannot see that only n_pairs are read */
  guint32 pairs[MAX_PAIRS] = { 0 };
  gsize x = 0;

  /* The padding tap of an odd count has weight 0. */
  for (int k = 0; k < 2 * MIN (n_pairs, MAX_PAIRS); k++)
    rows[k] = self->ring + (gsize)((first + MIN (k, n_taps - 1)) % self->ring_rows) * self->ring_stride;
  for (int j = 0; j < MIN (n_pairs, MAX_PAIRS); j++)
    pairs[j] = (guint16)w[2 * j] | (guint32)(guint16)(2 * j + 1 < n_taps ? w[2 * j + 1] : 0) << 16;

#ifdef LINEUP_HAVE_AVX2
  if (self->simd >= LINEUP_SIMD_AVX2)
    x = _lineup_vertical_pass_avx2 (rows, pairs, n_pairs, self->packed, width);
#endif
#ifdef __SSE2__
  /* All the taps for 16 bytes at a time in registers */
  if (n_pairs <= MAX_PAIRS && self->simd >= LINEUP_SIMD_SSE2)
    {
      __m128i zero = _mm_setzero_si128 ();
      __m128i weights[MAX_PAIRS];

      for (int j = 0; j < n_pairs; j++)
        weights[j] = _mm_set1_epi32 ((int)pairs[j]);

      for (; x + 16 <= width; x += 16)
        {
          __m128i a0 = _mm_set1_epi32 (WEIGHT_ONE / 2), a1 = a0, a2 = a0, a3 = a0;

          for (int j = 0; j < n_pairs; j++)
            {
              __m128i p = _mm_loadu_si128 ((const __m128i *)(const void *)(rows[2 * j] + x));
              __m128i q = _mm_loadu_si128 ((const __m128i *)(const void *)(rows[2 * j + 1] + x));
              __m128i lo = _mm_unpacklo_epi8 (p, q);
              __m128i hi = _mm_unpackhi_epi8 (p, q);

              a0 = _mm_add_epi32 (a0, _mm_madd_epi16 (_mm_unpacklo_epi8 (lo, zero), weights[j]));
              a1 = _mm_add_epi32 (a1, _mm_madd_epi16 (_mm_unpackhi_epi8 (lo, zero), weights[j]));
              a2 = _mm_add_epi32 (a2, _mm_madd_epi16 (_mm_unpacklo_epi8 (hi, zero), weights[j]));
              a3 = _mm_add_epi32 (a3, _mm_madd_epi16 (_mm_unpackhi_epi8 (hi, zero), weights[j]));
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

  /* The rest of the row, or all of it without SIMD */
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

/* The finished row to the destination's 3-byte pixels */
static void
rgbx_to_rgb (LineupResampler *self,
             const guint8    *rgbx,
             guint8          *rgb,
             int              width)
{
  int x = 0;

#ifdef LINEUP_HAVE_AVX2
  if (self->simd >= LINEUP_SIMD_AVX2)
    x = (int)_lineup_rgbx_to_rgb_avx2 (rgbx, rgb, width);
#endif
  /* Four bytes at a time, each store's fourth overwritten by the next */
  for (; x + 1 < width; x++)
    memcpy (rgb + (gsize)x * 3, rgbx + (gsize)x * 4, 4);
  for (; x < width; x++)
    memcpy (rgb + (gsize)x * 3, rgbx + (gsize)x * 4, 3);
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
        rgbx_to_rgb (self, self->packed, out, dest_width);
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
  scale_row (self, row, slot, dest_width);
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
  scale_row (self, row, out, gdk_pixbuf_get_width (self->dest));
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

#define HUGE_PAGE  (2 * 1024 * 1024)
#define LARGE_SIZE (8 * 1024 * 1024)

static void
free_pixels (guchar   *pixels,
             gpointer  data)
{
  free (pixels);
}

/**
 * _lineup_pixbuf_new:
 *
 * gdk_pixbuf_new(), except that a large picture asks for huge pages:
 * filling 36 MB of fresh memory 4 KiB at a time costs some 9000 page
 * faults, about 25 ms of kernel time here, where 2 MiB pages cost 5.
 * Where the kernel does not do that, it changes nothing.
 *
 * Returns: (transfer full) (nullable): a new pixbuf, %NULL without memory
 */
GdkPixbuf *
_lineup_pixbuf_new (gboolean has_alpha,
                    int      width,
                    int      height)
{
  int rowstride = gdk_pixbuf_calculate_rowstride (GDK_COLORSPACE_RGB, has_alpha, 8, width, height);
  gsize size;
  void *pixels = NULL;

  if (rowstride <= 0)
    return NULL;
  size = (gsize)rowstride * height;
  if (size < LARGE_SIZE)
    return gdk_pixbuf_new (GDK_COLORSPACE_RGB, has_alpha, 8, width, height);

  size = (size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
  if (posix_memalign (&pixels, HUGE_PAGE, size) != 0)
    return NULL;
#ifdef MADV_HUGEPAGE
  madvise (pixels, size, MADV_HUGEPAGE);
#endif
  return gdk_pixbuf_new_from_data (pixels, GDK_COLORSPACE_RGB, has_alpha, 8, width, height, rowstride,
                                   free_pixels, NULL);
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

  dest = _lineup_pixbuf_new (gdk_pixbuf_get_has_alpha (src), dest_width, dest_height);
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
 * reciprocal: exact for every sum a block of 257 × 257 can reach. Inlined
 * with the common factors as constants, so the loop over them unrolls. */
static inline void
box_emit_rgb (const guint16 *column,
              guint8        *out,
              int            w,
              int            factor,
              guint64        m)
{
  guint32 half = (guint32)factor * factor / 2;

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
}

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
    switch (factor)
      {
      case 2: box_emit_rgb (column, out, w, 2, m); break;
      case 3: box_emit_rgb (column, out, w, 3, m); break;
      case 4: box_emit_rgb (column, out, w, 4, m); break;
      default: box_emit_rgb (column, out, w, factor, m); break;
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
