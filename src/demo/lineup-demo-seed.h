/* lineup-demo-seed.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "lineup-demo-store.h"

G_BEGIN_DECLS

#define LINEUP_DEMO_GROUP_ID "demo"

typedef enum
{
  LINEUP_DEMO_PROBE_STRONG,
  LINEUP_DEMO_PROBE_WEAK,
  LINEUP_DEMO_PROBE_STRANGER,
  LINEUP_DEMO_PROBE_ROTATED,
  LINEUP_DEMO_N_PROBES
} LineupDemoProbe;

gboolean    lineup_demo_seed_store        (LineupDemoStore  *store,
                                           GError          **error);
guint       lineup_demo_seed_n_people     (void);
GdkPixbuf  *lineup_demo_seed_render_person (guint            index,
                                           int              width,
                                           int              height);
const char *lineup_demo_seed_get_user_id  (guint            index);
GdkPixbuf  *lineup_demo_probe_render      (LineupDemoProbe  probe);
GBytes     *lineup_demo_probe_render_jpeg (LineupDemoProbe  probe);
const char *lineup_demo_probe_get_title   (LineupDemoProbe  probe);
const char *lineup_demo_probe_get_file_name (LineupDemoProbe probe);
const char *lineup_demo_probe_get_expected_user_id (LineupDemoProbe probe);

G_END_DECLS
