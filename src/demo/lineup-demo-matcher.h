/* lineup-demo-matcher.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/* The demo service's stand-in for face recognition: a deterministic
 * image-similarity measure, NOT a face recogniser. */
typedef struct _LineupDemoFeature LineupDemoFeature;

LineupDemoFeature *lineup_demo_feature_new_from_pixbuf (GdkPixbuf               *pixbuf,
                                                        GError                 **error);
LineupDemoFeature *lineup_demo_feature_new_from_bytes  (GBytes                  *serialized,
                                                        GError                 **error);
GBytes            *lineup_demo_feature_serialize       (const LineupDemoFeature *feature);
double             lineup_demo_feature_score           (const LineupDemoFeature *probe,
                                                        const LineupDemoFeature *enrolled);
LineupDemoFeature *lineup_demo_feature_copy            (const LineupDemoFeature *feature);
void               lineup_demo_feature_free            (LineupDemoFeature       *feature);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupDemoFeature, lineup_demo_feature_free)

G_END_DECLS
