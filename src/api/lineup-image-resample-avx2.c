/* lineup-image-resample-avx2.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-image"

#include "config.h"

#include "lineup-image-resample-private.h"

/* The resampler's loops for processors with AVX2, compiled for it
 * function by function (the target attribute) so that the rest of the
 * program still runs on any x86-64; lineup-image-resample.c calls them
 * only when __builtin_cpu_supports ("avx2") says so. They compute the
 * same sums as the SSE2 and plain loops, in twice the width. */

#ifdef LINEUP_HAVE_AVX2

#include <immintrin.h>

#define TARGET __attribute__ ((target ("avx2")))

/* Two 16-byte loads, one per 128-bit lane */
static inline TARGET __m256i
load_lanes (const void *lo,
            const void *hi)
{
  return _mm256_inserti128_si256 (_mm256_castsi128_si256 (_mm_loadu_si128 ((const __m128i *)lo)),
                                  _mm_loadu_si128 ((const __m128i *)hi), 1);
}

/**
 * _lineup_scale_row_avx2:
 * @n: how many destination pixels, all below c->n_fast
 *
 * The horizontal pass over 4-byte pixels: two destination pixels at a
 * time, one per lane. A byte shuffle turns four source pixels into the
 * 16-bit pairs (R₀ R₁ G₀ G₁ B₀ B₁ X₀ X₁) and (R₂ R₃ …) that a
 * multiply-add weighs with two taps at once.
 */
TARGET void
_lineup_scale_row_avx2 (const LineupContributions *c,
                        const guint8              *src,
                        guint8                    *dest,
                        int                        n)
{
  const __m256i taps01 = _mm256_setr_epi8 (0, -1, 4, -1, 1, -1, 5, -1, 2, -1, 6, -1, 3, -1, 7, -1,
                                           0, -1, 4, -1, 1, -1, 5, -1, 2, -1, 6, -1, 3, -1, 7, -1);
  const __m256i taps23 = _mm256_setr_epi8 (8, -1, 12, -1, 9, -1, 13, -1, 10, -1, 14, -1, 11, -1, 15, -1,
                                           8, -1, 12, -1, 9, -1, 13, -1, 10, -1, 14, -1, 11, -1, 15, -1);
  const __m256i half = _mm256_set1_epi32 (LINEUP_WEIGHT_ONE / 2);
  int n_octs = c->n_octs;
  gsize stride = (gsize)n_octs * 8;
  int x = 0;

  for (; x + 1 < n; x += 2)
    {
      const guint8 *s0 = src + (gsize)c->start[x] * 4;
      const guint8 *s1 = src + (gsize)c->start[x + 1] * 4;
      const gint16 *w0 = c->octs + (gsize)x * stride;
      const gint16 *w1 = w0 + stride;
      __m256i acc0 = half, acc1 = _mm256_setzero_si256 ();
      __m128i both;

      for (int o = 0; o < n_octs; o++, s0 += 32, s1 += 32, w0 += 8, w1 += 8)
        {
          __m256i w = load_lanes (w0, w1);
          __m256i p = load_lanes (s0, s1);
          __m256i q = load_lanes (s0 + 16, s1 + 16);

          acc0 = _mm256_add_epi32 (acc0, _mm256_madd_epi16 (_mm256_shuffle_epi8 (p, taps01),
                                                            _mm256_shuffle_epi32 (w, 0x00)));
          acc1 = _mm256_add_epi32 (acc1, _mm256_madd_epi16 (_mm256_shuffle_epi8 (p, taps23),
                                                            _mm256_shuffle_epi32 (w, 0x55)));
          acc0 = _mm256_add_epi32 (acc0, _mm256_madd_epi16 (_mm256_shuffle_epi8 (q, taps01),
                                                            _mm256_shuffle_epi32 (w, 0xAA)));
          acc1 = _mm256_add_epi32 (acc1, _mm256_madd_epi16 (_mm256_shuffle_epi8 (q, taps23),
                                                            _mm256_shuffle_epi32 (w, 0xFF)));
        }
      acc0 = _mm256_srai_epi32 (_mm256_add_epi32 (acc0, acc1), LINEUP_WEIGHT_BITS);
      acc0 = _mm256_packs_epi32 (acc0, acc0);
      acc0 = _mm256_packus_epi16 (acc0, acc0);
      both = _mm_unpacklo_epi32 (_mm256_castsi256_si128 (acc0), _mm256_extracti128_si256 (acc0, 1));
      _mm_storel_epi64 ((__m128i *)(void *)(dest + (gsize)x * 4), both);
    }

  for (; x < n; x++)
    {
      const guint8 *s = src + (gsize)c->start[x] * 4;
      const gint16 *w = c->octs + (gsize)x * stride;
      __m128i acc = _mm256_castsi256_si128 (half);

      for (int o = 0; o < n_octs; o++, s += 32, w += 8)
        {
          __m128i wv = _mm_loadu_si128 ((const __m128i *)(const void *)w);
          __m128i p = _mm_loadu_si128 ((const __m128i *)(const void *)s);
          __m128i q = _mm_loadu_si128 ((const __m128i *)(const void *)(s + 16));

          acc = _mm_add_epi32 (acc, _mm_madd_epi16 (_mm_shuffle_epi8 (p, _mm256_castsi256_si128 (taps01)),
                                                    _mm_shuffle_epi32 (wv, 0x00)));
          acc = _mm_add_epi32 (acc, _mm_madd_epi16 (_mm_shuffle_epi8 (p, _mm256_castsi256_si128 (taps23)),
                                                    _mm_shuffle_epi32 (wv, 0x55)));
          acc = _mm_add_epi32 (acc, _mm_madd_epi16 (_mm_shuffle_epi8 (q, _mm256_castsi256_si128 (taps01)),
                                                    _mm_shuffle_epi32 (wv, 0xAA)));
          acc = _mm_add_epi32 (acc, _mm_madd_epi16 (_mm_shuffle_epi8 (q, _mm256_castsi256_si128 (taps23)),
                                                    _mm_shuffle_epi32 (wv, 0xFF)));
        }
      acc = _mm_srai_epi32 (acc, LINEUP_WEIGHT_BITS);
      acc = _mm_packs_epi32 (acc, acc);
      acc = _mm_packus_epi16 (acc, acc);
      *(guint32 *)(void *)(dest + (gsize)x * 4) = (guint32)_mm_cvtsi128_si32 (acc);
    }
}

