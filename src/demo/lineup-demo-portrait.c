/* lineup-demo-portrait.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-demo-portrait"

#include "config.h"

#include <math.h>
#include <cairo.h>

#include "lineup-demo-portrait.h"

/* Synthetic head-and-shoulders portraits for the demo service. Nothing
 * here depends on global random state: every person and every photo of
 * them comes from small generators seeded with the person's seed, so the
 * same seed always gives the same pixels, in every thread.
 *
 * The figure is laid out in a 256 × 320 design frame, which is fitted
 * into the requested size (centred, aspect kept); the background fills
 * the whole image. */

#define FRAME_W 256.0
#define FRAME_H 320.0

/* splitmix64: tiny, fast and good enough for picking looks. */
typedef struct
{
  guint64 state;
} Rng;

static void
rng_init (Rng     *rng,
          guint32  seed,
          guint64  stream)
{
  rng->state = ((guint64) seed << 32 | seed) ^ stream;
}

static guint64
rng_next (Rng *rng)
{
  guint64 z;

  rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  z = rng->state;
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double
rng_double (Rng *rng)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static double
rng_range (Rng    *rng,
           double  lo,
           double  hi)
{
  return lo + (hi - lo) * rng_double (rng);
}

static int
rng_below (Rng *rng,
           int  n)
{
  return (int) (rng_double (rng) * n);
}

typedef struct
{
  guint8   rgb[3];
  int      weight;
  gboolean dyed;
} WeightedColor;

static void
color_set (guint8       dest[3],
           const guint8 src[3])
{
  dest[0] = src[0];
  dest[1] = src[1];
  dest[2] = src[2];
}

static void
color_jitter (guint8  c[3],
              Rng    *rng,
              int     amount)
{
  for (guint i = 0; i < 3; i++)
    c[i] = CLAMP (c[i] + rng_below (rng, 2 * amount + 1) - amount, 0, 255);
}

static void
color_from_hsv (guint8 c[3],
                double h,
                double s,
                double v)
{
  double r, g, b;

  h = fmod (h, 1.0);
  if (h < 0)
    h += 1.0;
  h *= 6.0;

  {
    int sector = (int) h;
    double f = h - sector;
    double p = v * (1.0 - s);
    double q = v * (1.0 - s * f);
    double t = v * (1.0 - s * (1.0 - f));

    switch (sector)
      {
      case 0: r = v; g = t; b = p; break;
      case 1: r = q; g = v; b = p; break;
      case 2: r = p; g = v; b = t; break;
      case 3: r = p; g = q; b = v; break;
      case 4: r = t; g = p; b = v; break;
      default: r = v; g = p; b = q; break;
      }
  }

  c[0] = (guint8) CLAMP (r * 255.0 + 0.5, 0, 255);
  c[1] = (guint8) CLAMP (g * 255.0 + 0.5, 0, 255);
  c[2] = (guint8) CLAMP (b * 255.0 + 0.5, 0, 255);
}

static double
color_distance (const guint8 a[3],
                const guint8 b[3])
{
  double dr = a[0] - b[0];
  double dg = a[1] - b[1];
  double db = a[2] - b[2];

  return sqrt (dr * dr + dg * dg + db * db);
}

/* From very light to very dark, roughly along real skin tones. */
static const guint8 skin_palette[][3] = {
  { 255, 226, 204 },
  { 246, 208, 178 },
  { 234, 186, 150 },
  { 219, 163, 122 },
  { 196, 137,  96 },
  { 168, 109,  72 },
  { 135,  84,  55 },
  { 104,  64,  42 },
  {  78,  50,  36 },
};

static const WeightedColor hair_colors[] = {
  { {  28,  24,  24 }, 20, FALSE },  /* black */
  { {  58,  40,  30 }, 16, FALSE },  /* dark brown */
  { {  98,  64,  38 }, 14, FALSE },  /* brown */
  { { 140,  98,  56 },  8, FALSE },  /* light brown */
  { { 222, 190, 122 },  8, FALSE },  /* blond */
  { { 186, 146,  84 },  7, FALSE },  /* dark blond */
  { { 160,  68,  34 },  6, FALSE },  /* auburn */
  { { 204, 104,  46 },  5, FALSE },  /* ginger */
  { { 150, 150, 150 },  6, FALSE },  /* grey */
  { { 214, 212, 206 },  4, FALSE },  /* white */
  { { 226, 104, 168 },  2, TRUE },   /* dyed pink */
  { {  58, 104, 196 },  2, TRUE },   /* dyed blue */
  { { 126,  72, 176 },  1, TRUE },   /* dyed purple */
  { {  38, 150, 138 },  1, TRUE },   /* dyed teal */
};

static const guint8 eye_colors[][3] = {
  {  62,  38,  22 },  /* dark brown */
  { 102,  64,  34 },  /* brown */
  { 120, 100,  48 },  /* hazel */
  {  72, 118,  70 },  /* green */
  {  62, 112, 170 },  /* blue */
  { 112, 128, 140 },  /* grey */
};

/* Glasses frames: black, tortoiseshell brown, navy, red. */
static const guint8 frame_colors[][3] = {
  {  30,  30,  34 },
  {  96,  60,  34 },
  {  40,  56, 110 },
  { 150,  40,  48 },
};

static const guint8 natural_brown[3] = { 62, 44, 32 };

static const WeightedColor *
pick_weighted (const WeightedColor *table,
               guint                n,
               Rng                 *rng)
{
  int total = 0;
  int pick;

  for (guint i = 0; i < n; i++)
    total += table[i].weight;

  pick = rng_below (rng, total);
  for (guint i = 0; i < n; i++)
    {
      if (pick < table[i].weight)
        return &table[i];
      pick -= table[i].weight;
    }

  return &table[n - 1];
}

void
lineup_demo_person_init_from_seed (LineupDemoPerson *person,
                                   guint32           seed)
{
  const WeightedColor *hair;
  Rng rng;
  double t, hue, saturation, value;
  int idx;

  g_return_if_fail (person != NULL);

  rng_init (&rng, seed, G_GUINT64_CONSTANT (0x5045525330303031));
  /* Warm the generator up, so that neighbouring seeds diverge at once. */
  rng_next (&rng);

  person->seed = seed;
  person->face_width = rng_range (&rng, 0.38, 0.52);
  person->face_height = rng_range (&rng, 0.48, 0.62);
  person->eye_spacing = rng_range (&rng, 0.36, 0.46);
  person->eye_size = rng_range (&rng, 0.075, 0.105);
  person->nose_length = rng_range (&rng, 0.14, 0.22);
  person->mouth_width = rng_range (&rng, 0.28, 0.42);
  person->brow_tilt = rng_range (&rng, -0.25, 0.25);
  person->hair_style = rng_below (&rng, LINEUP_DEMO_HAIR_STYLES);
  person->beard = rng_double (&rng) < 0.22;

  /* Skin: a continuous position along the palette. */
  t = rng_double (&rng) * (G_N_ELEMENTS (skin_palette) - 1);
  idx = MIN ((int) t, (int) G_N_ELEMENTS (skin_palette) - 2);
  t -= idx;
  for (guint i = 0; i < 3; i++)
    person->skin[i] = (guint8) (skin_palette[idx][i] * (1.0 - t) +
                                skin_palette[idx + 1][i] * t + 0.5);
  color_jitter (person->skin, &rng, 5);

  hair = pick_weighted (hair_colors, G_N_ELEMENTS (hair_colors), &rng);
  color_set (person->hair, hair->rgb);
  color_jitter (person->hair, &rng, 10);
  /* A blue beard would be a bit much. */
  if (hair->dyed)
    person->beard = FALSE;

  /* Darker skin goes mostly with brown eyes. */
  if (idx >= 4 && rng_double (&rng) < 0.85)
    color_set (person->eyes, eye_colors[rng_below (&rng, 2)]);
  else
    color_set (person->eyes, eye_colors[rng_below (&rng, G_N_ELEMENTS (eye_colors))]);
  color_jitter (person->eyes, &rng, 8);

  /* One draw per statement: the order in which a call's arguments are
   * evaluated is up to the compiler, and the people must not be. */
  hue = rng_double (&rng);
  saturation = rng_range (&rng, 0.25, 0.75);
  value = rng_range (&rng, 0.30, 0.85);
  color_from_hsv (person->shirt, hue, saturation, value);

  /* A soft pastel that stands apart from the person, so the figure never
   * melts into the wall. */
  for (guint tries = 0; tries < 32; tries++)
    {
      hue = rng_double (&rng);
      saturation = rng_range (&rng, 0.10, 0.30);
      value = rng_range (&rng, 0.86, 0.97);
      color_from_hsv (person->background, hue, saturation, value);
      if (color_distance (person->background, person->skin) >= 70 &&
          color_distance (person->background, person->hair) >= 70 &&
          color_distance (person->background, person->shirt) >= 70)
        break;
    }
}

/* Everything the drawing code needs, in design-frame units. Secondary
 * traits (jaw, parting, collar …) are not in LineupDemoPerson; they come
 * from their own stream of the person's seed. */
typedef struct
{
  const LineupDemoPerson *person;
  double cx, cy;        /* face centre */
  double a, b;          /* face half-width, half-height */
  double eye_y;
  double nose_y;        /* bottom of the nose */
  double mouth_y;
  double jaw;           /* 0 = pointed, 1 = square */
  double part;          /* hair parting, -1 … 1 */
  double hairline;      /* -0.1 … 0.1 of b */
  double smile;
  double cheek_alpha;
  double shoulder;      /* shoulder half-width */
  double shoulder_y;
  int    collar;
  guint8 lips[3];
  guint8 brows[3];
  guint8 frame[3];
  gboolean moustache;
} Layout;

static void
set_color (cairo_t      *cr,
           const guint8  c[3],
           double        shade)
{
  double r = c[0] / 255.0;
  double g = c[1] / 255.0;
  double b = c[2] / 255.0;

  if (shade <= 1.0)
    cairo_set_source_rgb (cr, r * shade, g * shade, b * shade);
  else
    cairo_set_source_rgb (cr,
                          r + (1.0 - r) * (shade - 1.0),
                          g + (1.0 - g) * (shade - 1.0),
                          b + (1.0 - b) * (shade - 1.0));
}

static void
layout_init (Layout                 *l,
             const LineupDemoPerson *person)
{
  Rng rng;

  rng_init (&rng, person->seed, G_GUINT64_CONSTANT (0x4c41594f55543031));
  rng_next (&rng);

  l->person = person;
  /* face_height spans crown to chin including the hair on top; keep the
   * skull between round and long, never a cone. */
  l->a = CLAMP (person->face_width, 0.30, 0.60) * FRAME_W / 2.0;
  l->b = CLAMP (person->face_height, 0.40, 0.70) * FRAME_H / 2.0 * 0.86;
  l->b = CLAMP (l->b, 1.12 * l->a, 1.50 * l->a);
  l->cx = FRAME_W / 2.0;
  l->cy = FRAME_H * 0.47;
  l->eye_y = l->cy + 0.04 * l->b;
  l->nose_y = l->eye_y + CLAMP (person->nose_length, 0.10, 0.26) * 2.0 * l->b;
  l->mouth_y = l->nose_y + 0.17 * l->b;
  l->jaw = rng_double (&rng);
  l->part = rng_range (&rng, -1.0, 1.0);
  l->hairline = rng_range (&rng, -0.10, 0.10);
  l->smile = rng_range (&rng, 0.02, 0.10);
  l->cheek_alpha = rng_range (&rng, 0.0, 0.16);
  l->shoulder = MIN (l->a * rng_range (&rng, 1.75, 2.05), 122.0);
  l->shoulder_y = l->cy + l->b * 1.22;
  l->collar = rng_below (&rng, 3);
  l->moustache = rng_double (&rng) < 0.5;

  /* Lips: the skin, redder and a little darker. */
  l->lips[0] = (guint8) CLAMP (person->skin[0] * 0.86 + 26, 0, 255);
  l->lips[1] = (guint8) CLAMP (person->skin[1] * 0.62, 0, 255);
  l->lips[2] = (guint8) CLAMP (person->skin[2] * 0.64, 0, 255);

  /* Brows follow the hair, pulled towards a natural dark brown (dyed hair
   * rarely reaches the brows). */
  for (guint i = 0; i < 3; i++)
    l->brows[i] = (guint8) ((person->hair[i] * 0.55 + natural_brown[i] * 0.45) * 0.85);

  color_set (l->frame, frame_colors[rng_below (&rng, G_N_ELEMENTS (frame_colors))]);
}

/* An egg: widest at the cheekbones, narrowing to the chin. */
static void
face_path_grown (cairo_t      *cr,
                 const Layout *l,
                 double        grow)
{
  double cx = l->cx, cy = l->cy, a = l->a + grow, b = l->b + grow;
  double jx = 0.56 + 0.16 * l->jaw;     /* jaw corner x, fraction of a */
  double jy = 0.70 + 0.08 * l->jaw;

  cairo_new_path (cr);
  cairo_move_to (cr, cx, cy - b);
  cairo_curve_to (cr, cx + 0.58 * a, cy - b, cx + a, cy - 0.62 * b, cx + a, cy - 0.08 * b);
  cairo_curve_to (cr, cx + a, cy + 0.32 * b, cx + (jx + 0.24) * a, cy + (jy - 0.14) * b,
                  cx + jx * a, cy + jy * b);
  cairo_curve_to (cr, cx + (jx - 0.22) * a, cy + (jy + 0.22) * b, cx + 0.26 * a, cy + b,
                  cx, cy + b);
  cairo_curve_to (cr, cx - 0.26 * a, cy + b, cx - (jx - 0.22) * a, cy + (jy + 0.22) * b,
                  cx - jx * a, cy + jy * b);
  cairo_curve_to (cr, cx - (jx + 0.24) * a, cy + (jy - 0.14) * b, cx - a, cy + 0.32 * b,
                  cx - a, cy - 0.08 * b);
  cairo_curve_to (cr, cx - a, cy - 0.62 * b, cx - 0.58 * a, cy - b, cx, cy - b);
  cairo_close_path (cr);
}

static void
face_path (cairo_t      *cr,
           const Layout *l)
{
  face_path_grown (cr, l, 0.0);
}

static void
draw_shirt (cairo_t      *cr,
            const Layout *l)
{
  const LineupDemoPerson *p = l->person;
  double cx = l->cx, a = l->a, sy = l->shoulder_y, sw = l->shoulder;
  double neck = 0.40 * a;

  /* Neck, shaded: the chin throws a shadow. */
  cairo_rectangle (cr, cx - neck, l->cy + 0.4 * l->b, 2 * neck, sy - l->cy);
  set_color (cr, p->skin, 0.80);
  cairo_fill (cr);

  cairo_new_path (cr);
  cairo_move_to (cr, cx - sw - 30, FRAME_H + 40);
  cairo_curve_to (cr, cx - sw - 8, sy + 60, cx - sw, sy + 22, cx - sw + 26, sy + 8);
  cairo_curve_to (cr, cx - sw * 0.6, sy - 4, cx - neck * 1.6, sy - 8, cx - neck * 1.2, sy - 10);
  cairo_line_to (cr, cx + neck * 1.2, sy - 10);
  cairo_curve_to (cr, cx + neck * 1.6, sy - 8, cx + sw * 0.6, sy - 4, cx + sw - 26, sy + 8);
  cairo_curve_to (cr, cx + sw, sy + 22, cx + sw + 8, sy + 60, cx + sw + 30, FRAME_H + 40);
  cairo_close_path (cr);
  set_color (cr, p->shirt, 1.0);
  cairo_fill_preserve (cr);
  set_color (cr, p->shirt, 0.72);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  switch (l->collar)
    {
    case 0:  /* crew neck */
      cairo_new_path (cr);
      cairo_move_to (cr, cx - neck * 1.2, sy - 10);
      cairo_curve_to (cr, cx - neck, sy + 8, cx + neck, sy + 8, cx + neck * 1.2, sy - 10);
      cairo_close_path (cr);
      set_color (cr, p->skin, 0.80);
      cairo_fill_preserve (cr);
      set_color (cr, p->shirt, 0.72);
      cairo_set_line_width (cr, 4.0);
      cairo_stroke (cr);
      break;

    case 1:  /* V neck */
      cairo_new_path (cr);
      cairo_move_to (cr, cx - neck * 1.2, sy - 10);
      cairo_line_to (cr, cx, sy + 34);
      cairo_line_to (cr, cx + neck * 1.2, sy - 10);
      cairo_close_path (cr);
      set_color (cr, p->skin, 0.80);
      cairo_fill_preserve (cr);
      set_color (cr, p->shirt, 0.72);
      cairo_set_line_width (cr, 3.0);
      cairo_stroke (cr);
      break;

    default:  /* shirt collar: two light wings */
      cairo_new_path (cr);
      cairo_move_to (cr, cx - neck * 1.2, sy - 10);
      cairo_line_to (cr, cx, sy + 24);
      cairo_line_to (cr, cx + neck * 1.2, sy - 10);
      cairo_close_path (cr);
      set_color (cr, p->skin, 0.80);
      cairo_fill (cr);
      for (int side = -1; side <= 1; side += 2)
        {
          cairo_new_path (cr);
          cairo_move_to (cr, cx + side * neck * 1.25, sy - 12);
          cairo_line_to (cr, cx + side * 2, sy + 26);
          cairo_line_to (cr, cx + side * neck * 1.9, sy + 18);
          cairo_close_path (cr);
          set_color (cr, p->shirt, 1.45);
          cairo_fill_preserve (cr);
          set_color (cr, p->shirt, 0.72);
          cairo_set_line_width (cr, 1.2);
          cairo_stroke (cr);
        }
      break;
    }
}

/* Hair hugging the skull, a little fuller than it, tapering to the
 * sideburns; the face covers the lower part. */
static void
hair_cap_path (cairo_t      *cr,
               const Layout *l,
               double        fullness)
{
  double cx = l->cx, cy = l->cy, a = l->a * fullness, b = l->b;
  double top = cy - b - 1.2 * (fullness - 1.0) * l->a;

  cairo_new_path (cr);
  cairo_move_to (cr, cx - 0.97 * l->a, cy);
  cairo_line_to (cr, cx - a, cy - 0.25 * b);
  cairo_curve_to (cr, cx - a, cy - 0.72 * b, cx - 0.58 * a, top, cx, top);
  cairo_curve_to (cr, cx + 0.58 * a, top, cx + a, cy - 0.72 * b, cx + a, cy - 0.25 * b);
  cairo_line_to (cr, cx + 0.97 * l->a, cy);
  cairo_close_path (cr);
}

/* The hair that sits behind the head. */
static void
draw_hair_back (cairo_t      *cr,
                const Layout *l)
{
  const LineupDemoPerson *p = l->person;
  double cx = l->cx, cy = l->cy, a = l->a, b = l->b;

  cairo_new_path (cr);

  switch (p->hair_style)
    {
    case 0:  /* short */
      hair_cap_path (cr, l, 1.08);
      set_color (cr, p->hair, 1.0);
      cairo_fill (cr);
      break;

    case 1:  /* long */
      {
        double bottom = l->shoulder_y + 0.10 * b;

        cairo_move_to (cr, cx, cy - 1.12 * b);
        cairo_curve_to (cr, cx + 0.80 * a, cy - 1.12 * b, cx + 1.22 * a, cy - 0.70 * b,
                        cx + 1.20 * a, cy - 0.10 * b);
        cairo_curve_to (cr, cx + 1.18 * a, cy + 0.45 * b, cx + 1.42 * a, cy + 0.80 * b,
                        cx + 1.36 * a, bottom);
        cairo_curve_to (cr, cx + 1.0 * a, bottom + 8, cx + 0.7 * a, bottom - 2,
                        cx + 0.45 * a, cy + 0.8 * b);
        cairo_line_to (cr, cx - 0.45 * a, cy + 0.8 * b);
        cairo_curve_to (cr, cx - 0.7 * a, bottom - 2, cx - 1.0 * a, bottom + 8,
                        cx - 1.36 * a, bottom);
        cairo_curve_to (cr, cx - 1.42 * a, cy + 0.80 * b, cx - 1.18 * a, cy + 0.45 * b,
                        cx - 1.20 * a, cy - 0.10 * b);
        cairo_curve_to (cr, cx - 1.22 * a, cy - 0.70 * b, cx - 0.80 * a, cy - 1.12 * b,
                        cx, cy - 1.12 * b);
        cairo_close_path (cr);
        set_color (cr, p->hair, 1.0);
        cairo_fill_preserve (cr);
        set_color (cr, p->hair, 0.75);
        cairo_set_line_width (cr, 1.5);
        cairo_stroke (cr);
      }
      break;

    case 2:  /* bun on top */
      cairo_save (cr);
      cairo_translate (cr, cx + 0.10 * l->part * a, cy - 1.08 * b);
      cairo_scale (cr, 0.40 * a, 0.30 * a);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      set_color (cr, p->hair, 0.92);
      cairo_fill_preserve (cr);
      set_color (cr, p->hair, 0.70);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);

      hair_cap_path (cr, l, 1.04);
      set_color (cr, p->hair, 1.0);
      cairo_fill (cr);
      break;

    case 3:  /* curly, big */
      {
        const int n = 22;

        cairo_save (cr);
        cairo_translate (cr, cx, cy - 0.28 * b);
        cairo_scale (cr, 1.30 * a, 0.86 * b);
        cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
        cairo_restore (cr);
        set_color (cr, p->hair, 1.0);
        cairo_fill (cr);

        for (int i = 0; i < n; i++)
          {
            double ang = G_PI * (0.90 + 1.20 * i / (n - 1.0));
            double x = cx + 1.30 * a * cos (ang);
            double y = cy - 0.28 * b + 0.86 * b * sin (ang);

            cairo_new_path (cr);
            cairo_arc (cr, x, y, 0.26 * a, 0, 2 * G_PI);
            set_color (cr, p->hair, (i % 2) ? 0.92 : 1.0);
            cairo_fill (cr);
          }
      }
      break;

    default:  /* bald-ish: hair only over the ears and round the back */
      for (int side = -1; side <= 1; side += 2)
        {
          cairo_new_path (cr);
          cairo_save (cr);
          cairo_translate (cr, cx + side * 0.96 * a, cy - 0.12 * b);
          cairo_scale (cr, 0.11 * a, 0.30 * b);
          cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
          cairo_restore (cr);
          set_color (cr, p->hair, 1.0);
          cairo_fill (cr);
        }
      break;
    }
}

