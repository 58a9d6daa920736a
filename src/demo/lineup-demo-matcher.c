/* lineup-demo-matcher.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-demo-matcher"

#include "config.h"

#include <math.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "lineup-demo-matcher.h"
#include "lineup-error.h"

/* The demo matcher: a deterministic image-similarity score, NOT a face
 * recogniser. It is made for the demo's synthetic head-and-shoulders
 * portraits (lineup-demo-portrait.c). This comment is its definition.
 *
 * Extraction (lineup_demo_feature_new_from_pixbuf ()):
 *
 *  1. Work image: the image box-averaged by an integer factor
 *     k = max (1, round (longer side / 320)), so that 256 × 320 and
 *     512 × 640 give the same work image up to resampling.
 *  2. "No face found" (LINEUP_API_ERROR_NO_FACE_FOUND) when the image is
 *     smaller than 48 px on either side, when the work image's luminance
 *     standard deviation is below 3 (of 255: nearly uniform), or when less
 *     than 3 % of it is foreground (step 3).
 *  3. Foreground: the background colour is the per-channel median of the
 *     top two rows and of the upper 60 % of the two outer columns on each
 *     side. The background is what a flood fill from the image border
 *     reaches through pixels whose 3 × 3-blurred colour lies within
 *     T = max (24, 3 × the median border distance) of that colour (T grows
 *     with sensor noise). Everything else is foreground, including enclosed
 *     regions close to the background colour (a pale face inside its
 *     outline).
 *  4. Crop: the top of the figure y0 is where the foreground first covers
 *     1.5 % of a row (edge pixels counting in part); the head width w and
 *     centre cx are the trimmed means (middle half) of the foreground's
 *     width and midpoint over the rows y0 + 0.3 w … y0 + 0.9 w (starting
 *     from a band relative to the image height, refined twice). Edges are
 *     located to a fraction of a pixel.
 *     The crop is 1.6 w wide and 1.25 times as tall, centred on cx, with
 *     its top 0.06 w above y0: position and size of the figure drop out.
 *     With more than 97 % foreground (nothing to separate) the crop is the
 *     whole image.
 *  5. The crop is divided into a 24 × 30 grid; each foreground pixel is
 *     shared between the four nearest cell centres (bilinear weights).
 *     Background pixels and the area outside the image contribute nothing,
 *     so the background's colour does not matter.
 *  6. Descriptors:
 *     - texture (24 × 30): per cell, the foreground fraction ×
 *       clamp ((L − μ) / σ, ±2), with L the cell's mean luminance and μ, σ
 *       the figure's; the bottom third (shoulders) fades to 0.3; blurred
 *       with [1 2 1] / 4 both ways; unit length. Invariant to a global gain
 *       and offset of the lighting.
 *     - silhouette (12 × 15): 2 × foreground fraction − 1 of the part of
 *       each block inside the image, times the share of the block inside
 *       the image; unit length.
 *     - colour (8 × 10): the chromaticity (r, g) / (r + g + b) of each
 *       block's summed colour, minus 1/3, with the weight foreground
 *       fraction × brightness² (mean / 110, at most 1: dark colours are
 *       noisy) × unclipped share² (a pixel with a channel ≥ 250 is
 *       clipped). Chromaticity does not change with brightness.
 *     - exposure: μ, the figure's mean luminance.
 *
 * Score (lineup_demo_feature_score ()), with t and s the cosines of the
 * textures and of the silhouettes, d the RMS distance of the colours
 * weighted by the product of the weights (0 when no block has weight in
 * both), and e = |ln ((μ₁ + 10) / (μ₂ + 10))|:
 *
 *   D = (1 − t) + (1 − s) + 10 × max (0, d − 0.005) + 0.15 × e − 0.0001
 *   score = 100 × (1 − min (1, (max (0, D) / 0.8) ^ 0.65))
 *
 * (the 0.0001 absorbs float rounding).
 *
 * Identical features score 100. On the demo portraits (measured by
 * tests/demo/test-matcher.c and a larger run of 150 people): the same photo
 * re-encoded as JPEG (quality 85–90) or rescaled scores ≥ 95, and at
 * quality 75 ≥ 90 (one person of twenty scores 91 there: its crop reacts to
 * the coarser artefacts, a known weakness); a new photo
 * of the same person (lighting ±20 %, shift ±5 %, zoom ±8 %, glasses,
 * another background, mild noise) scores about 75–96, median 89, lower the
 * more has changed (dim light and glasses cost the most); someone else
 * nearly always scores 0 and only rare look-alikes reach 60. A photo turned
 * by 90°, 180° or 270° scores low against its upright self: nothing here is
 * rotation invariant (the service tries the four rotations itself).
 *
 * There is no global state, so all of this is thread-safe; and it is
 * deterministic: the same image always gives the same feature and score. */

