/* lineup-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lineup-face.h"

G_BEGIN_DECLS

char *lineup_format_add_time (LineupFace *face);

G_END_DECLS