static void
draw_ears (cairo_t      *cr,
           const Layout *l)
{
  const LineupDemoPerson *p = l->person;

  if (p->hair_style == 1 || p->hair_style == 3)
    return;

  for (int side = -1; side <= 1; side += 2)
    {
      double x = l->cx + side * 0.98 * l->a;
      double y = (l->eye_y + l->nose_y) / 2.0;

      cairo_new_path (cr);
      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_scale (cr, 0.14 * l->a, 0.24 * l->b);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      set_color (cr, p->skin, 0.92);
      cairo_fill_preserve (cr);
      set_color (cr, p->skin, 0.70);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);

      cairo_new_path (cr);
      cairo_save (cr);
      cairo_translate (cr, x + side * 0.02 * l->a, y);
      cairo_scale (cr, 0.06 * l->a, 0.13 * l->b);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      set_color (cr, p->skin, 0.78);
      cairo_fill (cr);
    }
}

static void
draw_face (cairo_t      *cr,
           const Layout *l)
{
  const LineupDemoPerson *p = l->person;
  cairo_pattern_t *shade;

  face_path (cr, l);
  set_color (cr, p->skin, 1.0);
  cairo_fill_preserve (cr);

  /* Soft shading towards the edges keeps it from looking flat. */
  shade = cairo_pattern_create_radial (l->cx - 0.15 * l->a, l->cy - 0.1 * l->b, 0.2 * l->a,
                                       l->cx, l->cy, 1.15 * l->b);
  cairo_pattern_add_color_stop_rgba (shade, 0.0, 1, 1, 1, 0.10);
  cairo_pattern_add_color_stop_rgba (shade, 0.6, 0, 0, 0, 0.0);
  cairo_pattern_add_color_stop_rgba (shade, 1.0, 0, 0, 0, 0.22);
  cairo_set_source (cr, shade);
  cairo_fill_preserve (cr);
  cairo_pattern_destroy (shade);

  set_color (cr, p->skin, 0.70);
  cairo_set_line_width (cr, 1.3);
  cairo_stroke (cr);

  if (l->cheek_alpha > 0.02)
    {
      for (int side = -1; side <= 1; side += 2)
        {
          cairo_new_path (cr);
          cairo_arc (cr, l->cx + side * 0.55 * l->a, l->nose_y - 0.02 * l->b, 0.17 * l->a,
                     0, 2 * G_PI);
          cairo_set_source_rgba (cr, 0.90, 0.35, 0.35, l->cheek_alpha);
          cairo_fill (cr);
        }
    }
}