#define MIN_SIDE          48
#define MIN_LUMA_STDDEV   3.0
#define WORK_SIDE         320
#define MIN_FOREGROUND    0.03
#define MAX_FOREGROUND    0.97

#define GRID_W            24
#define GRID_H            30
#define SIL_W             12
#define SIL_H             15
#define COL_W             8
#define COL_H             10

#define N_TEXTURE         (GRID_W * GRID_H)
#define N_SILHOUETTE      (SIL_W * SIL_H)
#define N_COLOR_CELLS     (COL_W * COL_H)
#define N_FLOATS          (N_TEXTURE + N_SILHOUETTE + 3 * N_COLOR_CELLS + 1)

#define TEXTURE_CLAMP     2.0
#define TEXTURE_FADE_ROW  20
#define TEXTURE_FADE_MIN  0.3
#define COLOR_DARK        110.0
#define CLIP_LEVEL        250.0f
#define COLOR_TOLERANCE   0.005
#define W_COLOR           10.0
#define W_EXPOSURE        0.15
#define SCORE_ZERO        0.8
#define SCORE_POWER       0.65
#define SCORE_ROUNDING    1e-4

#define FEATURE_MAGIC     0x4644444cu   /* "LDDF" in little-endian order */
#define FEATURE_VERSION   2u             /* 1 was a development snapshot */
#define FEATURE_BYTES     (8 + 4 * N_FLOATS)

struct _LineupDemoFeature
{
  float texture[N_TEXTURE];
  float silhouette[N_SILHOUETTE];
  float color_r[N_COLOR_CELLS];       /* chromaticity − 1/3 */
  float color_g[N_COLOR_CELLS];
  float color_weight[N_COLOR_CELLS];  /* 0 … 1 */
  float luminance;                    /* μ, the figure's mean, 0 … 255 */
};

typedef struct
{
  int    width;
  int    height;
  float *rgb;        /* 3 floats a pixel, 0 … 255 */
  float *dist;       /* blurred colour distance to the background */
  float  threshold;  /* T: below it, a pixel looks like background */
  guint8 *fg;        /* 1 = foreground */
} Work;

