/* lineup-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lineup-service.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_WINDOW (lineup_window_get_type ())
G_DECLARE_FINAL_TYPE (LineupWindow, lineup_window, LINEUP, WINDOW, AdwApplicationWindow)

LineupWindow  *lineup_window_new         (GtkApplication  *application,
                                          LineupService   *service);
LineupService *lineup_window_get_service (LineupWindow    *self);
void           lineup_window_open_files  (LineupWindow    *self,
                                          GFile          **files,
                                          guint            n_files);

G_END_DECLS
