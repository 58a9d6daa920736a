/* lineup-about.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void lineup_about_present (GtkWidget *parent);

G_END_DECLS