static void
work_clear (Work *work)
{
  g_clear_pointer (&work->rgb, g_free);
  g_clear_pointer (&work->dist, g_free);
  g_clear_pointer (&work->fg, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Work, work_clear)

static void
work_init_from_pixbuf (Work      *work,
                       GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int n_channels = gdk_pixbuf_get_n_channels (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int k = MAX (1, (MAX (width, height) + WORK_SIDE / 2) / WORK_SIDE);
  float inv = 1.0f / (k * k);

  work->width = width / k;
  work->height = height / k;
  work->rgb = g_new0 (float, (gsize) 3 * work->width * work->height);
  work->fg = g_new0 (guint8, (gsize) work->width * work->height);

  for (int y = 0; y < work->height * k; y++)
    {
      const guint8 *row = pixels + (gsize) y * stride;
      float *out = work->rgb + (gsize) 3 * (y / k) * work->width;

      for (int x = 0; x < work->width * k; x++)
        {
          const guint8 *px = row + (gsize) x * n_channels;
          float *o = out + 3 * (x / k);

          o[0] += px[0];
          o[1] += px[1];
          o[2] += px[2];
        }
    }

  for (gsize i = 0; i < (gsize) 3 * work->width * work->height; i++)
    work->rgb[i] *= inv;
}

static inline float
luma (const float *rgb)
{
  return 0.299f * rgb[0] + 0.587f * rgb[1] + 0.114f * rgb[2];
}

static double
work_luma_stddev (const Work *work)
{
  gsize n = (gsize) work->width * work->height;
  double sum = 0, sum2 = 0;

  for (gsize i = 0; i < n; i++)
    {
      double l = luma (work->rgb + 3 * i);

      sum += l;
      sum2 += l * l;
    }

  sum /= n;
  return sqrt (MAX (0.0, sum2 / n - sum * sum));
}

/* Median of byte-rounded values, through a histogram. */
static float
histogram_median (const guint *histogram,
                  guint        count)
{
  guint seen = 0;

  for (guint v = 0; v < 256; v++)
    {
      seen += histogram[v];
      if (seen * 2 >= count)
        return v;
    }

  return 255;
}

static gboolean
is_border_sample (const Work *work,
                  int         x,
                  int         y)
{
  return y < 2 || ((x < 2 || x >= work->width - 2) && y < work->height * 6 / 10);
}

/* Step 3 of the definition: background colour, then a flood fill. */
static void
work_segment (Work *work)
{
  int w = work->width, h = work->height;
  guint histogram[3][256] = { { 0 } };
  guint dist_histogram[256] = { 0 };
  guint count = 0;
  float bg[3];
  float threshold;
  float *blurred;
  g_autofree int *stack = NULL;
  gsize top = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const float *px;

        if (!is_border_sample (work, x, y))
          continue;
        px = work->rgb + 3 * ((gsize) y * w + x);
        for (guint c = 0; c < 3; c++)
          histogram[c][(guint) CLAMP (px[c] + 0.5f, 0, 255)]++;
        count++;
      }

  for (guint c = 0; c < 3; c++)
    bg[c] = histogram_median (histogram[c], count);

  /* Colour distance of the 3 × 3 box-blurred image to the background. */
  blurred = work->dist = g_new (float, (gsize) w * h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        float sum[3] = { 0, 0, 0 };
        int n = 0;

        for (int yy = MAX (0, y - 1); yy <= MIN (h - 1, y + 1); yy++)
          for (int xx = MAX (0, x - 1); xx <= MIN (w - 1, x + 1); xx++)
            {
              const float *px = work->rgb + 3 * ((gsize) yy * w + xx);

              sum[0] += px[0];
              sum[1] += px[1];
              sum[2] += px[2];
              n++;
            }

        {
          float dr = sum[0] / n - bg[0];
          float dg = sum[1] / n - bg[1];
          float db = sum[2] / n - bg[2];

          blurred[(gsize) y * w + x] = sqrtf (dr * dr + dg * dg + db * db);
        }
      }

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (is_border_sample (work, x, y))
        dist_histogram[(guint) CLAMP (blurred[(gsize) y * w + x] + 0.5f, 0, 255)]++;

  threshold = work->threshold = MAX (24.0f, 3.0f * histogram_median (dist_histogram, count));

  /* Flood fill the background from the border; fg starts as all 1. */
  memset (work->fg, 1, (gsize) w * h);
  stack = g_new (int, (gsize) w * h);

#define PUSH(xx, yy) G_STMT_START {                                   \
    gsize i_ = (gsize) (yy) * w + (xx);                               \
    if (work->fg[i_] && blurred[i_] < threshold)                      \
      {                                                               \
        work->fg[i_] = 0;                                             \
        stack[top++] = (int) i_;                                      \
      }                                                               \
  } G_STMT_END

  for (int x = 0; x < w; x++)
    {
      PUSH (x, 0);
      PUSH (x, h - 1);
    }
  for (int y = 0; y < h; y++)
    {
      PUSH (0, y);
      PUSH (w - 1, y);
    }

  while (top > 0)
    {
      int i = stack[--top];
      int x = i % w, y = i / w;

      if (x > 0)
        PUSH (x - 1, y);
      if (x < w - 1)
        PUSH (x + 1, y);
      if (y > 0)
        PUSH (x, y - 1);
      if (y < h - 1)
        PUSH (x, y + 1);
    }

#undef PUSH
}

static int
compare_floats (gconstpointer a,
                gconstpointer b)
{
  float fa = *(const float *) a;
  float fb = *(const float *) b;

  return (fa > fb) - (fa < fb);
}

/* The mean of the middle half of sorted values: robust like a median,
 * but it moves smoothly when the band slides over a step in the outline
 * (the ears), where a median would jump. */
static double
trimmed_mean (const float *sorted,
              int          n)
{
  int from = n / 4;
  int to = MAX (from + 1, n - n / 4);
  double sum = 0;

  for (int i = from; i < to; i++)
    sum += sorted[i];

  return sum / (to - from);
}

