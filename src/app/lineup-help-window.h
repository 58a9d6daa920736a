/* lineup-help-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_HELP_WINDOW (lineup_help_window_get_type ())
G_DECLARE_FINAL_TYPE (LineupHelpWindow, lineup_help_window, LINEUP, HELP_WINDOW, AdwWindow)

GtkWidget *lineup_help_window_new (GtkWindow *parent);

G_END_DECLS