/* The hair in front of the face: a fringe clipped to the face outline. */
static void
draw_hair_front (cairo_t      *cr,
                 const Layout *l)
{
  const LineupDemoPerson *p = l->person;
  double cx = l->cx, cy = l->cy, a = l->a, b = l->b;
  double top = cy - (0.48 - l->hairline) * b;     /* hairline at the centre */
  double side_y = cy - 0.12 * b;                   /* at the temples */
  double pk = l->part * 0.35 * a;                  /* where the parting is */

  /* Grown a little, so that the hair also covers the face's outline. */
  cairo_save (cr);
  face_path_grown (cr, l, 1.0);
  cairo_clip (cr);
  cairo_new_path (cr);

  switch (p->hair_style)
    {
    case 0:  /* short: a neat fringe with a side parting */
      cairo_move_to (cr, cx - 1.2 * a, cy - 1.3 * b);
      cairo_line_to (cr, cx + 1.2 * a, cy - 1.3 * b);
      cairo_line_to (cr, cx + 1.1 * a, side_y);
      cairo_curve_to (cr, cx + 0.80 * a, side_y - 0.05 * b, cx + 0.75 * a, top,
                      cx + pk, top - 0.06 * b);
      cairo_curve_to (cr, cx - 0.55 * a, top + 0.02 * b, cx - 0.85 * a, side_y - 0.05 * b,
                      cx - 1.1 * a, side_y);
      cairo_close_path (cr);
      set_color (cr, p->hair, 1.0);
      cairo_fill (cr);
      break;

    case 1:  /* long: swept fringe, framing the face */
      cairo_move_to (cr, cx - 1.2 * a, cy - 1.3 * b);
      cairo_line_to (cr, cx + 1.2 * a, cy - 1.3 * b);
      cairo_line_to (cr, cx + 1.2 * a, cy + 0.5 * b);
      cairo_curve_to (cr, cx + 0.94 * a, cy + 0.1 * b, cx + 0.90 * a, top + 0.1 * b,
                      cx + pk, top - 0.08 * b);
      cairo_curve_to (cr, cx - 0.60 * a, top + 0.05 * b, cx - 0.94 * a, cy + 0.0 * b,
                      cx - 1.2 * a, cy + 0.5 * b);
      cairo_close_path (cr);
      set_color (cr, p->hair, 1.0);
      cairo_fill (cr);

      cairo_move_to (cr, cx + pk, top - 0.08 * b);
      cairo_line_to (cr, cx + pk * 0.8, cy - 1.0 * b);
      set_color (cr, p->hair, 0.70);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      break;

    case 2:  /* pulled back: high, smooth hairline */
      cairo_move_to (cr, cx - 1.2 * a, cy - 1.3 * b);
      cairo_line_to (cr, cx + 1.2 * a, cy - 1.3 * b);
      cairo_line_to (cr, cx + 1.1 * a, side_y - 0.06 * b);
      cairo_curve_to (cr, cx + 0.7 * a, top - 0.16 * b, cx + 0.3 * a, top - 0.12 * b,
                      cx, top - 0.12 * b);
      cairo_curve_to (cr, cx - 0.3 * a, top - 0.12 * b, cx - 0.7 * a, top - 0.16 * b,
                      cx - 1.1 * a, side_y - 0.06 * b);
      cairo_close_path (cr);
      set_color (cr, p->hair, 1.0);
      cairo_fill (cr);
      break;

    case 3:  /* curly: a fringe of curls along an arched hairline */
      cairo_move_to (cr, cx - 1.2 * a, cy - 1.3 * b);
      cairo_line_to (cr, cx + 1.2 * a, cy - 1.3 * b);
      cairo_line_to (cr, cx + 1.1 * a, side_y);
      cairo_curve_to (cr, cx + 0.8 * a, top - 0.1 * b, cx + 0.4 * a, top - 0.2 * b,
                      cx, top - 0.2 * b);
      cairo_curve_to (cr, cx - 0.4 * a, top - 0.2 * b, cx - 0.8 * a, top - 0.1 * b,
                      cx - 1.1 * a, side_y);
      cairo_close_path (cr);
      set_color (cr, p->hair, 1.0);
      cairo_fill (cr);
      for (int i = 0; i <= 8; i++)
        {
          double t = (i - 4) / 4.0;   /* -1 … 1 across the forehead */
          double x = cx + t * 0.95 * a;
          double y = top - 0.17 * b + 0.34 * b * t * t;

          cairo_new_path (cr);
          cairo_arc (cr, x, y, 0.17 * a, 0, 2 * G_PI);
          set_color (cr, p->hair, (i % 2) ? 0.90 : 1.0);
          cairo_fill (cr);
        }
      break;

    default:  /* bald-ish: side patches and a shiny scalp */
      for (int side = -1; side <= 1; side += 2)
        {
          cairo_new_path (cr);
          cairo_save (cr);
          cairo_translate (cr, cx + side * 0.99 * a, cy - 0.14 * b);
          cairo_scale (cr, 0.15 * a, 0.30 * b);
          cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
          cairo_restore (cr);
          set_color (cr, p->hair, 1.0);
          cairo_fill (cr);
        }
      cairo_new_path (cr);
      cairo_save (cr);
      cairo_translate (cr, cx - 0.25 * a, cy - 0.72 * b);
      cairo_rotate (cr, -0.4);
      cairo_scale (cr, 0.30 * a, 0.10 * b);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.25);
      cairo_fill (cr);
      break;
    }

  cairo_restore (cr);
}

