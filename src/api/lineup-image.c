/* lineup-image.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-image"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "lineup-image-private.h"

/* An image ready for upload: bytes in a format the service accepts,
 * within the limits, upright, cropped as asked, plus a preview and the
 * words that say what was done. The original is kept so that a crop is
 * cut from the source pixels, not from what was scaled for sending. All
 * of it is CPU work: the UI uses the _async variants (a worker thread,
 * cancellable); the pipeline lives in lineup-image-prepare.c. */

G_DEFINE_FINAL_TYPE (LineupImage, lineup_image, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (LineupImageRect, lineup_image_rect, lineup_image_rect_copy, g_free)

LineupImageRect *
lineup_image_rect_copy (const LineupImageRect *rect)
{
  return g_memdup2 (rect, sizeof *rect);
}

/**
 * lineup_image_rect_is_empty:
 * @rect: (nullable)
 *
 * Returns: whether @rect means "the whole image"
 */
gboolean
lineup_image_rect_is_empty (const LineupImageRect *rect)
{
  return rect == NULL || rect->width <= 0 || rect->height <= 0;
}

/**
 * lineup_image_rect_equal:
 *
 * Empty rectangles are all equal, whatever their position.
 */
gboolean
lineup_image_rect_equal (const LineupImageRect *a,
                         const LineupImageRect *b)
{
  if (lineup_image_rect_is_empty (a) || lineup_image_rect_is_empty (b))
    return lineup_image_rect_is_empty (a) == lineup_image_rect_is_empty (b);
  return a->x == b->x && a->y == b->y && a->width == b->width && a->height == b->height;
}

static void
lineup_image_finalize (GObject *object)
{
  LineupImage *self = (LineupImage *)object;

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->filename, g_free);
  g_clear_pointer (&self->source, g_bytes_unref);
  g_clear_object (&self->source_pixbuf);
  g_clear_pointer (&self->source_name, g_free);
  g_clear_pointer (&self->source_format, g_free);
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
  self->orientation = 1;
  self->page = 1;
  self->n_pages = 1;
}

/**
 * lineup_image_new_from_bytes_full:
 * @bytes: an encoded image
 * @filename: (nullable): its name, for messages and the upload
 * @options: (nullable): limits and crop; %NULL for the defaults
 *
 * Blocking: prepares @bytes for upload. From a main loop use
 * lineup_image_prepare_full_async().
 *
 * Returns: (transfer full) (nullable): the prepared image, or %NULL with
 *   a %LINEUP_IMAGE_ERROR whose message names @filename
 */
