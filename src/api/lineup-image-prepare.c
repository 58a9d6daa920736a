/* lineup-image-prepare.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-image"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lineup-image-private.h"

/* The pipeline: refuse from the header what cannot or should not be sent,
 * send untouched what already fits, and otherwise decode once, at the
 * size that will be sent, turn it upright while encoding and take the
 * preview from the same pixels. */

#define MIN_QUALITY 50

static void
resolve_options (const LineupImageOptions *in,
                 LineupImageOptions       *out)
{
  static const LineupImageOptions defaults = LINEUP_IMAGE_OPTIONS_INIT;

  *out = in ? *in : defaults;
  if (out->max_side <= 0)
    out->max_side = LINEUP_IMAGE_MAX_SIDE;
  if (out->max_pixels == 0)
    out->max_pixels = LINEUP_IMAGE_MAX_PIXELS;
  if (out->max_bytes == 0)
    out->max_bytes = LINEUP_IMAGE_MAX_BYTES;
  if (out->quality <= 0 || out->quality > 100)
    out->quality = LINEUP_IMAGE_QUALITY;
  if (out->crop.width <= 0 || out->crop.height <= 0)
    out->crop = (LineupImageRect) { 0, 0, 0, 0 };
}

static gboolean
has_crop (const LineupImageOptions *options)
{
  return options->crop.width > 0 && options->crop.height > 0;
}

static void
fit (int  width,
     int  height,
     int  max_side,
     int *fit_width,
     int *fit_height)
{
  double f;

  if (width <= max_side && height <= max_side)
    {
      *fit_width = width;
      *fit_height = height;
      return;
    }
  f = (double)max_side / MAX (width, height);
  *fit_width = CLAMP ((int)lround (width * f), 1, max_side);
  *fit_height = CLAMP ((int)lround (height * f), 1, max_side);
}

static char *
megapixels (guint64 pixels)
{
  /* "100", not "100.0"; "2116.0" stays as precise as it needs */
  if (pixels % 1000000 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, pixels / 1000000);
  return g_strdup_printf ("%.1f", pixels / 1e6);
}

static gboolean
check_source (LineupImage              *self,
              const LineupImageHeader  *header,
              GError                  **error)
{
  const LineupImageOptions *options = &self->options;
  guint64 pixels = (guint64)header->width * header->height;
  const char *name = self->source_name;

  if (pixels > options->max_pixels)
    {
      g_autofree char *mp = megapixels (pixels);
      g_autofree char *limit = megapixels (options->max_pixels);

      g_set_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_TOO_MANY_PIXELS,
                   _("“%s” is %d × %d px (%s MP); Lineup takes images of up to %s MP."),
                   name, header->width, header->height, mp, limit);
      return FALSE;
    }

  if (MIN (header->width, header->height) < LINEUP_IMAGE_MIN_SIDE)
    {
      if (self->n_pages > 1)
        g_set_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_TOO_SMALL,
                     _("Page 1 of %u of “%s” is only %d × %d px: too small to hold a face (it needs at least %d × %d)."),
                     self->n_pages, name, self->source_width, self->source_height,
                     LINEUP_IMAGE_MIN_SIDE, LINEUP_IMAGE_MIN_SIDE);
      else
        g_set_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_TOO_SMALL,
                     _("“%s” is only %d × %d px: too small to hold a face (it needs at least %d × %d)."),
                     name, self->source_width, self->source_height,
                     LINEUP_IMAGE_MIN_SIDE, LINEUP_IMAGE_MIN_SIDE);
      return FALSE;
    }

  if (self->n_pages > 1 && (g_strcmp0 (header->format, "gif") == 0 || g_strcmp0 (header->format, "webp") == 0) &&
      !(options->flags & LINEUP_IMAGE_FLAGS_FIRST_FRAME))
    {
      g_set_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_ANIMATED,
                   ngettext ("“%s” is an animation of %u frame, which the service does not accept. Its first frame can be sent as a JPEG instead.",
                             "“%s” is an animation of %u frames, which the service does not accept. Its first frame can be sent as a JPEG instead.",
                             self->n_pages),
                   name, self->n_pages);
      return FALSE;
    }

  if (has_crop (options))
    {
      const LineupImageRect *c = &options->crop;

      if (c->x < 0 || c->y < 0 ||
          c->x > self->source_width - c->width || c->y > self->source_height - c->height)
        {
          g_set_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_BAD_CROP,
                       _("The crop at %d,%d, %d × %d, goes outside “%s” (%d × %d px)."),
                       c->x, c->y, c->width, c->height, name, self->source_width, self->source_height);
          return FALSE;
        }
      if (MIN (c->width, c->height) < LINEUP_IMAGE_MIN_SIDE)
        {
          g_set_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_BAD_CROP,
                       _("The crop of “%s” is only %d × %d px: too small to hold a face (it needs at least %d × %d)."),
                       name, c->width, c->height, LINEUP_IMAGE_MIN_SIDE, LINEUP_IMAGE_MIN_SIDE);
          return FALSE;
        }
    }
  return TRUE;
}