/* Robust width and midpoint of the foreground over rows y_from … y_to. */
static gboolean
band_extent (const float *left,
             const float *right,
             int          height,
             double       y_from,
             double       y_to,
             double      *width,
             double      *centre)
{
  int from = MAX (0, (int) floor (y_from));
  int to = MIN (height - 1, (int) ceil (y_to));
  g_autofree float *widths = NULL;
  g_autofree float *mids = NULL;
  int n = 0;

  if (to < from)
    return FALSE;

  widths = g_new (float, to - from + 1);
  mids = g_new (float, to - from + 1);

  for (int y = from; y <= to; y++)
    {
      if (right[y] < left[y])
        continue;
      widths[n] = right[y] - left[y];
      mids[n] = (right[y] + left[y]) / 2.0f;
      n++;
    }

  if (n == 0)
    return FALSE;

  qsort (widths, n, sizeof (float), compare_floats);
  qsort (mids, n, sizeof (float), compare_floats);
  *width = trimmed_mean (widths, n);
  *centre = trimmed_mean (mids, n);

  return *width >= 2;
}

typedef struct
{
  double left, top, width, height;
} Crop;

/* Where, between the centres of a background pixel (distance d_out) and
 * the neighbouring foreground one (d_in), the distance crosses T: 0 … 1. */
static float
crossing (float d_out,
          float d_in,
          float threshold)
{
  if (d_in <= d_out)
    return 0.5f;

  return CLAMP ((threshold - d_out) / (d_in - d_out), 0.0f, 1.0f);
}

/* Step 4 of the definition. Returns FALSE when there is no figure.
 * Edges are located to a fraction of a pixel (where the blurred distance
 * crosses T), so that the crop does not jitter with re-encoding. */
static gboolean
work_find_crop (const Work *work,
                Crop       *crop)
{
  int w = work->width, h = work->height;
  g_autofree float *left = g_new (float, h);
  g_autofree float *right = g_new (float, h);
  g_autofree float *soft = g_new (float, h);
  float row_threshold = MAX (2.0f, 0.015f * w);
  gsize total = 0;
  gboolean found_top = FALSE;
  double y0 = 0;
  double head_w, cx;

  for (int y = 0; y < h; y++)
    {
      const guint8 *row = work->fg + (gsize) y * w;
      const float *dist = work->dist + (gsize) y * w;
      int first = -1, last = -1;

      soft[y] = 0;
      for (int x = 0; x < w; x++)
        if (row[x])
          {
            if (first < 0)
              first = x;
            last = x;
            total++;
            /* A soft count: edge pixels count in part. */
            soft[y] += CLAMP (dist[x] / work->threshold - 0.5f, 0.0f, 1.0f);
          }

      if (first < 0)
        {
          left[y] = 1;
          right[y] = 0;
        }
      else
        {
          left[y] = first == 0 ? 0.0f :
                    first - 0.5f + crossing (dist[first - 1], dist[first], work->threshold);
          right[y] = last == w - 1 ? (float) w :
                     last + 1.5f - crossing (dist[last + 1], dist[last], work->threshold);
        }

      if (!found_top && soft[y] >= row_threshold)
        {
          float before = y > 0 ? soft[y - 1] : 0.0f;

          y0 = y - 0.5 + (row_threshold - before) / (soft[y] - before);
          found_top = TRUE;
        }
    }

  if (total < MIN_FOREGROUND * w * h || !found_top)
    return FALSE;

  if (total > MAX_FOREGROUND * w * h ||
      !band_extent (left, right, h, y0 + 0.10 * h, y0 + 0.28 * h, &head_w, &cx))
    {
      crop->left = 0;
      crop->top = 0;
      crop->width = w;
      crop->height = h;
      return TRUE;
    }

  for (guint i = 0; i < 2; i++)
    {
      double nw, ncx;

      if (!band_extent (left, right, h, y0 + 0.30 * head_w, y0 + 0.90 * head_w, &nw, &ncx))
        break;
      head_w = nw;
      cx = ncx;
    }

  crop->width = 1.6 * head_w;
  crop->height = crop->width * GRID_H / GRID_W;
  crop->left = cx - crop->width / 2.0;
  crop->top = y0 - 0.06 * head_w;

  return TRUE;
}

