/* lineup-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lineup-search-page.h"
#include "lineup-window.h"

G_BEGIN_DECLS

struct _LineupWindow
{
  AdwApplicationWindow  parent_instance;

  LineupService        *service;
  GSettings            *settings;
  GCancellable         *cancellable;
  GtkWidget            *inspector;

  AdwToastOverlay      *toasts;
  AdwWindowTitle       *window_title;
  GtkWidget            *open_button;
  GtkMenuButton        *samples_button;
  GtkMenuButton        *main_menu_button;
  GMenu                *samples_menu;
  GMenu                *samples_section;
  GMenu                *primary_menu;
  GtkStack             *main_stack;
  GtkWidget            *mode_line;
  AdwViewStack         *view_stack;
  LineupSearchPage     *search_page;
  gboolean              welcome;
};

void             _lineup_window_class_actions_init (LineupWindowClass *klass);
void             _lineup_window_actions_init       (LineupWindow      *self);
void             _lineup_window_dnd_init           (LineupWindow      *self);
LineupProbePane *_lineup_window_get_probe_pane     (LineupWindow      *self);

G_END_DECLS