/* gdk-pixbuf for everything but JPEG. An animation gives its first frame. */
static GdkPixbuf *
decode_with_pixbuf (LineupImage  *self,
                    GBytes       *bytes,
                    GError      **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) local_error = NULL;
  GdkPixbufAnimation *animation;
  GdkPixbuf *pixbuf = NULL;
  g_autofree char *upper = g_ascii_strup (self->source_format, -1);

  if (gdk_pixbuf_loader_write_bytes (loader, bytes, &local_error))
    gdk_pixbuf_loader_close (loader, local_error ? NULL : &local_error);
  else
    gdk_pixbuf_loader_close (loader, NULL);

  animation = gdk_pixbuf_loader_get_animation (loader);
  if (animation != NULL && !gdk_pixbuf_animation_is_static_image (animation))
    pixbuf = gdk_pixbuf_animation_get_static_image (animation);
  else
    pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);

  if (local_error != NULL || pixbuf == NULL)
    {
      g_debug ("gdk-pixbuf could not decode %s: %s", self->source_name,
               local_error ? local_error->message : "no pixbuf");
      if (g_error_matches (local_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_INSUFFICIENT_MEMORY))
        g_set_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_TOO_MANY_PIXELS,
                     _("“%s” is too large to decode in the memory available."), self->source_name);
      else
        g_set_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_DAMAGED,
                     /* Translators: the second %s is a format name such as TIFF */
                     _("“%s” is damaged: it starts like a %s image but its data cannot be read."),
                     self->source_name, upper);
      return NULL;
    }
  return g_object_ref (pixbuf);
}

/* JPEG has no alpha: flatten onto white, which is what viewers show. */
static GdkPixbuf *
flatten (GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf);
  int h = gdk_pixbuf_get_height (pixbuf);
  GdkPixbuf *opaque;

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return g_object_ref (pixbuf);

  opaque = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  if (opaque == NULL)
    return NULL;
  gdk_pixbuf_fill (opaque, 0xFFFFFFFF);
  gdk_pixbuf_composite (pixbuf, opaque, 0, 0, w, h, 0, 0, 1, 1, GDK_INTERP_NEAREST, 255);
  return opaque;
}

/* Where decoded rows go as they are finished: the preview's box filter
 * and, for an upright photo, the encoder, so both overlap the decode. */
typedef struct
{
  LineupImage      *self;
  gboolean          encode;
  gboolean          encode_lower;     /* also write at quality − 10 */
  LineupBoxReducer *box;
  LineupJpegWriter *writers[2];       /* the quality asked, and 10 less */
  gboolean          dropped[2];
  gboolean          judged;
  GError           *error;
  int               rows_seen;
} Sink;

static void
sink_clear (Sink *sink)
{
  g_clear_pointer (&sink->box, _lineup_box_reducer_free);
  g_clear_pointer (&sink->writers[0], _lineup_jpeg_writer_free);
  g_clear_pointer (&sink->writers[1], _lineup_jpeg_writer_free);
  g_clear_error (&sink->error);
}