static void
draw_eyes (cairo_t      *cr,
           const Layout *l)
{
  const LineupDemoPerson *p = l->person;
  double rx = CLAMP (p->eye_size, 0.05, 0.14) * 2.0 * l->a;
  double ry = rx * 0.62;
  double spacing = CLAMP (p->eye_spacing, 0.25, 0.60) * l->a;

  for (int side = -1; side <= 1; side += 2)
    {
      double ex = l->cx + side * spacing;
      double ey = l->eye_y;
      double ir = ry * 0.95;
      double bx0, by0, bx1, by1, tilt;

      /* White of the eye, with the iris clipped to it. */
      cairo_new_path (cr);
      cairo_save (cr);
      cairo_translate (cr, ex, ey);
      cairo_scale (cr, rx, ry);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      cairo_set_source_rgb (cr, 0.97, 0.96, 0.94);
      cairo_fill_preserve (cr);
      cairo_save (cr);
      cairo_clip_preserve (cr);

      cairo_new_path (cr);
      cairo_arc (cr, ex, ey + 0.05 * ry, ir, 0, 2 * G_PI);
      set_color (cr, p->eyes, 1.0);
      cairo_fill_preserve (cr);
      set_color (cr, p->eyes, 0.6);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);

      cairo_arc (cr, ex, ey + 0.05 * ry, ir * 0.45, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.06, 0.05, 0.05);
      cairo_fill (cr);

      cairo_arc (cr, ex + ir * 0.35, ey - ir * 0.30, ir * 0.20, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
      cairo_restore (cr);

      /* Upper lid. */
      cairo_new_path (cr);
      cairo_save (cr);
      cairo_translate (cr, ex, ey);
      cairo_scale (cr, rx, ry);
      cairo_arc (cr, 0, 0, 1, G_PI * 1.05, G_PI * 1.95);
      cairo_restore (cr);
      cairo_set_source_rgb (cr, 0.15, 0.10, 0.08);
      cairo_set_line_width (cr, 1.6);
      cairo_stroke (cr);

      /* Brow: tilt raises (positive) or lowers the inner end. */
      tilt = CLAMP (p->brow_tilt, -0.4, 0.4);
      bx0 = ex - side * 1.2 * rx;            /* inner end */
      bx1 = ex + side * 1.25 * rx;           /* outer end */
      by0 = ey - ry - 0.11 * l->b - tilt * 1.1 * rx;
      by1 = ey - ry - 0.09 * l->b + tilt * 0.5 * rx;
      cairo_new_path (cr);
      cairo_move_to (cr, bx0, by0);
      cairo_curve_to (cr, (2 * bx0 + bx1) / 3, by0 - 0.25 * rx,
                      (bx0 + 2 * bx1) / 3, by1 - 0.30 * rx, bx1, by1);
      set_color (cr, l->brows, 1.0);
      cairo_set_line_width (cr, 0.09 * l->b);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
    }
}

