/* lineup-demo-portrait.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/* The parameters of one synthetic person. Everything is derived from the
 * seed, so the same seed always draws the same person. */
typedef struct
{
  guint32 seed;
  double  face_width;      /* fraction of the image width, ~0.38–0.52 */
  double  face_height;     /* fraction of the image height, ~0.48–0.62 */
  double  eye_spacing;     /* fraction of face width */
  double  eye_size;
  double  nose_length;
  double  mouth_width;
  double  brow_tilt;
  int     hair_style;      /* 0 … LINEUP_DEMO_HAIR_STYLES - 1 */
  gboolean beard;
  guint8  skin[3];
  guint8  hair[3];
  guint8  eyes[3];
  guint8  shirt[3];
  guint8  background[3];
} LineupDemoPerson;

#define LINEUP_DEMO_HAIR_STYLES 5

/* How a photo of a person differs from their enrolment photo. */
typedef struct
{
  double   brightness;     /* 1.0 = unchanged */
  double   dx, dy;         /* shift, fraction of the image size */
  double   scale;          /* 1.0 = unchanged */
  gboolean glasses;
  gboolean custom_background;
  guint8   background[3];
  double   noise;          /* 0 = none, 1 = heavy sensor noise */
} LineupDemoVariation;

#define LINEUP_DEMO_VARIATION_INIT { 1.0, 0.0, 0.0, 1.0, FALSE, FALSE, { 0, 0, 0 }, 0.0 }

void       lineup_demo_person_init_from_seed (LineupDemoPerson          *person,
                                              guint32                    seed);
GdkPixbuf *lineup_demo_portrait_render       (const LineupDemoPerson    *person,
                                              const LineupDemoVariation *variation,
                                              int                        width,
                                              int                        height);

G_END_DECLS
