/* lineup-app-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lineup-service.h"
#include "lineup-window.h"

G_BEGIN_DECLS

GtkWidget     *lineup_app_test_find            (GtkWidget     *root,
                                                const char    *name);
GtkWidget     *lineup_app_test_get             (GtkWidget     *root,
                                                const char    *name);
GtkWidget     *lineup_app_test_find_toplevel   (GType          type);
char          *lineup_app_test_collect_text    (GtkWidget     *root);
const char    *lineup_app_test_stack_page      (GtkWidget     *root,
                                                const char    *name);
const char    *lineup_app_test_label           (GtkWidget     *root,
                                                const char    *name);
LineupService *lineup_app_test_demo_service    (GSettings     *settings);
void           lineup_app_test_wait_ready      (LineupService *service);
void           lineup_app_test_destroy_window  (gpointer       window);
void           lineup_app_test_finalize        (gpointer       object);
GObject       *lineup_app_test_demo_server     (LineupService *service);
void           lineup_app_test_open_probe      (LineupWindow  *window,
                                                guint          probe);

G_END_DECLS
