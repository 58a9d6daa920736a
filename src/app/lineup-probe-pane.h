/* lineup-probe-pane.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lineup-camera-view.h"
#include "lineup-group.h"
#include "lineup-image.h"
#include "lineup-service.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PROBE_PANE (lineup_probe_pane_get_type ())
G_DECLARE_FINAL_TYPE (LineupProbePane, lineup_probe_pane, LINEUP, PROBE_PANE, AdwBin)

LineupService *lineup_probe_pane_get_service        (LineupProbePane *self);
void           lineup_probe_pane_set_service        (LineupProbePane *self,
                                                     LineupService   *service);
LineupImage   *lineup_probe_pane_get_image          (LineupProbePane *self);
GdkPaintable  *lineup_probe_pane_get_paintable      (LineupProbePane *self);
LineupGroup   *lineup_probe_pane_get_group          (LineupProbePane *self);
guint          lineup_probe_pane_get_limit          (LineupProbePane *self);
double         lineup_probe_pane_get_threshold      (LineupProbePane *self);
gboolean       lineup_probe_pane_get_rotate         (LineupProbePane *self);
void           lineup_probe_pane_set_rotate         (LineupProbePane *self,
                                                     gboolean         rotate);
void           lineup_probe_pane_open_file          (LineupProbePane *self,
                                                     GFile           *file);
void           lineup_probe_pane_open_files         (LineupProbePane *self,
                                                     GFile          **files,
                                                     guint            n_files);
void           lineup_probe_pane_open_bytes         (LineupProbePane *self,
                                                     GBytes          *bytes,
                                                     const char      *file_name);
void           lineup_probe_pane_set_drop_highlight (LineupProbePane *self,
                                                     gboolean         highlight);
void           lineup_probe_pane_show_camera        (LineupProbePane *self);
LineupCameraView *lineup_probe_pane_get_camera_view (LineupProbePane *self);

G_END_DECLS
