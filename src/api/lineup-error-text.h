/* lineup-error-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *lineup_error_dup_summary   (const GError *error);
char *lineup_error_dup_technical (const GError *error);

gboolean lineup_text_ends_sentence (const char *text);

G_END_DECLS
