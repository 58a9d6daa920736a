/* lineup-image-header.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-image"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lineup-image-private.h"

/* What an image is and how big, from its first bytes: nothing is decoded,
 * so a 46000 × 46000 PNG is refused in microseconds instead of after
 * 6 GB. The common formats are parsed here (their page and frame counts
 * too); any other format gdk-pixbuf knows is asked for its size only. */

#define PROBE_CHUNK (64 * 1024)

G_DEFINE_QUARK (lineup-image-error-quark, lineup_image_error)

void
lineup_image_header_clear (LineupImageHeader *header)
{
  g_clear_pointer (&header->format, g_free);
}

static guint32
be32 (const guint8 *p)
{
  return (guint32)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static guint32
le32 (const guint8 *p)
{
  return (guint32)p[3] << 24 | p[2] << 16 | p[1] << 8 | p[0];
}

static guint16
le16 (const guint8 *p)
{
  return p[1] << 8 | p[0];
}

static guint32
tiff32 (const guint8 *p,
        gboolean      big_endian)
{
  return big_endian ? be32 (p) : le32 (p);
}

static guint16
tiff16 (const guint8 *p,
        gboolean      big_endian)
{
  return big_endian ? (p[0] << 8 | p[1]) : le16 (p);
}

static const char *
sniff (const guint8 *d,
       gsize         len)
{
  if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
    return "jpeg";
  if (len >= 8 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (len >= 6 && (memcmp (d, "GIF87a", 6) == 0 || memcmp (d, "GIF89a", 6) == 0))
    return "gif";
  if (len >= 2 && d[0] == 'B' && d[1] == 'M')
    return "bmp";
  if (len >= 4 && (memcmp (d, "II*\0", 4) == 0 || memcmp (d, "MM\0*", 4) == 0))
    return "tiff";
  if (len >= 12 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    return "webp";
  return NULL;
}

static GError *
truncated (const char *name)
{
  return g_error_new (LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_TRUNCATED,
                      _("“%s” is cut off: the file ends before the picture does."), name);
}

static GError *
damaged (const char *name,
         const char *format)
{
  g_autofree char *upper = g_ascii_strup (format, -1);

  return g_error_new (LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_DAMAGED,
                      /* Translators: the second %s is a format name such as JPEG or PNG */
                      _("“%s” is damaged: it starts like a %s image but its data cannot be read."),
                      name, upper);
}

static gboolean
read_png (const guint8      *d,
          gsize              len,
          LineupImageHeader *header)
{
  if (len < 8 + 8 + 13 || memcmp (d + 12, "IHDR", 4) != 0)
    return FALSE;
  header->width = MIN (be32 (d + 16), G_MAXINT);
  header->height = MIN (be32 (d + 20), G_MAXINT);
  return TRUE;
}

static void
skip_sub_blocks (const guint8 *d,
                 gsize         len,
                 gsize        *pos)
{
  while (*pos < len && d[*pos] != 0)
    *pos += d[*pos] + 1;
  (*pos)++;
}

/* Logical screen size and the number of frames: walk the blocks without
 * decompressing anything. */
static gboolean
read_gif (const guint8      *d,
          gsize              len,
          LineupImageHeader *header)
{
  gsize pos = 13;

  if (len < 13)
    return FALSE;
  header->width = le16 (d + 6);
  header->height = le16 (d + 8);
  header->n_pages = 0;
  if (d[10] & 0x80)
    pos += 3 * (1 << ((d[10] & 7) + 1));

  while (pos < len)
    {
      if (d[pos] == 0x2C)   /* image descriptor */
        {
          if (pos + 10 > len)
            break;
          header->n_pages++;
          if (d[pos + 9] & 0x80)
            pos += 3 * (1 << ((d[pos + 9] & 7) + 1));
          pos += 10 + 1;    /* descriptor, LZW minimum code size */
          skip_sub_blocks (d, len, &pos);
        }
      else if (d[pos] == 0x21)   /* extension */
        {
          pos += 2;
          skip_sub_blocks (d, len, &pos);
        }
      else
        break;   /* trailer, or garbage after the last frame */
    }
  return header->n_pages > 0;
}

static gboolean
read_bmp (const guint8      *d,
          gsize              len,
          LineupImageHeader *header)
{
  guint32 size;

  if (len < 26)
    return FALSE;
  size = le32 (d + 14);
  if (size == 12)
    {
      header->width = le16 (d + 18);
      header->height = le16 (d + 20);
    }
  else if (size >= 40)
    {
      gint64 height = (gint32)le32 (d + 22);   /* negative: top-down */

      header->width = MIN ((gint64)(gint32)le32 (d + 18), G_MAXINT);
      header->height = MIN (ABS (height), G_MAXINT);   /* in 64 bits: -2³¹ has no 32-bit opposite */
    }
  else
    return FALSE;
  return header->width > 0;
}

/* Width, height and orientation of the first page, and the page count
 * (following the IFD chain, which a hostile file can make circular). */
static gboolean
read_tiff (const guint8      *d,
           gsize              len,
           LineupImageHeader *header)
{
  gboolean be = d[0] == 'M';
  gsize ifd;   /* offsets in gsize: a hostile guint32 must not wrap */
  guint pages = 0;

  if (len < 8)
    return FALSE;
  ifd = tiff32 (d + 4, be);
  while (ifd >= 8 && ifd + 2 <= len && pages < 10000)
    {
      guint16 n = tiff16 (d + ifd, be);
      gsize next_at = ifd + 2 + (gsize)n * 12;

      if (pages == 0)
        for (gsize i = 0; i < n && ifd + 2 + (i + 1) * 12 <= len; i++)
          {
            const guint8 *e = d + ifd + 2 + i * 12;
            guint16 tag = tiff16 (e, be);
            guint16 type = tiff16 (e + 2, be);
            guint32 value = type == 3 ? tiff16 (e + 8, be) : tiff32 (e + 8, be);

            if (tag == 256)
              header->width = MIN (value, G_MAXINT);
            else if (tag == 257)
              header->height = MIN (value, G_MAXINT);
            else if (tag == 274 && value >= 1 && value <= 8)
              header->orientation = value;
          }
      pages++;
      if (next_at + 4 > len)
        break;
      if (tiff32 (d + next_at, be) <= ifd)
        break;   /* pointing backwards: a loop, or the end */
      ifd = tiff32 (d + next_at, be);
    }
  header->n_pages = MAX (pages, 1);
  return pages > 0 && header->width > 0 && header->height > 0;
}

static gboolean
read_webp (const guint8      *d,
           gsize              len,
           LineupImageHeader *header)
{
  gsize pos = 12;

  if (len < 30)
    return FALSE;
  if (memcmp (d + 12, "VP8 ", 4) == 0)
    {
      header->width = le16 (d + 26) & 0x3FFF;
      header->height = le16 (d + 28) & 0x3FFF;
      return TRUE;
    }
  if (memcmp (d + 12, "VP8L", 4) == 0)
    {
      guint32 bits = le32 (d + 21);

      header->width = (bits & 0x3FFF) + 1;
      header->height = ((bits >> 14) & 0x3FFF) + 1;
      return TRUE;
    }
  if (memcmp (d + 12, "VP8X", 4) != 0)
    return FALSE;

  header->width = (d[24] | d[25] << 8 | d[26] << 16) + 1;
  header->height = (d[27] | d[28] << 8 | d[29] << 16) + 1;
  header->n_pages = 0;
  while (pos + 8 <= len)
    {
      guint32 size = le32 (d + pos + 4);

      if (memcmp (d + pos, "ANMF", 4) == 0)
        header->n_pages++;
      pos += 8 + (gsize)size + (size & 1);   /* gsize: never wraps back */
    }
  header->n_pages = MAX (header->n_pages, 1);
  return TRUE;
}

typedef struct
{
  int width;
  int height;
} ProbeSize;

static void
probe_size_prepared (GdkPixbufLoader *loader,
                     int              width,
                     int              height,
                     ProbeSize       *size)
{
  size->width = width;
  size->height = height;
  /* Zero asks the loader to stop, as gdk_pixbuf_get_file_info() does. */
  gdk_pixbuf_loader_set_size (loader, 0, 0);
}

/* Any other format gdk-pixbuf has a loader for: feed it until it has
 * read the size, then stop it before it allocates. */
static gboolean
read_with_loader (GBytes            *bytes,
                  LineupImageHeader *header)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  ProbeSize size = { 0, 0 };
  gsize len;
  const guint8 *d = g_bytes_get_data (bytes, &len);
  GdkPixbufFormat *format;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (probe_size_prepared), &size);
  for (gsize pos = 0; pos < len && size.width == 0; pos += PROBE_CHUNK)
    if (!gdk_pixbuf_loader_write (loader, d + pos, MIN (PROBE_CHUNK, len - pos), NULL))
      break;
  gdk_pixbuf_loader_close (loader, NULL);

  format = gdk_pixbuf_loader_get_format (loader);
  if (format != NULL)
    header->format = gdk_pixbuf_format_get_name (format);
  header->width = size.width;
  header->height = size.height;
  return format != NULL && size.width > 0 && size.height > 0;
}

static GError *
not_an_image (GBytes     *bytes,
              const char *name)
{
  gsize len;
  const guint8 *d = g_bytes_get_data (bytes, &len);
  gboolean uncertain = FALSE;
  g_autofree char *type = g_content_type_guess (name, d, MIN (len, 4096), &uncertain);
  g_autofree char *description = NULL;

  if (type != NULL && g_str_has_prefix (type, "image/") && !uncertain)
    {
      description = g_content_type_get_description (type);
      return g_error_new (LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_UNSUPPORTED,
                          /* Translators: the second %s describes a file type, such as “HEIF image” */
                          _("“%s” is a %s, which Lineup cannot read. Use a JPEG, PNG, BMP, TIFF or WebP image."),
                          name, description);
    }
  if (type != NULL && !g_content_type_is_unknown (type) && !uncertain)
    {
      description = g_content_type_get_description (type);
      return g_error_new (LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_NOT_AN_IMAGE,
                          /* Translators: the second %s describes a file type, such as “plain text document” */
                          _("“%s” is not an image: it is a %s."), name, description);
    }
  return g_error_new (LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_NOT_AN_IMAGE,
                      _("“%s” is not an image Lineup can read."), name);
}

/**
 * lineup_image_read_header:
 * @display_name: the name messages use for the file
 * @header: (out caller-allocates): filled on success
 *
 * What @bytes are and their size in pixels, without decoding them.
 *
 * Returns: %FALSE with a %LINEUP_IMAGE_ERROR naming @display_name
 */
gboolean
lineup_image_read_header (GBytes             *bytes,
                          const char         *display_name,
                          LineupImageHeader  *header,
                          GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *format;
  const guint8 *d;
  gboolean ok = FALSE;
  gsize len;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);

  memset (header, 0, sizeof *header);
  header->orientation = 1;
  header->n_pages = 1;
  if (display_name == NULL)
    display_name = _("The image");

  d = g_bytes_get_data (bytes, &len);
  if (len == 0)
    {
      g_set_error (error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_EMPTY,
                   _("“%s” is empty: the file has no data."), display_name);
      return FALSE;
    }

  format = sniff (d, len);
  if (g_strcmp0 (format, "jpeg") == 0)
    {
      LineupJpegInfo info;

      if (!_lineup_jpeg_read_info (bytes, &info, &local_error))
        {
          g_debug ("JPEG header of %s: %s", display_name, local_error->message);
          if (g_error_matches (local_error, LINEUP_IMAGE_ERROR, LINEUP_IMAGE_ERROR_TRUNCATED))
            g_propagate_error (error, truncated (display_name));
          else
            g_propagate_error (error, damaged (display_name, "jpeg"));
          return FALSE;
        }
      header->width = info.width;
      header->height = info.height;
      header->orientation = info.orientation;
      ok = TRUE;
    }
  else if (g_strcmp0 (format, "png") == 0)
    ok = read_png (d, len, header);
  else if (g_strcmp0 (format, "gif") == 0)
    ok = read_gif (d, len, header);
  else if (g_strcmp0 (format, "bmp") == 0)
    ok = read_bmp (d, len, header);
  else if (g_strcmp0 (format, "tiff") == 0)
    ok = read_tiff (d, len, header);
  else if (g_strcmp0 (format, "webp") == 0)
    ok = read_webp (d, len, header);
  else if (read_with_loader (bytes, header))
    return TRUE;
  else if (header->format != NULL)
    {
      g_propagate_error (error, damaged (display_name, header->format));
      return FALSE;
    }
  else
    {
      g_propagate_error (error, not_an_image (bytes, display_name));
      return FALSE;
    }

  header->format = g_strdup (format);
  if (!ok || header->width <= 0 || header->height <= 0)
    {
      /* A header shorter than its fixed part was cut off; anything else
       * that does not parse is damaged. */
      if (len < 64)
        g_propagate_error (error, truncated (display_name));
      else
        g_propagate_error (error, damaged (display_name, format));
      return FALSE;
    }
  return TRUE;
}
