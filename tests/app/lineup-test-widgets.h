/* lineup-test-widgets.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void              lineup_test_widgets_init          (void);
void              lineup_test_widgets_present       (GtkWidget  *widget);
void              lineup_test_widgets_dismiss       (GtkWidget  *widget);
void              lineup_test_widgets_settle        (void);
GtkWidget        *lineup_test_widgets_find_row      (GtkWidget  *root,
                                                     const char *title);
GtkWidget        *lineup_test_widgets_find_button   (GtkWidget  *root,
                                                     const char *label);
GtkWidget        *lineup_test_widgets_find_check    (GtkWidget  *root);
GtkWidget        *lineup_test_widgets_find_spin     (GtkWidget  *root);
gboolean          lineup_test_widgets_focus_within  (GtkWidget  *widget);
void              lineup_test_widgets_scroll_to     (GtkWidget  *widget);
void              lineup_test_widgets_shoot         (GtkWidget  *widget,
                                                     const char *name);

G_END_DECLS
