/* lineup-inspector.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lineup-client.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_INSPECTOR (lineup_inspector_get_type ())
G_DECLARE_FINAL_TYPE (LineupInspector, lineup_inspector, LINEUP, INSPECTOR, AdwWindow)

GtkWidget *lineup_inspector_new        (GtkWindow       *parent);
void       lineup_inspector_set_client (LineupInspector *self,
                                        LineupClient    *client);

G_END_DECLS