static void
normalize (float *v,
           guint  n)
{
  double sum = 0;

  for (guint i = 0; i < n; i++)
    sum += (double) v[i] * v[i];

  if (sum > 0)
    {
      float inv = (float) (1.0 / sqrt (sum));

      for (guint i = 0; i < n; i++)
        v[i] *= inv;
    }
}

/* A [1 2 1] / 4 blur in both directions, edges repeated: small features
 * such as the eyes then change smoothly when they move by part of a cell. */
static void
blur_grid (float *grid,
           int    w,
           int    h)
{
  float tmp[N_TEXTURE];

  g_assert (w * h <= N_TEXTURE);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      tmp[y * w + x] = (grid[y * w + MAX (x - 1, 0)] + 2 * grid[y * w + x] +
                        grid[y * w + MIN (x + 1, w - 1)]) / 4;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      grid[y * w + x] = (tmp[MAX (y - 1, 0) * w + x] + 2 * tmp[y * w + x] +
                         tmp[MIN (y + 1, h - 1) * w + x]) / 4;
}

/* The shoulders, at the bottom of the crop, count less: they carry little
 * of the likeness, and an error in the estimated scale moves them most. */
static double
row_weight (int row)
{
  if (row < TEXTURE_FADE_ROW)
    return 1.0;

  return 1.0 - (1.0 - TEXTURE_FADE_MIN) * (row - TEXTURE_FADE_ROW + 1) /
               (GRID_H - TEXTURE_FADE_ROW);
}

/* Along one axis, for each of the n cells: the sum of the tent weights
 * that every pixel of the (infinite) lattice gives it, and the part of
 * that sum that comes from pixels inside the image (0 … size - 1). */
static void
axis_weights (double  origin,
              double  scale,
              int     n,
              int     size,
              double *all,
              double *inside)
{
  for (int g = 0; g < n; g++)
    {
      int from = (int) floor (origin + (g - 0.5) / scale) - 1;
      int to = (int) ceil (origin + (g + 1.5) / scale) + 1;

      all[g] = inside[g] = 0;
      for (int x = from; x <= to; x++)
        {
          double w = MAX (0.0, 1.0 - fabs ((x + 0.5 - origin) * scale - 0.5 - g));

          all[g] += w;
          if (x >= 0 && x < size)
            inside[g] += w;
        }
    }
}

