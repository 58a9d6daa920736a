/* lineup-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lineup-image.h"
#include "lineup-search-result.h"
#include "lineup-window.h"

G_BEGIN_DECLS

struct _LineupWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  LineupClient         *client;
  LineupDemoServer     *demo;
  LineupImage          *image;
  LineupSearchResult   *result;
  GListStore           *groups;
  GCancellable         *image_cancellable;
  GCancellable         *search_cancellable;
  GCancellable         *groups_cancellable;
  char                 *searched_group;
  GtkWidget            *inspector;

  AdwToastOverlay      *toasts;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *samples_button;
  GMenu                *samples_section;
  GtkStack             *image_stack;
  GtkSpinner           *image_spinner;
  GtkPicture           *image_picture;
  GtkLabel             *image_info;
  AdwComboRow          *group_row;
  GtkSpinButton        *limit_spin;
  GtkSpinButton        *threshold_spin;
  GtkAdjustment        *threshold_adjustment;
  GtkScale             *threshold_scale;
  GtkSwitch            *rotate_switch;
  GtkButton            *search_button;
  GtkStack             *results_stack;
  GtkSpinner           *search_spinner;
  GtkLabel             *results_title;
  GtkLabel             *results_summary;
  GtkListBox           *results_list;
  AdwStatusPage        *idle_page;
  AdwStatusPage        *error_page;
  GtkLabel             *error_details;
};

void _lineup_window_class_actions_init (LineupWindowClass *klass);
void _lineup_window_actions_init       (LineupWindow      *self);
void _lineup_window_dnd_init           (LineupWindow      *self);
void _lineup_window_update_actions     (LineupWindow      *self);
void _lineup_window_set_image          (LineupWindow      *self,
                                        LineupImage       *image);
void _lineup_window_toast_error        (LineupWindow      *self,
                                        const GError      *error);
void _lineup_window_open_bytes         (LineupWindow      *self,
                                        GBytes            *bytes,
                                        const char        *file_name);

G_END_DECLS