LineupImage *
lineup_image_new_from_bytes_full (GBytes                   *bytes,
                                  const char               *filename,
                                  const LineupImageOptions *options,
                                  GCancellable             *cancellable,
                                  GError                  **error)
{
  g_autoptr(LineupImage) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  self = g_object_new (LINEUP_TYPE_IMAGE, NULL);
  if (!_lineup_image_prepare (self, bytes, filename, options, cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * lineup_image_new_from_bytes:
 *
 * lineup_image_new_from_bytes_full() with the default limits.
 */
LineupImage *
lineup_image_new_from_bytes (GBytes      *bytes,
                             const char  *filename,
                             GError     **error)
{
  return lineup_image_new_from_bytes_full (bytes, filename, NULL, NULL, error);
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
  g_autoptr(LineupImage) self = NULL;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);

  self = g_object_new (LINEUP_TYPE_IMAGE, NULL);
  self->source_pixbuf = g_object_ref (pixbuf);
  if (!_lineup_image_prepare (self, NULL, filename ? filename : "camera.jpg", NULL, NULL, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * lineup_image_crop:
 * @crop: (nullable): a rectangle of the upright source; %NULL or an empty
 *   one for the whole image
 *
 * Prepares the same source again with another crop, from the original
 * pixels and with the same limits.
 *
 * Returns: (transfer full) (nullable): a new image
 */
LineupImage *
lineup_image_crop (LineupImage            *self,
                   const LineupImageRect  *crop,
                   GCancellable           *cancellable,
                   GError                **error)
{
  g_autoptr(LineupImage) cropped = NULL;
  LineupImageOptions options;

  g_return_val_if_fail (LINEUP_IS_IMAGE (self), NULL);

  options = self->options;
  options.crop = crop ? *crop : (LineupImageRect) { 0, 0, 0, 0 };
  cropped = g_object_new (LINEUP_TYPE_IMAGE, NULL);
  if (self->source_pixbuf != NULL)
    cropped->source_pixbuf = g_object_ref (self->source_pixbuf);
  if (!_lineup_image_prepare (cropped, self->source, self->source_name, &options, cancellable, error))
    return NULL;
  return g_steal_pointer (&cropped);
}

static GError *
file_error (GFile        *file,
            const GError *error)
{
  g_autofree char *name = g_file_get_basename (file);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_error_new (LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_UNREADABLE,
                        _("“%s” does not exist."), name);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return g_error_new (LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_UNREADABLE,
                        _("“%s” cannot be read: permission denied."), name);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    return g_error_new (LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_NOT_A_FILE,
                        _("“%s” is a folder, not an image."), name);
  return g_error_new (LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_UNREADABLE,
                      _("“%s” could not be read: %s"), name, error->message);
}

/**
 * lineup_image_load_full:
 *
 * Blocking: reads and prepares @file. Use lineup_image_load_full_async()
 * from a main loop.
 */
LineupImage *
lineup_image_load_full (GFile                    *file,
                        const LineupImageOptions *options,
                        GCancellable             *cancellable,
                        GError                  **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_error (error, file_error (file, local_error));
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_NOT_A_FILE,
                   _("“%s” is a folder, not an image."), name);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_NOT_A_FILE,
                   _("“%s” is not a regular file."), name);
      return NULL;
    }
  if (g_file_info_get_size (info) > LINEUP_IMAGE_MAX_INPUT)
    {
      g_propagate_error (error, _lineup_image_file_too_large (name, g_file_info_get_size (info)));
      return NULL;
    }

  if (!(bytes = g_file_load_bytes (file, cancellable, NULL, &local_error)))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_error (error, file_error (file, local_error));
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  basename = g_file_get_basename (file);
  return lineup_image_new_from_bytes_full (bytes, basename, options, cancellable, error);
}

LineupImage *
lineup_image_load (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return lineup_image_load_full (file, NULL, cancellable, error);
}

/* Async: one task data shape for files, bytes and crops. */

typedef struct
{
  GFile              *file;
  GBytes             *bytes;
  char               *filename;
  LineupImage        *image;     /* to crop */
  LineupImageOptions  options;
  gboolean            has_options;
} PrepareData;

static void
prepare_data_free (gpointer data)
{
  PrepareData *prepare = data;

  g_clear_object (&prepare->file);
  g_clear_pointer (&prepare->bytes, g_bytes_unref);
  g_clear_object (&prepare->image);
  g_free (prepare->filename);
  g_free (prepare);
}

/* On Linux nice is per thread: a preparation runs in a thread of its
 * own a little below the thread that draws the window, so a busy machine
 * takes its time from the picture rather than from the main loop. The
 * decoder's helper thread inherits it. An own thread, not GTask's pool:
 * an unprivileged thread cannot take the priority back afterwards. */
#define BACKGROUND_NICENESS 5

static void
lower_priority (void)
{
#ifdef __linux__
  id_t tid = (id_t)syscall (SYS_gettid);
  int before;

  errno = 0;
  before = getpriority (PRIO_PROCESS, tid);
  if (errno == 0)
    setpriority (PRIO_PROCESS, tid, MIN (before + BACKGROUND_NICENESS, 19));
#endif
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareData *prepare = task_data;
  const LineupImageOptions *options = prepare->has_options ? &prepare->options : NULL;
  GError *error = NULL;
  LineupImage *image;

  if (prepare->image != NULL)
    image = lineup_image_crop (prepare->image, &prepare->options.crop, cancellable, &error);
  else if (prepare->file != NULL)
    image = lineup_image_load_full (prepare->file, options, cancellable, &error);
  else
    image = lineup_image_new_from_bytes_full (prepare->bytes, prepare->filename, options, cancellable, &error);
  if (image == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, image, g_object_unref);
}

static gpointer
prepare_thread_main (gpointer data)
{
  g_autoptr(GTask) task = data;

  lower_priority ();
  prepare_thread (task, NULL, g_task_get_task_data (task), g_task_get_cancellable (task));
  return NULL;
}

static void
run_prepare (PrepareData         *prepare,
             const LineupImageOptions *options,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  if (options != NULL)
    {
      prepare->options = *options;
      prepare->has_options = TRUE;
    }
  g_task_set_source_tag (task, lineup_image_load_async);
  g_task_set_task_data (task, prepare, prepare_data_free);
  g_thread_unref (g_thread_new ("lineup-image", prepare_thread_main, g_steal_pointer (&task)));
}

/**
 * lineup_image_load_full_async:
 * @options: (nullable): copied
 *
 * Reads and prepares @file in a worker thread; @cancellable stops the
 * decode between rows. Finish with lineup_image_load_finish().
 */
void
lineup_image_load_full_async (GFile                    *file,
                              const LineupImageOptions *options,
                              GCancellable             *cancellable,
                              GAsyncReadyCallback       callback,
                              gpointer                  user_data)
{
  PrepareData *prepare;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  prepare = g_new0 (PrepareData, 1);
  prepare->file = g_object_ref (file);
  run_prepare (prepare, options, cancellable, callback, user_data);
}

void
lineup_image_load_async (GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  lineup_image_load_full_async (file, NULL, cancellable, callback, user_data);
}

/**
 * lineup_image_prepare_full_async:
 *
 * Like lineup_image_load_full_async() for an image already in memory (a
 * dropped texture, a paste, a sample). Finish with
 * lineup_image_load_finish().
 */
void
lineup_image_prepare_full_async (GBytes                   *bytes,
                                 const char               *filename,
                                 const LineupImageOptions *options,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data)
{
  PrepareData *prepare;

  g_return_if_fail (bytes != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  prepare = g_new0 (PrepareData, 1);
  prepare->bytes = g_bytes_ref (bytes);
  prepare->filename = g_strdup (filename);
  run_prepare (prepare, options, cancellable, callback, user_data);
}

void
lineup_image_prepare_async (GBytes              *bytes,
                            const char          *filename,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  lineup_image_prepare_full_async (bytes, filename, NULL, cancellable, callback, user_data);
}

/**
 * lineup_image_crop_async:
 *
 * lineup_image_crop() in a worker thread. Finish with
 * lineup_image_load_finish().
 */
void
lineup_image_crop_async (LineupImage           *self,
                         const LineupImageRect *crop,
                         GCancellable          *cancellable,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  PrepareData *prepare;
  LineupImageOptions options;

  g_return_if_fail (LINEUP_IS_IMAGE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  options = self->options;
  options.crop = crop ? *crop : (LineupImageRect) { 0, 0, 0, 0 };
  prepare = g_new0 (PrepareData, 1);
  prepare->image = g_object_ref (self);
  run_prepare (prepare, &options, cancellable, callback, user_data);
}

LineupImage *
lineup_image_load_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Getters */

/**
 * lineup_image_get_bytes:
 *
 * Returns: (transfer none): exactly what is uploaded
 */
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

/**
 * lineup_image_get_filename:
 *
 * Returns: the name the upload carries: the source's, with .jpg when it
 *   was re-encoded
 */
const char *
lineup_image_get_filename (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), NULL);
  return self->filename;
}

const char *
lineup_image_get_source_name (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), NULL);
  return self->source_name;
}

