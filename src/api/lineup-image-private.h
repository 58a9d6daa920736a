/* lineup-image-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lineup-image.h"

G_BEGIN_DECLS

/* The pieces behind LineupImage, one concern per file:
 * lineup-image-header.c (what the bytes are, before decoding),
 * lineup-image-resample.c (streaming scaler, preview box filter),
 * lineup-image-orient.c (EXIF orientation),
 * lineup-image-jpeg.c (libjpeg-turbo decode at a DCT scale, encode),
 * lineup-image-prepare.c (the pipeline that decides what is sent). */

/* A streaming resampler: rows go in one at a time at the source size and
 * come out at the destination size into @dest, so a scaled decode never
 * holds the full-size picture. */
typedef struct _LineupResampler LineupResampler;

LineupResampler *_lineup_resampler_new      (int              src_width,
                                             int              src_height,
                                             int              src_channels,
                                             GdkPixbuf       *dest);
void             _lineup_resampler_push_row (LineupResampler *self,
                                             const guint8    *row);
void             _lineup_resampler_scale_row (LineupResampler *self,
                                              const guint8    *row,
                                              guint8          *out);
void             _lineup_resampler_push_scaled (LineupResampler *self,
                                                const guint8    *scaled);
int              _lineup_resampler_get_rows_out (LineupResampler *self);
void             _lineup_resampler_free     (LineupResampler *self);
GdkPixbuf       *_lineup_pixbuf_new         (gboolean         has_alpha,
                                             int              width,
                                             int              height);
GdkPixbuf       *_lineup_resample           (GdkPixbuf       *src,
                                             int              x,
                                             int              y,
                                             int              width,
                                             int              height,
                                             int              dest_width,
                                             int              dest_height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupResampler, _lineup_resampler_free)

/* EXIF orientation (1–8): how the stored pixels map onto the upright
 * picture. */
void             _lineup_orientation_map_rect (int              orientation,
                                               int              stored_width,
                                               int              stored_height,
                                               const LineupImageRect *upright,
                                               LineupImageRect *stored);
gboolean         _lineup_orientation_swaps    (int              orientation);
GdkPixbuf       *_lineup_orient_pixbuf        (GdkPixbuf       *stored,
                                               int              orientation);
void             _lineup_orient_rows          (GdkPixbuf       *stored,
                                               int              orientation,
                                               int              first_row,
                                               int              n_rows,
                                               guint8          *out,
                                               gsize            out_stride);

/* JPEG through libjpeg-turbo. */
typedef struct
{
  int  width;
  int  height;
  int  components;
  int  orientation;
  gboolean progressive;
} LineupJpegInfo;

gboolean         _lineup_jpeg_read_info   (GBytes                *bytes,
                                           LineupJpegInfo        *info,
                                           GError               **error);
typedef void   (*LineupRowsFunc)          (GdkPixbuf             *dest,
                                           int                    first_row,
                                           int                    n_rows,
                                           gpointer               user_data);

GdkPixbuf       *_lineup_jpeg_decode      (GBytes                *bytes,
                                           const LineupImageRect *stored_crop,
                                           int                    dest_width,
                                           int                    dest_height,
                                           LineupRowsFunc         rows_func,
                                           gpointer               rows_data,
                                           GCancellable          *cancellable,
                                           gboolean              *truncated,
                                           GError               **error);
GBytes          *_lineup_jpeg_encode      (GdkPixbuf             *stored,
                                           int                    orientation,
                                           int                    quality,
                                           GCancellable          *cancellable,
                                           GError               **error);

typedef struct _LineupJpegWriter LineupJpegWriter;

LineupJpegWriter *_lineup_jpeg_writer_new    (int                  stored_width,
                                              int                  stored_height,
                                              int                  orientation,
                                              int                  quality,
                                              GError             **error);
gboolean          _lineup_jpeg_writer_write  (LineupJpegWriter    *writer,
                                              GdkPixbuf           *stored,
                                              int                  stored_rows,
                                              GError             **error);
gsize             _lineup_jpeg_writer_get_size (LineupJpegWriter  *writer);
int               _lineup_jpeg_writer_get_rows (LineupJpegWriter  *writer);
GBytes           *_lineup_jpeg_writer_finish (LineupJpegWriter    *writer,
                                              GError             **error);
void              _lineup_jpeg_writer_free   (LineupJpegWriter    *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupJpegWriter, _lineup_jpeg_writer_free)

struct _LineupImage
{
  GObject             parent_instance;

  /* What is sent */
  GBytes             *bytes;
  char               *content_type;
  char               *filename;
  int                 width;
  int                 height;
  int                 quality;          /* 0: the source bytes, untouched */

  /* Where it came from */
  GBytes             *source;           /* kept to crop again from the original */
  GdkPixbuf          *source_pixbuf;    /* a camera frame: no source bytes */
  char               *source_name;
  char               *source_format;
  int                 source_width;     /* upright, the whole image */
  int                 source_height;
  int                 orientation;
  guint               page;
  guint               n_pages;
  LineupImageOptions  options;          /* as asked, crop included */

  GdkPixbuf          *preview;
  double              preview_scale;
};

/* Whole-block averaging for the preview, fed rows as they come. */
typedef struct _LineupBoxReducer LineupBoxReducer;

LineupBoxReducer *_lineup_box_reducer_new    (int                  src_width,
                                              int                  src_height,
                                              int                  channels,
                                              int                  factor);
void              _lineup_box_reducer_push   (LineupBoxReducer    *self,
                                              const guint8        *row);
GdkPixbuf        *_lineup_box_reducer_finish (LineupBoxReducer    *self);
void              _lineup_box_reducer_free   (LineupBoxReducer    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupBoxReducer, _lineup_box_reducer_free)

GError          *_lineup_image_file_too_large (const char      *name,
                                               guint64          size);
gboolean         _lineup_image_prepare    (LineupImage           *self,
                                           GBytes                *bytes,
                                           const char            *display_name,
                                           const LineupImageOptions *options,
                                           GCancellable          *cancellable,
                                           GError               **error);

G_END_DECLS