static void
sink_rows (GdkPixbuf *dest,
           int        first_row,
           int        n_rows,
           gpointer   user_data)
{
  Sink *sink = user_data;
  int w = gdk_pixbuf_get_width (dest);
  int h = gdk_pixbuf_get_height (dest);
  int stride = gdk_pixbuf_get_rowstride (dest);
  const guint8 *pixels = gdk_pixbuf_read_pixels (dest);

  if (sink->box == NULL)
    {
      int pw, ph;

      fit (w, h, LINEUP_IMAGE_PREVIEW_SIDE, &pw, &ph);
      sink->box = _lineup_box_reducer_new (w, h, gdk_pixbuf_get_n_channels (dest), MAX (1, MIN (w / pw, h / ph)));
    }
  for (int r = first_row; r < first_row + n_rows; r++)
    _lineup_box_reducer_push (sink->box, pixels + (gsize)r * stride);

  for (int i = 0; i < (sink->encode_lower ? 2 : 1) && sink->encode && sink->error == NULL; i++)
    {
      if (sink->dropped[i])
        continue;
      if (sink->writers[i] == NULL)
        sink->writers[i] = _lineup_jpeg_writer_new (w, h, sink->self->orientation,
                                                    sink->self->options.quality - 10 * i, &sink->error);
      if (sink->writers[i] != NULL)
        _lineup_jpeg_writer_write (sink->writers[i], dest, first_row + n_rows, &sink->error);
    }

  /* With both qualities under way, a quarter of the rows tells which one
   * is not needed: the first far over the limit, or the second when the
   * first is well under it. */
  if (sink->writers[0] != NULL && sink->writers[1] != NULL && !sink->judged &&
      _lineup_jpeg_writer_get_rows (sink->writers[0]) >= h / 4 && h >= 64)
    {
      double projected = (double)_lineup_jpeg_writer_get_size (sink->writers[0]) * h /
                         _lineup_jpeg_writer_get_rows (sink->writers[0]);
      double limit = sink->self->options.max_bytes;
      int drop = projected > 1.5 * limit ? 0 : projected < 0.75 * limit ? 1 : -1;

      sink->judged = TRUE;
      if (drop >= 0)
        {
          g_debug ("%s: quality %d projected at %.0f bytes: dropping quality %d", sink->self->source_name,
                   sink->self->options.quality, projected, sink->self->options.quality - 10 * drop);
          g_clear_pointer (&sink->writers[drop], _lineup_jpeg_writer_free);
          sink->dropped[drop] = TRUE;
        }
    }
  sink->rows_seen = first_row + n_rows;
}

/**
 * decode_stored:
 * @region: (nullable): the upright part wanted
 * @width: the upright size wanted for @region (no larger)
 *
 * Returns: (transfer full): RGB pixels of @region at about @width ×
 *   @height, still in the stored orientation
 */
static GdkPixbuf *
decode_stored (LineupImage            *self,
               const LineupImageRect  *region,
               int                     width,
               int                     height,
               Sink                   *sink,
               GCancellable           *cancellable,
               GError                **error)
{
  gboolean swaps = _lineup_orientation_swaps (self->orientation);
  int stored_width = swaps ? self->source_height : self->source_width;
  int stored_height = swaps ? self->source_width : self->source_height;
  LineupImageRect upright = region ? *region : (LineupImageRect) { 0, 0, self->source_width, self->source_height };
  LineupImageRect stored;
  g_autoptr(GdkPixbuf) full = NULL;
  g_autoptr(GdkPixbuf) opaque = NULL;

  _lineup_orientation_map_rect (self->orientation, stored_width, stored_height, &upright, &stored);
  if (swaps)
    {
      int t = width;
      width = height;
      height = t;
    }

  if (self->source != NULL && g_strcmp0 (self->source_format, "jpeg") == 0)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean cut_off = FALSE;
      GdkPixbuf *pixbuf = _lineup_jpeg_decode (self->source, &stored, width, height, sink_rows, sink,
                                               cancellable, &cut_off, &local_error);

      if (pixbuf != NULL && !cut_off)
        return pixbuf;
      g_clear_object (&pixbuf);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (cut_off)
        g_set_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_TRUNCATED,
                     _("“%s” is cut off: the file ends before the picture does."), self->source_name);
      else
        {
          g_debug ("libjpeg: %s", local_error->message);
          g_set_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_DAMAGED,
                       _("“%s” is damaged: it starts like a %s image but its data cannot be read."),
                       self->source_name, "JPEG");
        }
      return NULL;
    }

  if (self->source_pixbuf != NULL)
    full = g_object_ref (self->source_pixbuf);
  else if (!(full = decode_with_pixbuf (self, self->source, error)))
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (gdk_pixbuf_get_width (full) != stored_width || gdk_pixbuf_get_height (full) != stored_height)
    {
      /* The header and the decoder disagree (an odd TIFF, a GIF frame
       * smaller than its screen): trust the decoder, crop inside it. */
      stored.width = MIN (stored.width, gdk_pixbuf_get_width (full) - MIN (stored.x, gdk_pixbuf_get_width (full) - 1));
      stored.height = MIN (stored.height, gdk_pixbuf_get_height (full) - MIN (stored.y, gdk_pixbuf_get_height (full) - 1));
      stored.x = MIN (stored.x, gdk_pixbuf_get_width (full) - 1);
      stored.y = MIN (stored.y, gdk_pixbuf_get_height (full) - 1);
      width = MIN (width, stored.width);
      height = MIN (height, stored.height);
    }

  if (!(opaque = flatten (full)))
    {
      g_set_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_TOO_MANY_PIXELS,
                   _("“%s” is too large to decode in the memory available."), self->source_name);
      return NULL;
    }
  return _lineup_resample (opaque, stored.x, stored.y, stored.width, stored.height, width, height);
}

