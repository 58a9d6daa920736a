/* lineup-image-notice.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_IMAGE_NOTICE (lineup_image_notice_get_type ())
G_DECLARE_FINAL_TYPE (LineupImageNotice, lineup_image_notice, LINEUP, IMAGE_NOTICE, AdwBin)

GtkWidget    *lineup_image_notice_new            (void);
void          lineup_image_notice_show_error     (LineupImageNotice *self,
                                                  const GError      *error);
void          lineup_image_notice_set_previous_kept (LineupImageNotice *self,
                                                  gboolean           kept);
void          lineup_image_notice_dismiss        (LineupImageNotice *self);
const GError *lineup_image_notice_get_error      (LineupImageNotice *self);
const char   *lineup_image_notice_get_title      (LineupImageNotice *self);

G_END_DECLS
