/* lineup-toast.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void lineup_toast_show       (GtkWidget    *widget,
                              const char   *title);
void lineup_toast_show_error (GtkWidget    *widget,
                              const GError *error);

G_END_DECLS
