/* lineup-preferences-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lineup-preferences-window.h"

G_BEGIN_DECLS

struct _LineupPreferencesWindow
{
#if ADW_CHECK_VERSION (1, 5, 0)
  AdwPreferencesDialog     parent_instance;
#else
  AdwPreferencesWindow     parent_instance;
#endif

  GSettings               *settings;
  LineupKeyring           *keyring;
  GCancellable            *cancellable;        /* keyring calls; the window's life */
  GCancellable            *test_cancellable;
  LineupConnectionOutcome *outcome;
  guint                    apply_id;
  guint                    filling : 1;

  AdwComboRow             *region_row;
  AdwEntryRow             *custom_url_row;
  AdwEntryRow             *prefix_row;
  AdwEntryRow             *key_row;
  AdwEntryRow             *secret_row;
  GtkLabel                *account_status;
  AdwActionRow            *test_row;
  GtkImage                *test_icon;
  GtkSpinner              *test_spinner;
  GtkSpinButton           *validity_spin;
  GtkSpinButton           *connect_timeout_spin;
  GtkSpinButton           *timeout_spin;
  GtkSpinButton           *concurrency_spin;
};

const char *_lineup_preferences_window_get_region      (LineupPreferencesWindow *self);
void        _lineup_preferences_window_test_connection (GtkWidget               *widget,
                                                        const char              *action_name,
                                                        GVariant                *parameter);
void        _lineup_preferences_window_set_error       (AdwEntryRow             *row,
                                                        gboolean                 error);
void        _lineup_preferences_window_save_custom_url (LineupPreferencesWindow *self,
                                                        const char              *url,
                                                        gboolean                 allow_insecure);
void        _lineup_preferences_window_ask_plain_http  (LineupPreferencesWindow *self,
                                                        const char              *url);

G_END_DECLS
