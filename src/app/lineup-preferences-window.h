/* lineup-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lineup-connection-test.h"
#include "lineup-keyring.h"

G_BEGIN_DECLS

/* An AdwPreferencesDialog from libadwaita 1.5, where it replaces the
 * window (deprecated in 1.6); an AdwPreferencesWindow below. */
#define LINEUP_TYPE_PREFERENCES_WINDOW (lineup_preferences_window_get_type ())
#if ADW_CHECK_VERSION (1, 5, 0)
G_DECLARE_FINAL_TYPE (LineupPreferencesWindow, lineup_preferences_window, LINEUP, PREFERENCES_WINDOW,
                      AdwPreferencesDialog)
#else
G_DECLARE_FINAL_TYPE (LineupPreferencesWindow, lineup_preferences_window, LINEUP, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)
#endif

GtkWidget               *lineup_preferences_window_new          (GSettings               *settings,
                                                                 LineupKeyring           *keyring);
void                     lineup_preferences_window_present      (LineupPreferencesWindow *self,
                                                                 GtkWidget               *parent);
LineupConnectionOutcome *lineup_preferences_window_get_outcome  (LineupPreferencesWindow *self);
void                     lineup_preferences_window_show_account (LineupPreferencesWindow *self);

G_END_DECLS
