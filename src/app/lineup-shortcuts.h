/* lineup-shortcuts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void lineup_shortcuts_present (GtkWindow *parent);

G_END_DECLS