static void
draw_nose (cairo_t      *cr,
           const Layout *l)
{
  const LineupDemoPerson *p = l->person;
  double cx = l->cx, a = l->a, b = l->b;
  double ny = l->nose_y;
  double w = 0.17 * a;

  /* A shadow under the tip. */
  cairo_new_path (cr);
  cairo_save (cr);
  cairo_translate (cr, cx, ny - 0.01 * b);
  cairo_scale (cr, w * 1.1, 0.05 * b);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
  set_color (cr, p->skin, 0.86);
  cairo_fill (cr);

  /* One side of the bridge, then the nostrils. */
  cairo_new_path (cr);
  cairo_move_to (cr, cx + 0.05 * a, l->eye_y + 0.12 * b);
  cairo_curve_to (cr, cx + 0.06 * a, ny - 0.18 * b, cx + 0.13 * a, ny - 0.12 * b,
                  cx + 0.12 * a, ny - 0.05 * b);
  set_color (cr, p->skin, 0.72);
  cairo_set_line_width (cr, 1.4);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);

  cairo_new_path (cr);
  cairo_move_to (cr, cx - w, ny - 0.05 * b);
  cairo_curve_to (cr, cx - w, ny + 0.02 * b, cx - 0.3 * w, ny + 0.03 * b, cx, ny + 0.01 * b);
  cairo_curve_to (cr, cx + 0.3 * w, ny + 0.03 * b, cx + w, ny + 0.02 * b, cx + w, ny - 0.05 * b);
  set_color (cr, p->skin, 0.62);
  cairo_set_line_width (cr, 1.6);
  cairo_stroke (cr);
}