/* Steps 5 and 6 of the definition. */
static void
feature_fill (LineupDemoFeature *self,
              const Work        *work,
              const Crop        *crop)
{
  double n_fg[N_TEXTURE] = { 0 };
  double sum_l[N_TEXTURE] = { 0 };
  double sum_r[N_TEXTURE] = { 0 };
  double sum_g[N_TEXTURE] = { 0 };
  double sum_rgb[N_TEXTURE] = { 0 };
  double n_unclipped[N_TEXTURE] = { 0 };
  double sx = GRID_W / crop->width;
  double sy = GRID_H / crop->height;
  double all_x[GRID_W], inside_x[GRID_W];
  double all_y[GRID_H], inside_y[GRID_H];
  double mean = 0, var = 0, weight = 0, sd;
  float frac[N_TEXTURE];
  float mean_l[N_TEXTURE];
  int x_from = MAX (0, (int) floor (crop->left) - 1);
  int x_to = MIN (work->width - 1, (int) ceil (crop->left + crop->width) + 1);
  int y_from = MAX (0, (int) floor (crop->top) - 1);
  int y_to = MIN (work->height - 1, (int) ceil (crop->top + crop->height) + 1);
  g_autofree int *cell_x = g_new (int, work->width);
  g_autofree float *frac_x = g_new (float, work->width);

  /* Each pixel is shared between the four nearest cell centres with
   * bilinear (tent) weights, so that features move smoothly when the crop
   * moves by a fraction of a cell. Where the crop reaches past the image
   * nothing is known: such cells weigh less, or not at all. */
  axis_weights (crop->left, sx, GRID_W, work->width, all_x, inside_x);
  axis_weights (crop->top, sy, GRID_H, work->height, all_y, inside_y);

  for (int x = x_from; x <= x_to; x++)
    {
      double u = (x + 0.5 - crop->left) * sx - 0.5;

      cell_x[x] = (int) floor (u);
      frac_x[x] = (float) (u - cell_x[x]);
    }

  for (int y = y_from; y <= y_to; y++)
    {
      double v = (y + 0.5 - crop->top) * sy - 0.5;
      int gy = (int) floor (v);
      float fy = (float) (v - gy);

      for (int x = x_from; x <= x_to; x++)
        {
          gsize i = (gsize) y * work->width + x;
          const float *px = work->rgb + 3 * i;
          int gx = cell_x[x];
          float fx = frac_x[x];
          gboolean clipped;
          float l;

          if (!work->fg[i])
            continue;

          l = luma (px);
          /* Over-exposed: a channel at the top has lost its ratio to the
           * others. */
          clipped = px[0] >= CLIP_LEVEL || px[1] >= CLIP_LEVEL || px[2] >= CLIP_LEVEL;

          for (int dy = 0; dy <= 1; dy++)
            {
              int cy = gy + dy;
              float wy = dy ? fy : 1.0f - fy;

              if (cy < 0 || cy >= GRID_H)
                continue;

              for (int dx = 0; dx <= 1; dx++)
                {
                  int cx = gx + dx;
                  float w = wy * (dx ? fx : 1.0f - fx);
                  int cell = cy * GRID_W + cx;

                  if (cx < 0 || cx >= GRID_W)
                    continue;

                  n_fg[cell] += w;
                  sum_l[cell] += w * l;
                  sum_r[cell] += w * px[0];
                  sum_g[cell] += w * px[1];
                  sum_rgb[cell] += w * (px[0] + px[1] + px[2]);
                  if (!clipped)
                    n_unclipped[cell] += w;
                }
            }
        }
    }

  /* Texture, weighted by the foreground's share of each whole cell. */
  for (guint c = 0; c < N_TEXTURE; c++)
    {
      double area = all_x[c % GRID_W] * all_y[c / GRID_W];

      frac[c] = area > 0 ? (float) MIN (1.0, n_fg[c] / area) : 0.0f;
      mean_l[c] = n_fg[c] > 1e-6 ? (float) (sum_l[c] / n_fg[c]) : 0.0f;
      mean += frac[c] * mean_l[c];
      weight += frac[c];
    }
  mean = weight > 0 ? mean / weight : 0;
  self->luminance = (float) mean;
  for (guint c = 0; c < N_TEXTURE; c++)
    var += frac[c] * (mean_l[c] - mean) * (mean_l[c] - mean);
  sd = weight > 0 ? sqrt (var / weight) : 0;
  if (sd < 1.0)
    sd = 1.0;
  /* Clamped, so that a few very dark or bright details (glasses frames,
   * pupils) cannot dominate the descriptor. */
  for (guint c = 0; c < N_TEXTURE; c++)
    self->texture[c] = (float) (frac[c] * row_weight (c / GRID_W) *
                                CLAMP ((mean_l[c] - mean) / sd, -TEXTURE_CLAMP, TEXTURE_CLAMP));
  blur_grid (self->texture, GRID_W, GRID_H);
  normalize (self->texture, N_TEXTURE);

  /* Silhouette: 2 × 2 blocks of the grid; the foreground's share of the
   * part inside the image, scaled by how much of the block that is (an
   * unknown block is 0, neither figure nor background). */
  for (int y = 0; y < SIL_H; y++)
    for (int x = 0; x < SIL_W; x++)
      {
        int c = 2 * y * GRID_W + 2 * x;
        double n = n_fg[c] + n_fg[c + 1] + n_fg[c + GRID_W] + n_fg[c + GRID_W + 1];
        double all = (all_x[2 * x] + all_x[2 * x + 1]) * (all_y[2 * y] + all_y[2 * y + 1]);
        double inside = (inside_x[2 * x] + inside_x[2 * x + 1]) *
                        (inside_y[2 * y] + inside_y[2 * y + 1]);

        self->silhouette[y * SIL_W + x] = inside > 0 && all > 0 ?
          (float) (inside / all * (2.0 * MIN (1.0, n / inside) - 1.0)) : 0.0f;
      }
  normalize (self->silhouette, N_SILHOUETTE);

  /* Colour: 3 × 3 blocks of the grid. */
  for (int y = 0; y < COL_H; y++)
    for (int x = 0; x < COL_W; x++)
      {
        double n = 0, r = 0, g = 0, rgb = 0, all = 0, unclipped = 0;
        double brightness, reliable;
        int o = y * COL_W + x;

        for (int yy = 3 * y; yy < 3 * y + 3; yy++)
          for (int xx = 3 * x; xx < 3 * x + 3; xx++)
            {
              int c = yy * GRID_W + xx;

              n += n_fg[c];
              unclipped += n_unclipped[c];
              r += sum_r[c];
              g += sum_g[c];
              rgb += sum_rgb[c];
              all += all_x[xx] * all_y[yy];
            }

        if (n < 1e-6 || all <= 0)
          {
            self->color_weight[o] = self->color_r[o] = self->color_g[o] = 0.0f;
            continue;
          }

        /* Dark cells count less: their chromaticity is mostly noise. So do
         * over-exposed ones, whose colour has been clipped towards white. */
        brightness = MIN (1.0, rgb / (3.0 * n) / COLOR_DARK);
        reliable = unclipped / n;
        self->color_weight[o] = (float) (MIN (1.0, n / all) * brightness * brightness *
                                         reliable * reliable);
        /* The chromaticity of the cell's summed colour, so that dark pixels
         * weigh in less. The constant keeps black from dividing by zero
         * and pulls it towards grey. */
        self->color_r[o] = (float) ((r + 10 * n) / (rgb + 30 * n) - 1.0 / 3.0);
        self->color_g[o] = (float) ((g + 10 * n) / (rgb + 30 * n) - 1.0 / 3.0);
      }
}

