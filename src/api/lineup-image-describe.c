/* lineup-image-describe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-image"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-image-private.h"

/* What was done to a photo, in words, for the caption, the inspector
 * and lineup-cli prepare. */

static const char *
orientation_words (int orientation)
{
  switch (orientation)
    {
    case 2: return _("mirrored");
    case 3: return _("rotated 180°");
    case 4: return _("flipped upside down");
    case 5: return _("rotated 90° and mirrored");
    case 6: return _("rotated 90°");
    case 7: return _("rotated 270° and mirrored");
    case 8: return _("rotated 270°");
    case 1:
    default:
      return NULL;
    }
}

/**
 * lineup_image_dup_description:
 *
 * What was done to the source, for the caption and the inspector: "rotated
 * 90°, scaled 6000×4000 → 4096×2731, 1.4 MB JPEG".
 *
 * Returns: (transfer full): a translated sentence fragment
 */
char *
lineup_image_dup_description (LineupImage *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *size = NULL;
  g_autofree char *upper = NULL;
  LineupImageRect crop;
  int from_width, from_height;

  g_return_val_if_fail (LINEUP_IS_IMAGE (self), NULL);

  upper = g_ascii_strup (self->source_format, -1);
  if (lineup_image_get_first_frame (self))
    /* Translators: “first frame of 12, converted from GIF” */
    g_ptr_array_add (parts, g_strdup_printf (_("first frame of %u, converted from %s"), self->n_pages, upper));
  else if (self->n_pages > 1)
    /* Translators: “page 1 of 3, converted from TIFF” */
    g_ptr_array_add (parts, g_strdup_printf (_("page %u of %u, converted from %s"), self->page, self->n_pages, upper));
  else if (lineup_image_get_converted (self))
    g_ptr_array_add (parts, g_strdup_printf (_("converted from %s"), upper));

  if (orientation_words (self->orientation) != NULL)
    g_ptr_array_add (parts, g_strdup (orientation_words (self->orientation)));

  from_width = self->source_width;
  from_height = self->source_height;
  if (lineup_image_get_crop (self, &crop))
    {
      /* Translators: “cropped to 800×600 at 120,40” (source pixels) */
      g_ptr_array_add (parts, g_strdup_printf (_("cropped to %d×%d at %d,%d"), crop.width, crop.height, crop.x, crop.y));
      from_width = crop.width;
      from_height = crop.height;
    }

  if (from_width != self->width || from_height != self->height)
    /* Translators: “scaled 6000×4000 → 4096×2731” */
    g_ptr_array_add (parts, g_strdup_printf (_("scaled %d×%d → %d×%d"), from_width, from_height,
                                             self->width, self->height));

  size = g_format_size (g_bytes_get_size (self->bytes));
  if (self->quality == 0)
    {
      g_autofree char *type = g_ascii_strup (self->source_format, -1);
      /* Translators: “sent as is, 340.2 kB PNG” */
      g_ptr_array_add (parts, g_strdup_printf (_("sent as is, %s %s"), size, type));
    }
  else if (self->quality < self->options.quality)
    /* Translators: “1.4 MB JPEG at quality 80” */
    g_ptr_array_add (parts, g_strdup_printf (_("%s JPEG at quality %d"), size, self->quality));
  else
    /* Translators: “1.4 MB JPEG” */
    g_ptr_array_add (parts, g_strdup_printf (_("%s JPEG"), size));

  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between the parts of an image description */
  return g_strjoinv (_(", "), (char **)parts->pdata);
}
