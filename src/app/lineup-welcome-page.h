/* lineup-welcome-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_WELCOME_PAGE (lineup_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (LineupWelcomePage, lineup_welcome_page, LINEUP, WELCOME_PAGE, AdwBin)

G_END_DECLS