/**
 * lineup_demo_feature_new_from_pixbuf:
 * @pixbuf: an 8-bit RGB(A) image
 * @error: return location for an error
 *
 * Extracts the descriptor defined at the top of this file. Fails with
 * %LINEUP_API_ERROR_NO_FACE_FOUND when the image is too small, nearly
 * uniform, or has no figure in front of a background.
 *
 * Returns: (transfer full): the feature, or %NULL with @error set
 */
LineupDemoFeature *
lineup_demo_feature_new_from_pixbuf (GdkPixbuf  *pixbuf,
                                     GError    **error)
{
  g_autoptr(LineupDemoFeature) self = NULL;
  g_auto(Work) work = { 0 };
  Crop crop;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (gdk_pixbuf_get_colorspace (pixbuf) != GDK_COLORSPACE_RGB ||
      gdk_pixbuf_get_bits_per_sample (pixbuf) != 8 ||
      gdk_pixbuf_get_n_channels (pixbuf) < 3)
    {
      g_set_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_BAD_IMAGE,
                   _("The image is not an 8-bit RGB image."));
      return NULL;
    }

  if (gdk_pixbuf_get_width (pixbuf) < MIN_SIDE || gdk_pixbuf_get_height (pixbuf) < MIN_SIDE)
    {
      g_set_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_FACE_FOUND,
                   _("No face was found: the image is too small."));
      return NULL;
    }

  work_init_from_pixbuf (&work, pixbuf);

  if (work_luma_stddev (&work) < MIN_LUMA_STDDEV)
    {
      g_set_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_FACE_FOUND,
                   _("No face was found in the image."));
      return NULL;
    }

  work_segment (&work);

  if (!work_find_crop (&work, &crop))
    {
      g_set_error (error, LINEUP_API_ERROR, LINEUP_API_ERROR_NO_FACE_FOUND,
                   _("No face was found in the image."));
      return NULL;
    }

  self = g_new0 (LineupDemoFeature, 1);
  feature_fill (self, &work, &crop);

  return g_steal_pointer (&self);
}

static void
write_u32 (guint8  *p,
           guint32  v)
{
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
  p[2] = (v >> 16) & 0xff;
  p[3] = (v >> 24) & 0xff;
}

static guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

/* The floats in their fixed order: texture, silhouette, colour r, g and
 * weight, luminance. The struct has exactly these, in this order. */
G_STATIC_ASSERT (sizeof (LineupDemoFeature) == 4 * N_FLOATS);

/**
 * lineup_demo_feature_serialize:
 * @feature: a feature
 *
 * The persistent form: the magic "LDDF", a little-endian 32-bit version
 * (2), then the descriptor's 1,141 floats as little-endian IEEE 754
 * binary32: 4,572 bytes in all.
 *
 * Returns: (transfer full): the bytes
 */
