/* lineup-image.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-image"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lineup-error.h"
#include "lineup-image.h"

/* An image ready for upload: bytes in a format the service accepts, no
 * larger than the limits above, plus a small preview for the UI. An image
 * already within limits is sent untouched, so nothing is lost to
 * re-encoding. All of this is CPU work: callers in the UI use the _async
 * variant, which runs in a worker thread. */
struct _LineupImage
{
  GObject    parent_instance;
  GBytes    *bytes;
  char      *content_type;
  char      *filename;
  GdkPixbuf *preview;
  int        width;
  int        height;
  int        source_width;
  int        source_height;
  guint      reencoded : 1;
};

G_DEFINE_FINAL_TYPE (LineupImage, lineup_image, G_TYPE_OBJECT)

static void
lineup_image_finalize (GObject *object)
{
  LineupImage *self = (LineupImage *)object;

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->filename, g_free);
  g_clear_object (&self->preview);

  G_OBJECT_CLASS (lineup_image_parent_class)->finalize (object);
}

static void
lineup_image_class_init (LineupImageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_image_finalize;
}

static void
lineup_image_init (LineupImage *self)
{
}

static GError *
bad_image (const char *message)
{
  return g_error_new_literal (LINEUP_API_ERROR, LINEUP_API_ERROR_BAD_IMAGE, message);
}

/* What the bytes are, from their magic numbers; file names lie. */
static const char *
sniff (const guint8 *data,
       gsize         len)
{
  if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    return "image/jpeg";
  if (len >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (len >= 2 && data[0] == 'B' && data[1] == 'M')
    return "image/bmp";
  if (len >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return "image/gif";
  return NULL;
}

static GdkPixbuf *
scale_to_fit (GdkPixbuf *pixbuf,
              int        max_side)
{
  int w = gdk_pixbuf_get_width (pixbuf);
  int h = gdk_pixbuf_get_height (pixbuf);
  double f;

  if (w <= max_side && h <= max_side)
    return g_object_ref (pixbuf);

  f = (double)max_side / MAX (w, h);
  return gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int)(w * f + .5)), MAX (1, (int)(h * f + .5)),
                                  GDK_INTERP_BILINEAR);
}

static GBytes *
encode_jpeg (GdkPixbuf  *pixbuf,
             int         quality,
             GError    **error)
{
  g_autofree char *q = g_strdup_printf ("%d", quality);
  g_autoptr(GdkPixbuf) opaque = NULL;
  char *buffer = NULL;
  gsize size = 0;

  /* JPEG has no alpha: flatten onto white, which is what viewers show. */
  if (gdk_pixbuf_get_has_alpha (pixbuf))
    {
      int w = gdk_pixbuf_get_width (pixbuf);
      int h = gdk_pixbuf_get_height (pixbuf);

      opaque = gdk_pixbuf_composite_color_simple (pixbuf, w, h, GDK_INTERP_NEAREST, 255, 8,
                                                  0xFFFFFFFF, 0xFFFFFFFF);
      pixbuf = opaque;
    }

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", error, "quality", q, NULL))
    return NULL;
  return g_bytes_new_take (buffer, size);
}