/* The preview: from the pixels already decoded, averaged by whole blocks
 * as they arrived, and the resampler for the last step. */
static GdkPixbuf *
make_preview (Sink      *sink,
              GdkPixbuf *stored,
              int        orientation)
{
  int w = gdk_pixbuf_get_width (stored);
  int h = gdk_pixbuf_get_height (stored);
  int pw, ph;
  g_autoptr(GdkPixbuf) reduced = NULL;
  g_autoptr(GdkPixbuf) small = NULL;

  fit (w, h, LINEUP_IMAGE_PREVIEW_SIDE, &pw, &ph);
  reduced = _lineup_box_reducer_finish (sink->box);
  small = _lineup_resample (reduced, 0, 0, gdk_pixbuf_get_width (reduced), gdk_pixbuf_get_height (reduced),
                            MIN (pw, gdk_pixbuf_get_width (reduced)), MIN (ph, gdk_pixbuf_get_height (reduced)));
  return _lineup_orient_pixbuf (small, orientation);
}

static char *
jpeg_filename (const char *name)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = dot && dot != name ? g_strndup (name, dot - name) : g_strdup (name);

  return g_strconcat (stem, ".jpg", NULL);
}

static gboolean
encode (LineupImage   *self,
        GdkPixbuf     *stored,
        Sink          *sink,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(GdkPixbuf) current = g_object_ref (stored);
  int first_quality = self->options.quality;

  /* The first tries were written while decoding; one dropped early
   * counts as tried. */
  for (int i = 0; i < 2 && sink->error == NULL; i++)
    {
      LineupJpegWriter *writer = sink->writers[i];

      if (writer == NULL && !sink->dropped[i])
        break;
      first_quality = self->options.quality - 10 * (i + 1);
      if (writer == NULL ||
          !_lineup_jpeg_writer_write (writer, stored, gdk_pixbuf_get_height (stored), &sink->error))
        continue;
      g_clear_pointer (&self->bytes, g_bytes_unref);
      if (!(self->bytes = _lineup_jpeg_writer_finish (writer, &sink->error)))
        break;
      self->quality = self->options.quality - 10 * i;
      g_debug ("%s: %dx%d at quality %d while decoding: %" G_GSIZE_FORMAT " bytes", self->source_name,
               gdk_pixbuf_get_width (stored), gdk_pixbuf_get_height (stored), self->quality,
               g_bytes_get_size (self->bytes));
      if (g_bytes_get_size (self->bytes) <= self->options.max_bytes)
        goto done;
    }

  /* Lower the quality first, then the size: a face needs pixels more
   * than it needs a perfect gradient. */
  for (int attempt = 0; attempt < 4; attempt++)
    {
      int w = gdk_pixbuf_get_width (current);
      int h = gdk_pixbuf_get_height (current);
      GdkPixbuf *smaller;

      for (int quality = first_quality; quality >= MIN_QUALITY; quality -= 10)
        {
          g_clear_pointer (&self->bytes, g_bytes_unref);
          if (!(self->bytes = _lineup_jpeg_encode (current, self->orientation, quality, cancellable, error)))
            return FALSE;
          self->quality = quality;
          g_debug ("%s: %dx%d at quality %d: %" G_GSIZE_FORMAT " bytes", self->source_name,
                   w, h, quality, g_bytes_get_size (self->bytes));
          if (g_bytes_get_size (self->bytes) <= self->options.max_bytes)
            goto done;
        }
      if (attempt == 3 || !(smaller = _lineup_resample (current, 0, 0, w, h, MAX (1, w * 3 / 4), MAX (1, h * 3 / 4))))
        break;
      g_object_unref (current);
      current = smaller;
      first_quality = self->options.quality;
    }

done:
  self->width = gdk_pixbuf_get_width (current);
  self->height = gdk_pixbuf_get_height (current);
  if (_lineup_orientation_swaps (self->orientation))
    {
      int t = self->width;
      self->width = self->height;
      self->height = t;
    }
  self->content_type = g_strdup ("image/jpeg");
  self->filename = jpeg_filename (self->source_name);
  return TRUE;
}

static gboolean
can_pass_through (LineupImage *self)
{
  const char *f = self->source_format;

  return self->source != NULL && !has_crop (&self->options) &&
         self->orientation == 1 && self->n_pages == 1 &&
         (g_strcmp0 (f, "jpeg") == 0 || g_strcmp0 (f, "png") == 0 || g_strcmp0 (f, "bmp") == 0) &&
         self->source_width <= self->options.max_side && self->source_height <= self->options.max_side &&
         g_bytes_get_size (self->source) <= self->options.max_bytes;
}

