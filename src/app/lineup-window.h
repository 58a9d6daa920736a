/* lineup-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lineup-client.h"
#include "lineup-demo-server.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_WINDOW (lineup_window_get_type ())
G_DECLARE_FINAL_TYPE (LineupWindow, lineup_window, LINEUP, WINDOW, AdwApplicationWindow)

LineupWindow *lineup_window_new             (GtkApplication   *application);
LineupClient *lineup_window_get_client      (LineupWindow     *self);
void          lineup_window_set_client      (LineupWindow     *self,
                                             LineupClient     *client);
void          lineup_window_set_demo_server (LineupWindow     *self,
                                             LineupDemoServer *demo);
void          lineup_window_set_service_error (LineupWindow   *self,
                                             const GError     *error);
void          lineup_window_open_file       (LineupWindow     *self,
                                             GFile            *file);

G_END_DECLS