GBytes *
lineup_demo_feature_serialize (const LineupDemoFeature *feature)
{
  const float *floats = (const float *) feature;
  guint8 *data;

  g_return_val_if_fail (feature != NULL, NULL);

  data = g_malloc (FEATURE_BYTES);
  write_u32 (data, FEATURE_MAGIC);
  write_u32 (data + 4, FEATURE_VERSION);
  for (guint i = 0; i < N_FLOATS; i++)
    {
      guint32 bits;

      memcpy (&bits, &floats[i], 4);
      write_u32 (data + 8 + 4 * i, bits);
    }

  return g_bytes_new_take (data, FEATURE_BYTES);
}

/**
 * lineup_demo_feature_new_from_bytes:
 * @serialized: what lineup_demo_feature_serialize() returned
 * @error: return location for an error
 *
 * Returns: (transfer full): the feature, or %NULL with a
 *   %G_IO_ERROR_INVALID_DATA error
 */
LineupDemoFeature *
lineup_demo_feature_new_from_bytes (GBytes  *serialized,
                                    GError **error)
{
  g_autoptr(LineupDemoFeature) self = NULL;
  const guint8 *data;
  gsize size;
  float *floats;

  g_return_val_if_fail (serialized != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (serialized, &size);

  if (size < 8 || read_u32 (data) != FEATURE_MAGIC)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The stored face data is damaged."));
      return NULL;
    }

  if (read_u32 (data + 4) != FEATURE_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The stored face data has an unknown version."));
      return NULL;
    }

  if (size != FEATURE_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The stored face data is damaged."));
      return NULL;
    }

  self = g_new (LineupDemoFeature, 1);
  floats = (float *) self;
  for (guint i = 0; i < N_FLOATS; i++)
    {
      guint32 bits = read_u32 (data + 8 + 4 * i);

      memcpy (&floats[i], &bits, 4);
      if (!isfinite (floats[i]))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The stored face data is damaged."));
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

/**
 * lineup_demo_feature_score:
 * @probe: the feature of the photo searched for
 * @enrolled: a stored feature
 *
 * Returns: the similarity defined at the top of this file, 0 … 100
 */
double
lineup_demo_feature_score (const LineupDemoFeature *probe,
                           const LineupDemoFeature *enrolled)
{
  float t = 0, s = 0, d2 = 0, wsum = 0;
  double d, distance;

  g_return_val_if_fail (probe != NULL, 0.0);
  g_return_val_if_fail (enrolled != NULL, 0.0);

  for (guint i = 0; i < N_TEXTURE; i++)
    t += probe->texture[i] * enrolled->texture[i];

  for (guint i = 0; i < N_SILHOUETTE; i++)
    s += probe->silhouette[i] * enrolled->silhouette[i];

  for (guint i = 0; i < N_COLOR_CELLS; i++)
    {
      float w = probe->color_weight[i] * enrolled->color_weight[i];
      float dr = probe->color_r[i] - enrolled->color_r[i];
      float dg = probe->color_g[i] - enrolled->color_g[i];

      d2 += w * (dr * dr + dg * dg);
      wsum += w;
    }

  /* No reliable colour in common (all dark, or over-exposed): the colours
   * say nothing either way. */
  d = wsum > 1e-6f ? sqrt (d2 / wsum) : 0.0;
  distance = (1.0 - t) + (1.0 - s) + W_COLOR * MAX (0.0, d - COLOR_TOLERANCE) +
             W_EXPOSURE * fabs (log ((probe->luminance + 10.0) / (enrolled->luminance + 10.0)));

  /* Rounding alone (the cosine of a unit vector with itself is not quite
   * 1 in floats) must not cost anything. */
  distance -= SCORE_ROUNDING;
  if (distance <= 0.0)
    return 100.0;

  return 100.0 * (1.0 - MIN (1.0, pow (distance / SCORE_ZERO, SCORE_POWER)));
}

/**
 * lineup_demo_feature_copy:
 * @feature: a feature
 *
 * Returns: (transfer full): a copy of @feature
 */
LineupDemoFeature *
lineup_demo_feature_copy (const LineupDemoFeature *feature)
{
  g_return_val_if_fail (feature != NULL, NULL);

  return g_memdup2 (feature, sizeof *feature);
}

/**
 * lineup_demo_feature_free:
 * @feature: (nullable): a feature
 */
void
lineup_demo_feature_free (LineupDemoFeature *feature)
{
  g_free (feature);
}