static gboolean
prepare_pixels (LineupImage   *self,
                GCancellable  *cancellable,
                GError       **error)
{
  const LineupImageRect *region = has_crop (&self->options) ? &self->options.crop : NULL;
  int region_width = region ? region->width : self->source_width;
  int region_height = region ? region->height : self->source_height;
  g_autoptr(GdkPixbuf) stored = NULL;
  Sink sink = { self, FALSE, FALSE, NULL, { NULL, NULL }, { FALSE, FALSE }, FALSE, NULL, 0 };
  gboolean ok = FALSE;
  int width, height;

  if (can_pass_through (self))
    {
      self->bytes = g_bytes_ref (self->source);
      self->content_type = g_strconcat ("image/", self->source_format, NULL);
      self->filename = g_strdup (self->source_name);
      self->width = self->source_width;
      self->height = self->source_height;
      self->quality = 0;

      /* Only the preview is decoded, straight at its size. */
      fit (self->source_width, self->source_height, LINEUP_IMAGE_PREVIEW_SIDE, &width, &height);
    }
  else
    {
      fit (region_width, region_height, self->options.max_side, &width, &height);
      sink.encode = TRUE;
      /* Sent at its own size, a source already over the byte limit will
       * most likely need a lower quality too: write both at once, while
       * the decode keeps the other core busy anyway. */
      sink.encode_lower = self->source != NULL && !region &&
                          width == self->source_width && height == self->source_height &&
                          g_bytes_get_size (self->source) > self->options.max_bytes &&
                          self->options.quality - 10 >= MIN_QUALITY;
    }

  if (!(stored = decode_stored (self, region, width, height, &sink, cancellable, error)))
    goto out;
  /* Sources decoded whole (not JPEG) reach the sink only now. */
  if (sink.rows_seen < gdk_pixbuf_get_height (stored))
    sink_rows (stored, sink.rows_seen, gdk_pixbuf_get_height (stored) - sink.rows_seen, &sink);

  self->preview = make_preview (&sink, stored, self->orientation);
  self->preview_scale = (double)gdk_pixbuf_get_width (self->preview) / region_width;

  if (self->bytes == NULL && !encode (self, stored, &sink, cancellable, error))
    goto out;

  g_debug ("%s: %s", self->source_name, self->content_type);
  ok = TRUE;

out:
  sink_clear (&sink);
  return ok;
}

GError *
_lineup_image_file_too_large (const char *name,
                              guint64     size)
{
  g_autofree char *text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *limit = g_format_size_full (LINEUP_IMAGE_MAX_INPUT, G_FORMAT_SIZE_IEC_UNITS);

  return g_error_new (LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_FILE_TOO_LARGE,
                      _("“%s” is %s, more than the %s Lineup reads."), name, text, limit);
}

/**
 * _lineup_image_prepare:
 * @bytes: (nullable): the encoded source; %NULL when self->source_pixbuf
 *   is set
 */
gboolean
_lineup_image_prepare (LineupImage              *self,
                       GBytes                   *bytes,
                       const char               *display_name,
                       const LineupImageOptions *options,
                       GCancellable             *cancellable,
                       GError                  **error)
{
  g_auto(LineupImageHeader) header = { 0 };

  resolve_options (options, &self->options);
  self->source_name = g_strdup (display_name ? display_name : _("Pasted image"));

  if (bytes != NULL)
    {
      if (g_bytes_get_size (bytes) > LINEUP_IMAGE_MAX_INPUT)
        {
          g_propagate_error (error, _lineup_image_file_too_large (self->source_name, g_bytes_get_size (bytes)));
          return FALSE;
        }
      if (!lineup_image_read_header (bytes, self->source_name, &header, error))
        return FALSE;
      self->source = g_bytes_ref (bytes);
    }
  else
    {
      header.format = g_strdup ("camera");
      header.width = gdk_pixbuf_get_width (self->source_pixbuf);
      header.height = gdk_pixbuf_get_height (self->source_pixbuf);
      header.orientation = 1;
      header.n_pages = 1;
    }

  self->source_format = g_strdup (header.format);
  self->orientation = header.orientation;
  self->n_pages = header.n_pages;
  self->page = 1;
  self->source_width = _lineup_orientation_swaps (header.orientation) ? header.height : header.width;
  self->source_height = _lineup_orientation_swaps (header.orientation) ? header.width : header.height;

  if (!check_source (self, &header, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return prepare_pixels (self, cancellable, error);
}