/**
 * _lineup_vertical_pass_avx2:
 * @rows: 2 × @n_pairs rows (the padding row of an odd count has weight 0)
 * @pairs: two 16-bit weights per word
 *
 * Returns: how many bytes of @out it wrote, a multiple of 32; the caller
 *   finishes the row
 */
TARGET gsize
_lineup_vertical_pass_avx2 (const guint8 *const *rows,
                            const guint32       *pairs,
                            int                  n_pairs,
                            guint8              *out,
                            gsize                width)
{
  const __m256i zero = _mm256_setzero_si256 ();
  const __m256i half = _mm256_set1_epi32 (LINEUP_WEIGHT_ONE / 2);
  __m256i w[LINEUP_VERTICAL_MAX_PAIRS];
  gsize x = 0;

  if (n_pairs > LINEUP_VERTICAL_MAX_PAIRS)
    return 0;
  for (int j = 0; j < n_pairs; j++)
    w[j] = _mm256_set1_epi32 ((int)pairs[j]);

  /* In-lane unpacks and packs: each lane keeps its 16 bytes in order. */
  for (; x + 32 <= width; x += 32)
    {
      __m256i a0 = half, a1 = half, a2 = half, a3 = half;

      for (int j = 0; j < n_pairs; j++)
        {
          __m256i p = _mm256_loadu_si256 ((const __m256i *)(const void *)(rows[2 * j] + x));
          __m256i q = _mm256_loadu_si256 ((const __m256i *)(const void *)(rows[2 * j + 1] + x));
          __m256i lo = _mm256_unpacklo_epi8 (p, q);
          __m256i hi = _mm256_unpackhi_epi8 (p, q);

          a0 = _mm256_add_epi32 (a0, _mm256_madd_epi16 (_mm256_unpacklo_epi8 (lo, zero), w[j]));
          a1 = _mm256_add_epi32 (a1, _mm256_madd_epi16 (_mm256_unpackhi_epi8 (lo, zero), w[j]));
          a2 = _mm256_add_epi32 (a2, _mm256_madd_epi16 (_mm256_unpacklo_epi8 (hi, zero), w[j]));
          a3 = _mm256_add_epi32 (a3, _mm256_madd_epi16 (_mm256_unpackhi_epi8 (hi, zero), w[j]));
        }
      a0 = _mm256_srai_epi32 (a0, LINEUP_WEIGHT_BITS);
      a1 = _mm256_srai_epi32 (a1, LINEUP_WEIGHT_BITS);
      a2 = _mm256_srai_epi32 (a2, LINEUP_WEIGHT_BITS);
      a3 = _mm256_srai_epi32 (a3, LINEUP_WEIGHT_BITS);
      _mm256_storeu_si256 ((__m256i *)(void *)(out + x),
                           _mm256_packus_epi16 (_mm256_packs_epi32 (a0, a1), _mm256_packs_epi32 (a2, a3)));
    }
  return x;
}

/**
 * _lineup_rgbx_to_rgb_avx2:
 *
 * Drops every fourth byte, four pixels per shuffle. Each 16-byte store
 * carries 12 useful bytes, so it stops while a whole store still fits.
 *
 * Returns: how many pixels it converted; the caller does the rest
 */
TARGET gsize
_lineup_rgbx_to_rgb_avx2 (const guint8 *rgbx,
                          guint8       *rgb,
                          gsize         n_pixels)
{
  const __m128i drop = _mm_setr_epi8 (0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1);
  gsize x = 0;

  for (; x + 6 <= n_pixels; x += 4)
    _mm_storeu_si128 ((__m128i *)(void *)(rgb + x * 3),
                      _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *)(const void *)(rgbx + x * 4)), drop));
  return x;
}

#endif
