/* lineup-image.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/* The service documents no limits; these follow its predecessor API. */
#define LINEUP_IMAGE_MAX_SIDE     4096
#define LINEUP_IMAGE_MAX_BYTES    (2 * 1024 * 1024)
#define LINEUP_IMAGE_MAX_INPUT    (256 * 1024 * 1024)
#define LINEUP_IMAGE_MAX_PIXELS   (G_GUINT64_CONSTANT (100000000))
#define LINEUP_IMAGE_MIN_SIDE     48
#define LINEUP_IMAGE_QUALITY      90
#define LINEUP_IMAGE_PREVIEW_SIDE 1024

#define LINEUP_IMAGE_ERROR (lineup_image_error_quark ())

/**
 * LineupImageError:
 *
 * Why an image was refused. Every message names the file.
 * %LINEUP_IMAGE_ERROR_ANIMATED means the first frame can be used: ask
 * again with %LINEUP_IMAGE_FLAGS_FIRST_FRAME.
 */
typedef enum
{
  LINEUP_IMAGE_ERROR_EMPTY,
  LINEUP_IMAGE_ERROR_TRUNCATED,
  LINEUP_IMAGE_ERROR_DAMAGED,
  LINEUP_IMAGE_ERROR_NOT_AN_IMAGE,
  LINEUP_IMAGE_ERROR_UNSUPPORTED,
  LINEUP_IMAGE_ERROR_NOT_A_FILE,
  LINEUP_IMAGE_ERROR_UNREADABLE,
  LINEUP_IMAGE_ERROR_FILE_TOO_LARGE,
  LINEUP_IMAGE_ERROR_TOO_MANY_PIXELS,
  LINEUP_IMAGE_ERROR_TOO_SMALL,
  LINEUP_IMAGE_ERROR_ANIMATED,
  LINEUP_IMAGE_ERROR_BAD_CROP,
} LineupImageError;

/**
 * LineupImageRect:
 *
 * A rectangle in the pixels of the upright source image. A width or
 * height of 0 means the whole image.
 */
typedef struct
{
  int x;
  int y;
  int width;
  int height;
} LineupImageRect;

/**
 * LineupImageFlags:
 * @LINEUP_IMAGE_FLAGS_FIRST_FRAME: send a GIF's first frame as a JPEG
 *   instead of refusing it
 */
typedef enum
{
  LINEUP_IMAGE_FLAGS_NONE        = 0,
  LINEUP_IMAGE_FLAGS_FIRST_FRAME = 1 << 0,
} LineupImageFlags;

/**
 * LineupImageOptions:
 * @max_side: the longest side sent; 0 for %LINEUP_IMAGE_MAX_SIDE
 * @max_pixels: larger sources are refused from their header; 0 for
 *   %LINEUP_IMAGE_MAX_PIXELS
 * @max_bytes: the largest upload; 0 for %LINEUP_IMAGE_MAX_BYTES
 * @quality: the first JPEG quality tried; 0 for %LINEUP_IMAGE_QUALITY
 * @crop: only this part of the upright source is sent
 */
typedef struct
{
  int              max_side;
  guint64          max_pixels;
  gsize            max_bytes;
  int              quality;
  LineupImageRect  crop;
  LineupImageFlags flags;
} LineupImageOptions;

#define LINEUP_TYPE_IMAGE_RECT (lineup_image_rect_get_type ())

GType            lineup_image_rect_get_type (void);
LineupImageRect *lineup_image_rect_copy     (const LineupImageRect *rect);
gboolean         lineup_image_rect_equal    (const LineupImageRect *a,
                                             const LineupImageRect *b);
gboolean         lineup_image_rect_is_empty (const LineupImageRect *rect);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupImageRect, g_free)

#define LINEUP_IMAGE_OPTIONS_INIT { 0, 0, 0, 0, { 0, 0, 0, 0 }, LINEUP_IMAGE_FLAGS_NONE }

