/* lineup-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lineup-service.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_APPLICATION (lineup_application_get_type ())
G_DECLARE_FINAL_TYPE (LineupApplication, lineup_application, LINEUP, APPLICATION, AdwApplication)

LineupApplication *lineup_application_new         (void);
LineupService     *lineup_application_get_service (LineupApplication *self);

G_END_DECLS