static LineupImage *
image_from_pixbuf (GdkPixbuf   *oriented,
                   GBytes      *original,
                   const char  *content_type,
                   const char  *filename,
                   int          source_width,
                   int          source_height,
                   GError     **error)
{
  g_autoptr(LineupImage) self = g_object_new (LINEUP_TYPE_IMAGE, NULL);
  g_autoptr(GdkPixbuf) scaled = NULL;

  self->filename = g_strdup (filename ? filename : "image.jpg");
  self->source_width = source_width;
  self->source_height = source_height;

  if (original != NULL && content_type != NULL &&
      g_bytes_get_size (original) <= LINEUP_IMAGE_MAX_BYTES &&
      source_width <= LINEUP_IMAGE_MAX_SIDE && source_height <= LINEUP_IMAGE_MAX_SIDE)
    {
      self->bytes = g_bytes_ref (original);
      self->content_type = g_strdup (content_type);
      self->width = source_width;
      self->height = source_height;
    }
  else
    {
      scaled = scale_to_fit (oriented, LINEUP_IMAGE_MAX_SIDE);
      for (int quality = 90; quality >= 50; quality -= 10)
        {
          g_clear_pointer (&self->bytes, g_bytes_unref);
          if (!(self->bytes = encode_jpeg (scaled, quality, error)))
            return NULL;
          if (g_bytes_get_size (self->bytes) <= LINEUP_IMAGE_MAX_BYTES)
            break;
        }
      self->content_type = g_strdup ("image/jpeg");
      self->width = gdk_pixbuf_get_width (scaled);
      self->height = gdk_pixbuf_get_height (scaled);
      self->reencoded = TRUE;
      g_debug ("Re-encoded %dx%d as %dx%d JPEG, %" G_GSIZE_FORMAT " bytes",
               source_width, source_height, self->width, self->height, g_bytes_get_size (self->bytes));
    }

  self->preview = scale_to_fit (scaled ? scaled : oriented, LINEUP_IMAGE_PREVIEW_SIDE);
  return g_steal_pointer (&self);
}

/* Decode huge images straight to the upload size: a 24 MP photo need not
 * be held in full, and loaders such as JPEG scale while decoding. */
static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  int *source_size = user_data;

  source_size[0] = width;
  source_size[1] = height;
  if (width > LINEUP_IMAGE_MAX_SIDE || height > LINEUP_IMAGE_MAX_SIDE)
    {
      double f = (double)LINEUP_IMAGE_MAX_SIDE / MAX (width, height);

      gdk_pixbuf_loader_set_size (loader, MAX (1, (int)(width * f)), MAX (1, (int)(height * f)));
    }
}

/**
 * lineup_image_new_from_bytes:
 * @bytes: an encoded image
 * @filename: (nullable): the name to send it under
 *
 * Returns: (transfer full) (nullable): the prepared image, or %NULL with
 *   %LINEUP_API_ERROR_BAD_IMAGE
 */
LineupImage *
lineup_image_new_from_bytes (GBytes      *bytes,
                             const char  *filename,
                             GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *content_type;
  int source_size[2] = { 0, 0 };
  GdkPixbuf *pixbuf;
  const guint8 *data;
  gboolean ok;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len == 0)
    {
      g_propagate_error (error, bad_image (_("The file is empty.")));
      return NULL;
    }
  if (len > LINEUP_IMAGE_MAX_INPUT)
    {
      g_propagate_error (error, bad_image (_("The file is too large to be an image Lineup can use.")));
      return NULL;
    }

  content_type = sniff (data, len);
  if (g_strcmp0 (content_type, "image/gif") == 0)
    {
      g_propagate_error (error, bad_image (_("GIF images are not supported by the service. Use a JPEG, PNG or BMP image.")));
      return NULL;
    }

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), source_size);
  /* A failed write closes the loader itself. */
  ok = gdk_pixbuf_loader_write_bytes (loader, bytes, &local_error) &&
       gdk_pixbuf_loader_close (loader, &local_error);
  pixbuf = ok ? gdk_pixbuf_loader_get_pixbuf (loader) : NULL;
  if (pixbuf == NULL)
    {
      g_debug ("Could not decode image: %s", local_error ? local_error->message : "no pixbuf");
      g_propagate_error (error, bad_image (_("The file is not an image Lineup can read.")));
      return NULL;
    }
  if (source_size[0] > LINEUP_IMAGE_MAX_SIDE || source_size[1] > LINEUP_IMAGE_MAX_SIDE)
    content_type = NULL;

  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  /* An EXIF rotation must reach the service as pixels: re-encode. */
  if (oriented != pixbuf && gdk_pixbuf_get_width (oriented) != gdk_pixbuf_get_width (pixbuf))
    content_type = NULL;

  return image_from_pixbuf (oriented, content_type ? bytes : NULL, content_type, filename,
                            gdk_pixbuf_get_width (oriented), gdk_pixbuf_get_height (oriented), error);
}

