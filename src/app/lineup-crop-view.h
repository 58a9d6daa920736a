/* lineup-crop-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lineup-image.h"

G_BEGIN_DECLS

#define LINEUP_TYPE_CROP_VIEW (lineup_crop_view_get_type ())
G_DECLARE_FINAL_TYPE (LineupCropView, lineup_crop_view, LINEUP, CROP_VIEW, GtkWidget)

GtkWidget    *lineup_crop_view_new              (void);
LineupImage  *lineup_crop_view_get_image        (LineupCropView        *self);
void          lineup_crop_view_set_image        (LineupCropView        *self,
                                                 LineupImage           *image);
int           lineup_crop_view_get_source_width (LineupCropView        *self);
int           lineup_crop_view_get_source_height (LineupCropView       *self);
gboolean      lineup_crop_view_get_crop         (LineupCropView        *self,
                                                 LineupImageRect       *crop);
void          lineup_crop_view_set_crop         (LineupCropView        *self,
                                                 const LineupImageRect *crop);
gboolean      lineup_crop_view_get_has_crop     (LineupCropView        *self);
gboolean      lineup_crop_view_get_picture_bounds (LineupCropView      *self,
                                                 graphene_rect_t       *bounds);

G_END_DECLS