/**
 * LineupImageHeader:
 * @format: gdk-pixbuf's name for the format ("jpeg", "png", "tiff", …)
 * @width: (stored, before orientation) of the page that is used
 * @orientation: EXIF orientation, 1–8 (1 when there is none)
 * @n_pages: pages of a TIFF, frames of a GIF; 1 otherwise
 */
typedef struct
{
  char    *format;
  int      width;
  int      height;
  int      orientation;
  guint    n_pages;
} LineupImageHeader;

void lineup_image_header_clear (LineupImageHeader *header);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LineupImageHeader, lineup_image_header_clear)

#define LINEUP_TYPE_IMAGE (lineup_image_get_type ())
G_DECLARE_FINAL_TYPE (LineupImage, lineup_image, LINEUP, IMAGE, GObject)

GQuark       lineup_image_error_quark        (void);
gboolean     lineup_image_read_header        (GBytes                   *bytes,
                                              const char               *display_name,
                                              LineupImageHeader        *header,
                                              GError                  **error);

LineupImage *lineup_image_new_from_bytes     (GBytes                   *bytes,
                                              const char               *filename,
                                              GError                  **error);
LineupImage *lineup_image_new_from_bytes_full (GBytes                  *bytes,
                                              const char               *filename,
                                              const LineupImageOptions *options,
                                              GCancellable             *cancellable,
                                              GError                  **error);
LineupImage *lineup_image_new_from_pixbuf    (GdkPixbuf                *pixbuf,
                                              const char               *filename,
                                              GError                  **error);
LineupImage *lineup_image_load               (GFile                    *file,
                                              GCancellable             *cancellable,
                                              GError                  **error);
LineupImage *lineup_image_load_full          (GFile                    *file,
                                              const LineupImageOptions *options,
                                              GCancellable             *cancellable,
                                              GError                  **error);
void         lineup_image_load_async         (GFile                    *file,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data);
void         lineup_image_load_full_async    (GFile                    *file,
                                              const LineupImageOptions *options,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data);
void         lineup_image_prepare_async      (GBytes                   *bytes,
                                              const char               *filename,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data);
void         lineup_image_prepare_full_async (GBytes                   *bytes,
                                              const char               *filename,
                                              const LineupImageOptions *options,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data);
LineupImage *lineup_image_crop               (LineupImage              *self,
                                              const LineupImageRect    *crop,
                                              GCancellable             *cancellable,
                                              GError                  **error);
void         lineup_image_crop_async         (LineupImage              *self,
                                              const LineupImageRect    *crop,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data);
LineupImage *lineup_image_load_finish        (GAsyncResult             *result,
                                              GError                  **error);

GBytes      *lineup_image_get_bytes          (LineupImage              *self);
const char  *lineup_image_get_content_type   (LineupImage              *self);
const char  *lineup_image_get_filename       (LineupImage              *self);
const char  *lineup_image_get_source_name    (LineupImage              *self);
const char  *lineup_image_get_source_format  (LineupImage              *self);
gsize        lineup_image_get_source_size    (LineupImage              *self);
int          lineup_image_get_width          (LineupImage              *self);
int          lineup_image_get_height         (LineupImage              *self);
int          lineup_image_get_source_width   (LineupImage              *self);
int          lineup_image_get_source_height  (LineupImage              *self);
int          lineup_image_get_orientation    (LineupImage              *self);
guint        lineup_image_get_page           (LineupImage              *self);
guint        lineup_image_get_n_pages        (LineupImage              *self);
gboolean     lineup_image_get_crop           (LineupImage              *self,
                                              LineupImageRect          *crop);
int          lineup_image_get_quality        (LineupImage              *self);
gboolean     lineup_image_get_reencoded      (LineupImage              *self);
gboolean     lineup_image_get_converted      (LineupImage              *self);
gboolean     lineup_image_get_first_frame    (LineupImage              *self);
const LineupImageOptions *
             lineup_image_get_options        (LineupImage              *self);
char        *lineup_image_dup_description    (LineupImage              *self);
GdkPixbuf   *lineup_image_get_preview        (LineupImage              *self);
double       lineup_image_get_preview_scale  (LineupImage              *self);

G_END_DECLS