/**
 * lineup_image_new_from_pixbuf:
 *
 * For frames that never were a file (the camera): encodes @pixbuf as JPEG.
 *
 * Returns: (transfer full) (nullable): the prepared image
 */
LineupImage *
lineup_image_new_from_pixbuf (GdkPixbuf   *pixbuf,
                              const char  *filename,
                              GError     **error)
{
  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);

  return image_from_pixbuf (pixbuf, NULL, NULL, filename,
                            gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf), error);
}

/**
 * lineup_image_load:
 *
 * Blocking: reads and prepares @file. Use lineup_image_load_async() from
 * a main loop.
 */
LineupImage *
lineup_image_load (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_error (error, bad_image (_("The file could not be opened.")));
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_propagate_error (error, bad_image (_("This is not a regular file.")));
      return NULL;
    }
  if (g_file_info_get_size (info) > LINEUP_IMAGE_MAX_INPUT)
    {
      g_propagate_error (error, bad_image (_("The file is too large to be an image Lineup can use.")));
      return NULL;
    }

  if (!(bytes = g_file_load_bytes (file, cancellable, NULL, &local_error)))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_error (error, bad_image (_("The file could not be read.")));
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  basename = g_file_get_basename (file);
  return lineup_image_new_from_bytes (bytes, basename, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  LineupImage *image = lineup_image_load (task_data, cancellable, &error);

  if (image == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, image, g_object_unref);
}

void
lineup_image_load_async (GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_image_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

typedef struct
{
  GBytes *bytes;
  char   *filename;
} PrepareData;

static void
prepare_data_free (gpointer data)
{
  PrepareData *prepare = data;

  g_bytes_unref (prepare->bytes);
  g_free (prepare->filename);
  g_free (prepare);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareData *prepare = task_data;
  GError *error = NULL;
  LineupImage *image = lineup_image_new_from_bytes (prepare->bytes, prepare->filename, &error);

  if (image == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, image, g_object_unref);
}

/**
 * lineup_image_prepare_async:
 *
 * Like lineup_image_load_async() for an image already in memory (a
 * dropped texture, a camera frame, a sample). Finish with
 * lineup_image_load_finish().
 */
void
lineup_image_prepare_async (GBytes              *bytes,
                            const char          *filename,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PrepareData *prepare;

  g_return_if_fail (bytes != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lineup_image_load_async);
  prepare = g_new0 (PrepareData, 1);
  prepare->bytes = g_bytes_ref (bytes);
  prepare->filename = g_strdup (filename);
  g_task_set_task_data (task, prepare, prepare_data_free);
  g_task_run_in_thread (task, prepare_thread);
}

LineupImage *
lineup_image_load_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GBytes *
lineup_image_get_bytes (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), NULL);
  return self->bytes;
}

const char *
lineup_image_get_content_type (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), NULL);
  return self->content_type;
}

const char *
lineup_image_get_filename (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), NULL);
  return self->filename;
}

int
lineup_image_get_width (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), 0);
  return self->width;
}

int
lineup_image_get_height (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), 0);
  return self->height;
}

int
lineup_image_get_source_width (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), 0);
  return self->source_width;
}

int
lineup_image_get_source_height (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), 0);
  return self->source_height;
}

gboolean
lineup_image_get_reencoded (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), FALSE);
  return self->reencoded;
}

/**
 * lineup_image_get_preview:
 *
 * Returns: (transfer none): a pixbuf no larger than
 *   %LINEUP_IMAGE_PREVIEW_SIDE, upright
 */
GdkPixbuf *
lineup_image_get_preview (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), NULL);
  return self->preview;
}
