/* lineup-image-resample-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The resampler's inner loops, shared by lineup-image-resample.c and the
 * AVX2 versions in lineup-image-resample-avx2.c. Every version computes
 * the same integer sums, so they give the same pixels bit for bit. */

#define LINEUP_WEIGHT_BITS 14
#define LINEUP_WEIGHT_ONE  (1 << LINEUP_WEIGHT_BITS)

/* Enough for a reduction by 16 in one pass (the DCT scale leaves at
 * most 2); a window wider than that goes through the plain loop. */
#define LINEUP_VERTICAL_MAX_PAIRS 32

typedef struct
{
  int     *start;     /* first source index per destination index */
  int      n_taps;    /* same for all, padded with zero weights */
  gint16  *weights;   /* n_taps per destination index */
  gint16  *octs;      /* the same padded to whole groups of 8 taps */
  int      n_octs;
  int      n_fast;    /* destination indexes 0 … n_fast − 1 can read
                       * 8 × n_octs source pixels without leaving the row */
} LineupContributions;

/* Which inner loops a resampler uses; LINEUP_IMAGE_SIMD=none or sse2
 * asks for less than the processor has (to compare them in tests). */
typedef enum
{
  LINEUP_SIMD_NONE,
  LINEUP_SIMD_SSE2,
  LINEUP_SIMD_AVX2,
} LineupSimd;

#if (defined (__x86_64__) || defined (__i386__)) && (defined (__GNUC__) || defined (__clang__))
#define LINEUP_HAVE_AVX2 1

void  _lineup_scale_row_avx2      (const LineupContributions *c,
                                   const guint8              *src,
                                   guint8                    *dest,
                                   int                        n);
gsize _lineup_vertical_pass_avx2  (const guint8 *const       *rows,
                                   const guint32             *pairs,
                                   int                        n_pairs,
                                   guint8                    *out,
                                   gsize                      width);
gsize _lineup_rgbx_to_rgb_avx2    (const guint8              *rgbx,
                                   guint8                    *rgb,
                                   gsize                      n_pixels);
#endif

G_END_DECLS