static void
draw_beard (cairo_t      *cr,
            const Layout *l)
{
  const LineupDemoPerson *p = l->person;
  double cx = l->cx, cy = l->cy, a = l->a, b = l->b;
  double my = l->mouth_y;

  /* The face outline, a little fuller at the chin, minus the area round
   * the mouth and cheeks. */
  cairo_save (cr);
  cairo_translate (cr, cx, cy);
  cairo_scale (cr, 1.04, 1.08);
  cairo_translate (cr, -cx, -cy);
  face_path_grown (cr, l, 0.5);
  cairo_restore (cr);
  cairo_save (cr);
  cairo_clip (cr);

  cairo_new_path (cr);
  cairo_move_to (cr, cx - 2 * a, cy - 0.08 * b);
  cairo_line_to (cr, cx - 0.84 * a, cy - 0.08 * b);
  cairo_curve_to (cr, cx - 0.78 * a, my - 0.02 * b, cx - 0.5 * a, my + 0.19 * b,
                  cx, my + 0.17 * b);
  cairo_curve_to (cr, cx + 0.5 * a, my + 0.19 * b, cx + 0.78 * a, my - 0.02 * b,
                  cx + 0.84 * a, cy - 0.08 * b);
  cairo_line_to (cr, cx + 2 * a, cy - 0.08 * b);
  cairo_line_to (cr, cx + 2 * a, cy + 2 * b);
  cairo_line_to (cr, cx - 2 * a, cy + 2 * b);
  cairo_close_path (cr);
  set_color (cr, p->hair, 1.0);
  cairo_fill_preserve (cr);
  set_color (cr, p->hair, 0.75);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_mouth (cairo_t      *cr,
            const Layout *l)
{
  const LineupDemoPerson *p = l->person;
  double cx = l->cx, a = l->a, b = l->b;
  double my = l->mouth_y;
  double mw = CLAMP (p->mouth_width, 0.2, 0.5) * a;
  double s = l->smile * b;

  if (p->beard && l->moustache)
    {
      cairo_new_path (cr);
      cairo_move_to (cr, cx - mw * 1.15, my + 0.02 * b);
      cairo_curve_to (cr, cx - mw, my - 0.14 * b, cx - 0.3 * mw, my - 0.13 * b,
                      cx, my - 0.09 * b);
      cairo_curve_to (cr, cx + 0.3 * mw, my - 0.13 * b, cx + mw, my - 0.14 * b,
                      cx + mw * 1.15, my + 0.02 * b);
      cairo_curve_to (cr, cx + mw * 0.6, my - 0.04 * b, cx - mw * 0.6, my - 0.04 * b,
                      cx - mw * 1.15, my + 0.02 * b);
      cairo_close_path (cr);
      set_color (cr, p->hair, 0.9);
      cairo_fill (cr);
    }

  /* Lips: an upper bow and a fuller lower curve. */
  cairo_new_path (cr);
  cairo_move_to (cr, cx - mw, my);
  cairo_curve_to (cr, cx - 0.6 * mw, my - 0.05 * b, cx - 0.2 * mw, my - 0.07 * b,
                  cx, my - 0.04 * b);
  cairo_curve_to (cr, cx + 0.2 * mw, my - 0.07 * b, cx + 0.6 * mw, my - 0.05 * b,
                  cx + mw, my);
  cairo_curve_to (cr, cx + 0.6 * mw, my + 0.05 * b + s, cx - 0.6 * mw, my + 0.05 * b + s,
                  cx - mw, my);
  cairo_close_path (cr);
  set_color (cr, l->lips, 1.0);
  cairo_fill (cr);

  cairo_new_path (cr);
  cairo_move_to (cr, cx - mw, my);
  cairo_curve_to (cr, cx - 0.5 * mw, my + s * 0.6, cx + 0.5 * mw, my + s * 0.6, cx + mw, my);
  set_color (cr, l->lips, 0.55);
  cairo_set_line_width (cr, 1.3);
  cairo_stroke (cr);
}

static void
draw_glasses (cairo_t      *cr,
              const Layout *l)
{
  const LineupDemoPerson *p = l->person;
  double rx = CLAMP (p->eye_size, 0.05, 0.14) * 2.0 * l->a;
  double spacing = CLAMP (p->eye_spacing, 0.25, 0.60) * l->a;
  double w = MAX (rx * 1.45, 0.19 * l->a);
  double h = w * 0.78;
  double r = h * 0.35;

  cairo_set_line_width (cr, 0.026 * l->a);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (int side = -1; side <= 1; side += 2)
    {
      double x0 = l->cx + side * spacing - w;
      double y0 = l->eye_y - h * 0.9;
      double x1 = x0 + 2 * w;
      double y1 = y0 + 2 * h * 0.95;

      cairo_new_path (cr);
      cairo_arc (cr, x0 + r, y0 + r, r, G_PI, 1.5 * G_PI);
      cairo_arc (cr, x1 - r, y0 + r, r, 1.5 * G_PI, 2 * G_PI);
      cairo_arc (cr, x1 - r, y1 - r, r, 0, 0.5 * G_PI);
      cairo_arc (cr, x0 + r, y1 - r, r, 0.5 * G_PI, G_PI);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, 0.85, 0.92, 1.0, 0.08);
      cairo_fill_preserve (cr);
      set_color (cr, l->frame, 1.0);
      cairo_stroke (cr);

      /* Temple arm towards the ear. */
      cairo_move_to (cr, side > 0 ? x1 : x0, y0 + r);
      cairo_line_to (cr, l->cx + side * 0.99 * l->a, y0 + r - 0.02 * l->b);
      cairo_stroke (cr);
    }

  cairo_new_path (cr);
  cairo_move_to (cr, l->cx - spacing + w, l->eye_y - h * 0.3);
  cairo_curve_to (cr, l->cx - 0.05 * l->a, l->eye_y - h * 0.55,
                  l->cx + 0.05 * l->a, l->eye_y - h * 0.55,
                  l->cx + spacing - w, l->eye_y - h * 0.3);
  set_color (cr, l->frame, 1.0);
  cairo_stroke (cr);
}

