/* lineup-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lineup-connection-test.h"
#include "lineup-keyring.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_PREFERENCES_WINDOW (lineup_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (LineupPreferencesWindow, lineup_preferences_window, LINEUP, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget               *lineup_preferences_window_new         (GtkWindow               *parent,
                                                                GSettings               *settings,
                                                                LineupKeyring           *keyring);
LineupConnectionOutcome *lineup_preferences_window_get_outcome (LineupPreferencesWindow *self);
void                     lineup_preferences_window_show_account (LineupPreferencesWindow *self);

G_END_DECLS