/**
 * lineup_image_get_source_format:
 *
 * Returns: gdk-pixbuf's name of the source format ("jpeg", "tiff", …),
 *   or "camera" for a frame
 */
const char *
lineup_image_get_source_format (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), NULL);
  return self->source_format;
}

/**
 * lineup_image_get_source_size:
 *
 * Returns: the size of the source file in bytes; 0 for a camera frame
 */
gsize
lineup_image_get_source_size (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), 0);
  return self->source ? g_bytes_get_size (self->source) : 0;
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

/**
 * lineup_image_get_source_width:
 *
 * Returns: the width of the whole source, upright, whatever the crop
 */
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

/**
 * lineup_image_get_orientation:
 *
 * Returns: the source's EXIF orientation, 1–8; the pixels sent are
 *   upright whatever it is
 */
int
lineup_image_get_orientation (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), 1);
  return self->orientation;
}

guint
lineup_image_get_page (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), 1);
  return self->page;
}

guint
lineup_image_get_n_pages (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), 1);
  return self->n_pages;
}

/**
 * lineup_image_get_crop:
 * @crop: (out) (optional): the crop, in upright source pixels
 *
 * Returns: whether only part of the source is sent
 */
gboolean
lineup_image_get_crop (LineupImage     *self,
                       LineupImageRect *crop)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), FALSE);

  if (crop != NULL)
    *crop = self->options.crop;
  return self->options.crop.width > 0 && self->options.crop.height > 0;
}

/**
 * lineup_image_get_quality:
 *
 * Returns: the JPEG quality of the bytes sent; 0 when the source bytes
 *   are sent as they are
 */
int
lineup_image_get_quality (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), 0);
  return self->quality;
}

gboolean
lineup_image_get_reencoded (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), FALSE);
  return self->quality > 0;
}

static gboolean
format_is_accepted (const char *format)
{
  return g_strcmp0 (format, "jpeg") == 0 || g_strcmp0 (format, "png") == 0 ||
         g_strcmp0 (format, "bmp") == 0 || g_strcmp0 (format, "camera") == 0;
}

/**
 * lineup_image_get_converted:
 *
 * Returns: whether the source is in a format the service does not take
 *   (TIFF, WebP, GIF, …) and was converted to JPEG
 */
gboolean
lineup_image_get_converted (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), FALSE);
  return !format_is_accepted (self->source_format);
}

/**
 * lineup_image_get_first_frame:
 *
 * Returns: whether the first frame of an animation is what is sent
 */
gboolean
lineup_image_get_first_frame (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), FALSE);
  return self->n_pages > 1 &&
         (g_strcmp0 (self->source_format, "gif") == 0 || g_strcmp0 (self->source_format, "webp") == 0);
}

/**
 * lineup_image_get_options:
 *
 * Returns: (transfer none): the options it was prepared with, defaults
 *   filled in
 */
const LineupImageOptions *
lineup_image_get_options (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), NULL);
  return &self->options;
}

/**
 * lineup_image_get_preview:
 *
 * Returns: (transfer none): an upright RGB pixbuf no larger than
 *   %LINEUP_IMAGE_PREVIEW_SIDE of what is sent before scaling: the whole
 *   source, or the crop
 */
GdkPixbuf *
lineup_image_get_preview (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), NULL);
  return self->preview;
}

/**
 * lineup_image_get_preview_scale:
 *
 * Returns: preview pixels per source pixel
 */
double
lineup_image_get_preview_scale (LineupImage *self)
{
  g_return_val_if_fail (LINEUP_IS_IMAGE (self), 1.0);
  return self->preview_scale;
}