static void
draw_figure (cairo_t                *cr,
             const LineupDemoPerson *person,
             gboolean                glasses)
{
  Layout l;

  layout_init (&l, person);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  draw_shirt (cr, &l);
  draw_hair_back (cr, &l);
  draw_ears (cr, &l);
  draw_face (cr, &l);
  draw_hair_front (cr, &l);
  if (person->beard)
    draw_beard (cr, &l);
  draw_nose (cr, &l);
  draw_mouth (cr, &l);
  draw_eyes (cr, &l);
  if (glasses)
    draw_glasses (cr, &l);
}

/* xorshift32 for the per-pixel noise: one multiply-free step per sample. */
static inline guint32
xorshift32 (guint32 *state)
{
  guint32 x = *state;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

/* Roughly normal, mean 0, standard deviation 1 (Irwin–Hall with 4 terms). */
static inline double
noise_sample (guint32 *state)
{
  guint32 x = xorshift32 (state);
  guint32 y = xorshift32 (state);
  double sum = (x & 0xffff) + (x >> 16) + (y & 0xffff) + (y >> 16);

  return (sum / 65535.0 - 2.0) * 1.7320508;
}

GdkPixbuf *
lineup_demo_portrait_render (const LineupDemoPerson    *person,
                             const LineupDemoVariation *variation,
                             int                        width,
                             int                        height)
{
  static const LineupDemoVariation plain = LINEUP_DEMO_VARIATION_INIT;
  const LineupDemoVariation *v = variation != NULL ? variation : &plain;
  cairo_surface_t *surface;
  cairo_t *cr;
  const guint8 *bg;
  const guint8 *src;
  guint8 *dest;
  int src_stride, dest_stride;
  double unit, scale, brightness, sigma;
  guint32 noise_state;
  GdkPixbuf *pixbuf;

  g_return_val_if_fail (person != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);

  bg = v->custom_background ? v->background : person->background;
  set_color (cr, bg, 1.0);
  cairo_paint (cr);

  /* Fit the design frame, then apply the photo's shift and zoom around
   * the frame's centre. */
  unit = MIN (width / FRAME_W, height / FRAME_H);
  scale = CLAMP (v->scale, 0.25, 4.0);
  cairo_translate (cr, width / 2.0 + v->dx * width, height / 2.0 + v->dy * height);
  cairo_scale (cr, unit * scale, unit * scale);
  cairo_translate (cr, -FRAME_W / 2.0, -FRAME_H / 2.0);
  draw_figure (cr, person, v->glasses);

  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_warning ("Could not draw a portrait: %s",
                 cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  src = cairo_image_surface_get_data (surface);
  src_stride = cairo_image_surface_get_stride (surface);
  dest = gdk_pixbuf_get_pixels (pixbuf);
  dest_stride = gdk_pixbuf_get_rowstride (pixbuf);

  brightness = MAX (v->brightness, 0.0);
  sigma = CLAMP (v->noise, 0.0, 1.0) * 40.0;
  noise_state = (person->seed * 2654435761u) ^ 0x6e6f6973u;
  if (noise_state == 0)
    noise_state = 0x9e3779b9u;

  for (int y = 0; y < height; y++)
    {
      /* RGB24 is a native-endian 32-bit word per pixel: 0x00RRGGBB. */
      const guint32 *row = (const guint32 *) (gpointer) (src + (gsize) y * src_stride);
      guint8 *out = dest + (gsize) y * dest_stride;

      for (int x = 0; x < width; x++)
        {
          guint32 px = row[x];
          double c[3] = { (px >> 16) & 0xff, (px >> 8) & 0xff, px & 0xff };

          if (sigma > 0.0)
            {
              double common = noise_sample (&noise_state);

              for (guint i = 0; i < 3; i++)
                c[i] += sigma * (0.75 * common + 0.45 * noise_sample (&noise_state));
            }

          for (guint i = 0; i < 3; i++)
            out[3 * x + i] = (guint8) CLAMP (c[i] * brightness + 0.5, 0.0, 255.0);
        }
    }

  cairo_surface_destroy (surface);

  return pixbuf;
}
