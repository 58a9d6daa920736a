/* fuzz-image.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-fuzz"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "lineup-image.h"

/* libFuzzer harness for what Lineup reads of an image before trusting
 * it: the header parsers (JPEG, PNG, GIF frames, BMP, TIFF pages, WebP
 * chunks), and for JPEGs the whole preparation (libjpeg-turbo at a DCT
 * scale, the resampler, orientation, the encoder), kept small by the
 * limits. Other formats are decoded by gdk-pixbuf, which is not ours to
 * fuzz here. Any bytes must give an image or a LINEUP_IMAGE_ERROR. */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Only the formats parsed here: anything else goes to gdk-pixbuf's
 * loaders and GIO's MIME sniffing (which leaks a little on some inputs),
 * neither of them ours. */
static gboolean
ours (const uint8_t *d,
      size_t         len)
{
  return (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) ||
         (len >= 8 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0) ||
         (len >= 6 && (memcmp (d, "GIF87a", 6) == 0 || memcmp (d, "GIF89a", 6) == 0)) ||
         (len >= 2 && d[0] == 'B' && d[1] == 'M') ||
         (len >= 4 && (memcmp (d, "II*\0", 4) == 0 || memcmp (d, "MM\0*", 4) == 0)) ||
         (len >= 12 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_auto(LineupImageHeader) header = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupImage) image = NULL;
  LineupImageOptions options = LINEUP_IMAGE_OPTIONS_INIT;

  if (!ours (data, size))
    return 0;
  if (!lineup_image_read_header (bytes, "fuzz", &header, &error))
    {
      g_assert (error != NULL && error->domain == LINEUP_IMAGE_ERROR);
      return 0;
    }
  g_assert (header.width > 0 && header.height > 0);
  g_assert (header.orientation >= 1 && header.orientation <= 8);

  if (g_strcmp0 (header.format, "jpeg") != 0)
    return 0;

  options.max_pixels = 4 * 1000 * 1000;
  options.max_side = 256;
  options.crop = (LineupImageRect) { size % 7, size % 5, 48 + size % 50, 48 + size % 40 };
  image = lineup_image_new_from_bytes_full (bytes, "fuzz.jpg", &options, NULL, &error);
  if (image == NULL)
    {
      g_assert (error != NULL && error->domain == LINEUP_IMAGE_ERROR);
      return 0;
    }
  g_assert (lineup_image_get_width (image) <= 256 && lineup_image_get_height (image) <= 256);
  g_assert (g_bytes_get_size (lineup_image_get_bytes (image)) > 0);
  return 0;
}
