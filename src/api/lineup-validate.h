/* lineup-validate.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LINEUP_ID_MAX_BYTES          48
#define LINEUP_GROUP_NAME_MAX_CHARS  60
#define LINEUP_DATA_MAX_CHARS        128
#define LINEUP_SEARCH_LIMIT_MAX      100
#define LINEUP_LIST_LIMIT_MAX        1000
#define LINEUP_LIST_START_MAX        1000
#define LINEUP_DELETE_TOKENS_MAX     1000

gboolean lineup_validate_id        (const char  *what,
                                    const char  *value,
                                    GError     **error);
gboolean lineup_validate_text      (const char  *what,
                                    const char  *value,
                                    guint        max_bytes,
                                    gboolean     required,
                                    GError     **error);
gboolean lineup_validate_range     (const char  *what,
                                    double       value,
                                    double       min,
                                    double       max,
                                    GError     **error);
gboolean lineup_validate_token     (const char  *value,
                                    GError     **error);
gboolean lineup_validate_tokens    (const char * const *tokens,
                                    GError     **error);
gboolean lineup_validate_flag      (const char  *what,
                                    const char  *value,
                                    GError     **error);

G_END_DECLS
