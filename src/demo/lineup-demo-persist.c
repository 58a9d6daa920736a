/* lineup-demo-persist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-demo-persist"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lineup-demo-persist.h"

/* The demo service's libraries on disk (lineup-demo-server --data DIR):
 *
 *   DIR/lineup-demo-data        "lineup-demo-data 1": the format, and the
 *                               file a running service holds a lock on
 *   DIR/groups/g-<hex id>/group         one library
 *   DIR/groups/g-<hex id>/<token>.face  one enrolled face: its details, the
 *                                       matcher's feature and the thumbnail
 *   DIR/tmp/                    work space, emptied on start
 *   DIR/corrupt/                files that could not be read, moved aside
 *
 * A record file is 8 bytes of magic, the SHA-256 of the rest, then a
 * GVariant in normal form. Every change is made durable before the
 * service acknowledges it: a file is written to a temporary name,
 * fsync()ed and renamed over its final name, then its directory is
 * fsync()ed; a library appears by renaming a finished directory into
 * groups/ and disappears by renaming it out into tmp/. A crash therefore
 * leaves each file and each library either old or new, never half. */

#define FORMAT_FILE     "lineup-demo-data"
#define FORMAT_LINE     "lineup-demo-data 1\n"
#define GROUP_MAGIC     "LUGROUP1"
#define FACE_MAGIC      "LUFACE01"
#define MAGIC_LEN       8
#define DIGEST_LEN      32
#define GROUP_TYPE      "(tssssx)"
#define FACE_TYPE       "(tsssxayay)"
#define FACE_FORMAT     "(tsssx@ay@ay)"

struct _LineupDemoPersist
{
  char *dir;
  char *groups_dir;
  char *tmp_dir;
  int   lock_fd;
};

LineupDemoFaceRecord *
lineup_demo_face_record_new (void)
{
  LineupDemoFaceRecord *face = g_new0 (LineupDemoFaceRecord, 1);

  g_atomic_ref_count_init (&face->ref_count);
  return face;
}

LineupDemoFaceRecord *
lineup_demo_face_record_ref (LineupDemoFaceRecord *face)
{
  g_atomic_ref_count_inc (&face->ref_count);
  return face;
}

void
lineup_demo_face_record_unref (LineupDemoFaceRecord *face)
{
  if (face == NULL || !g_atomic_ref_count_dec (&face->ref_count))
    return;
  g_free (face->face_token);
  g_free (face->user_id);
  g_free (face->user_data);
  g_clear_pointer (&face->feature, lineup_demo_feature_free);
  g_clear_pointer (&face->thumbnail, g_bytes_unref);
  g_free (face);
}

void
lineup_demo_group_record_free (LineupDemoGroupRecord *group)
{
  if (group == NULL)
    return;
  g_free (group->group_id);
  g_free (group->group_name);
  g_free (group->group_data);
  g_free (group->model_version);
  g_clear_pointer (&group->faces, g_ptr_array_unref);
  g_free (group);
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: %s is a file name, then the system's reason */
               _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
sync_dir (const char  *path,
          GError     **error)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved_errno;

  if (fd < 0)
    return set_errno_error (error, errno, path);
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      saved_errno = errno;
      close (fd);
      return set_errno_error (error, saved_errno, path);
    }
  close (fd);
  return TRUE;
}

/* Temporary name, fsync, rename, fsync of the directory: once this
 * returns, the file survives a crash or a power cut. */
static gboolean
write_durably (const char    *path,
               const guint8  *data,
               gsize          len,
               GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (!g_file_set_contents_full (path, (const char *)data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, error))
    return FALSE;
  return sync_dir (dir, error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if ((dir = g_dir_open (path, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else if (g_unlink (child) != 0)
          g_debug ("Could not remove %s: %s", child, g_strerror (errno));
      }
  if (g_rmdir (path) != 0 && errno != ENOENT)
    g_debug ("Could not remove %s: %s", path, g_strerror (errno));
}

static char *
group_dir_name (const char *group_id)
{
  GString *name = g_string_new ("g-");

  for (const guchar *p = (const guchar *)group_id; *p; p++)
    g_string_append_printf (name, "%02x", *p);
  return g_string_free (name, FALSE);
}

static char *
group_id_from_dir_name (const char *name)
{
  GString *id;
  gsize len;

  if (!g_str_has_prefix (name, "g-"))
    return NULL;
  name += 2;
  len = strlen (name);
  if (len == 0 || len % 2 != 0)
    return NULL;

  id = g_string_sized_new (len / 2);
  for (gsize i = 0; i < len; i += 2)
    {
      int hi = g_ascii_xdigit_value (name[i]);
      int lo = g_ascii_xdigit_value (name[i + 1]);

      if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
        {
          g_string_free (id, TRUE);
          return NULL;
        }
      g_string_append_c (id, hi * 16 + lo);
    }
  return g_string_free (id, FALSE);
}

static char *
group_path (LineupDemoPersist *persist,
            const char        *group_id)
{
  g_autofree char *name = group_dir_name (group_id);

  return g_build_filename (persist->groups_dir, name, NULL);
}

/* Record files */

static GBytes *
seal (const char *magic,
      GVariant   *payload)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (payload);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  GByteArray *out = g_byte_array_new ();
  guint8 digest[DIGEST_LEN];
  gsize digest_len = sizeof digest;
  gsize size = g_variant_get_size (owned);

  g_checksum_update (checksum, g_variant_get_data (owned), size);
  g_checksum_get_digest (checksum, digest, &digest_len);
  g_byte_array_append (out, (const guint8 *)magic, MAGIC_LEN);
  g_byte_array_append (out, digest, DIGEST_LEN);
  g_byte_array_append (out, g_variant_get_data (owned), size);

  return g_byte_array_free_to_bytes (out);
}

/* Returns: (nullable): the payload, or %NULL with @why set */
static GVariant *
unseal (const char          *path,
        const char          *magic,
        const GVariantType  *type,
        char               **why)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  guint8 digest[DIGEST_LEN];
  gsize digest_len = sizeof digest;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      *why = g_strdup (error->message);
      return NULL;
    }
  if (len < MAGIC_LEN + DIGEST_LEN || memcmp (contents, magic, MAGIC_LEN) != 0)
    {
      *why = g_strdup (_("not a Lineup demo record"));
      return NULL;
    }

  g_checksum_update (checksum, (const guchar *)contents + MAGIC_LEN + DIGEST_LEN,
                     len - MAGIC_LEN - DIGEST_LEN);
  g_checksum_get_digest (checksum, digest, &digest_len);
  if (memcmp (digest, contents + MAGIC_LEN, DIGEST_LEN) != 0)
    {
      *why = g_strdup (_("the checksum does not match (truncated or damaged)"));
      return NULL;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  payload = g_bytes_new_from_bytes (bytes, MAGIC_LEN + DIGEST_LEN, len - MAGIC_LEN - DIGEST_LEN);
  variant = g_variant_ref_sink (g_variant_new_from_bytes (type, payload, FALSE));
  if (!g_variant_is_normal_form (variant))
    {
      *why = g_strdup (_("the record is malformed"));
      return NULL;
    }

  return g_steal_pointer (&variant);
}

static GVariant *
bytes_variant (GBytes *bytes)
{
  g_autoptr(GBytes) empty = NULL;

  if (bytes == NULL)
    bytes = empty = g_bytes_new_static ("", 0);
  return g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, bytes, TRUE);
}

/* Opening */

static gboolean
dir_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  return dir == NULL || g_dir_read_name (dir) == NULL;
}

static gboolean
make_dir (const char  *path,
          GError     **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * lineup_demo_persist_open:
 * @dir: the data directory; created if missing
 *
 * Opens (or starts) a data directory and locks it against a second
 * service. A directory that is not empty and holds no demo data is
 * refused, so a typo cannot scatter files into someone's home.
 *
 * Returns: (transfer full) (nullable): the open directory
 */
LineupDemoPersist *
lineup_demo_persist_open (const char  *dir,
                          GError     **error)
{
  g_autoptr(LineupDemoPersist) persist = NULL;
  g_autofree char *format_path = NULL;
  g_autofree char *contents = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  if (!make_dir (dir, error))
    return NULL;

  persist = g_new0 (LineupDemoPersist, 1);
  persist->lock_fd = -1;
  persist->dir = g_canonicalize_filename (dir, NULL);
  persist->groups_dir = g_build_filename (persist->dir, "groups", NULL);
  persist->tmp_dir = g_build_filename (persist->dir, "tmp", NULL);
  format_path = g_build_filename (persist->dir, FORMAT_FILE, NULL);

  if (g_file_get_contents (format_path, &contents, NULL, NULL))
    {
      if (strcmp (contents, FORMAT_LINE) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("“%s” holds demo data in a format this version does not know."),
                       persist->dir);
          return NULL;
        }
    }
  else if (!dir_is_empty (persist->dir))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” is not empty and holds no demo data; give an empty or new directory."),
                   persist->dir);
      return NULL;
    }
  else if (!write_durably (format_path, (const guint8 *)FORMAT_LINE, strlen (FORMAT_LINE), error))
    return NULL;

  persist->lock_fd = open (format_path, O_RDONLY | O_CLOEXEC);
  if (persist->lock_fd < 0)
    {
      set_errno_error (error, errno, format_path);
      return NULL;
    }
  if (flock (persist->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("“%s” is in use by another demo service."), persist->dir);
      return NULL;
    }

  /* Half-made and half-removed libraries of an earlier run: never
   * acknowledged, or already gone as far as any client knows. */
  remove_tree (persist->tmp_dir);
  if (!make_dir (persist->groups_dir, error) || !make_dir (persist->tmp_dir, error))
    return NULL;

  return g_steal_pointer (&persist);
}

void
lineup_demo_persist_close (LineupDemoPersist *persist)
{
  if (persist == NULL)
    return;
  if (persist->lock_fd >= 0)
    close (persist->lock_fd);
  g_free (persist->dir);
  g_free (persist->groups_dir);
  g_free (persist->tmp_dir);
  g_free (persist);
}

const char *
lineup_demo_persist_get_dir (LineupDemoPersist *persist)
{
  g_return_val_if_fail (persist != NULL, NULL);
  return persist->dir;
}

/* Loading */

static void
move_aside (LineupDemoPersist *persist,
            const char        *path,
            const char        *why,
            GPtrArray         *problems)
{
  g_autofree char *corrupt_dir = g_build_filename (persist->dir, "corrupt", NULL);
  g_autofree char *relative = g_strdup (path + strlen (persist->dir) + 1);
  g_autofree char *target = NULL;
  g_autofree char *name = NULL;

  g_strdelimit (relative, G_DIR_SEPARATOR_S, '_');
  name = g_strdup_printf ("%s.%" G_GINT64_FORMAT, relative, g_get_real_time ());
  target = g_build_filename (corrupt_dir, name, NULL);

  if (g_mkdir_with_parents (corrupt_dir, 0700) == 0 && g_rename (path, target) == 0)
    g_ptr_array_add (problems,
                     /* Translators: a damaged file in the demo's data directory;
                      * the first %s is its name, then why, then where it went */
                     g_strdup_printf (_("Skipped “%s” (%s); moved it to “%s”."), path, why, target));
  else
    g_ptr_array_add (problems,
                     /* Translators: the first %s is a file name, the second why it is bad */
                     g_strdup_printf (_("Skipped “%s” (%s)."), path, why));
}

static LineupDemoFaceRecord *
load_face (const char  *path,
           const char  *token,
           char       **why)
{
  g_autoptr(LineupDemoFaceRecord) face = lineup_demo_face_record_new ();
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) feature = NULL;
  g_autoptr(GVariant) thumbnail = NULL;
  g_autoptr(GBytes) feature_bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (!(variant = unseal (path, FACE_MAGIC, G_VARIANT_TYPE (FACE_TYPE), why)))
    return NULL;

  g_variant_get (variant, FACE_FORMAT, &face->seq, &face->face_token, &face->user_id,
                 &face->user_data, &face->add_time_ms, &feature, &thumbnail);
  if (strcmp (face->face_token, token) != 0)
    {
      *why = g_strdup (_("the face token does not match the file name"));
      return NULL;
    }

  feature_bytes = g_variant_get_data_as_bytes (feature);
  if (!(face->feature = lineup_demo_feature_new_from_bytes (feature_bytes, &error)))
    {
      *why = g_strdup (error->message);
      return NULL;
    }
  if (g_variant_get_size (thumbnail) > 0)
    face->thumbnail = g_variant_get_data_as_bytes (thumbnail);

  return g_steal_pointer (&face);
}

static int
compare_faces (gconstpointer a,
               gconstpointer b)
{
  const LineupDemoFaceRecord *fa = *(LineupDemoFaceRecord * const *)a;
  const LineupDemoFaceRecord *fb = *(LineupDemoFaceRecord * const *)b;

  return (fa->seq > fb->seq) - (fa->seq < fb->seq);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const LineupDemoGroupRecord *ga = *(LineupDemoGroupRecord * const *)a;
  const LineupDemoGroupRecord *gb = *(LineupDemoGroupRecord * const *)b;

  return (ga->seq > gb->seq) - (ga->seq < gb->seq);
}

static LineupDemoGroupRecord *
load_group (LineupDemoPersist  *persist,
            const char         *path,
            const char         *group_id,
            GPtrArray          *problems,
            char              **why)
{
  g_autoptr(LineupDemoGroupRecord) group = g_new0 (LineupDemoGroupRecord, 1);
  g_autofree char *record_path = g_build_filename (path, "group", NULL);
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!(variant = unseal (record_path, GROUP_MAGIC, G_VARIANT_TYPE (GROUP_TYPE), why)))
    return NULL;
  g_variant_get (variant, GROUP_TYPE, &group->seq, &group->group_id, &group->group_name,
                 &group->group_data, &group->model_version, &group->add_time);
  if (strcmp (group->group_id, group_id) != 0)
    {
      *why = g_strdup (_("the library id does not match the directory name"));
      return NULL;
    }

  group->faces = g_ptr_array_new_with_free_func ((GDestroyNotify)lineup_demo_face_record_unref);
  if (!(dir = g_dir_open (path, 0, &error)))
    {
      *why = g_strdup (error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *face_why = NULL;
      g_autofree char *token = NULL;
      LineupDemoFaceRecord *face;

      if (strcmp (name, "group") == 0)
        continue;
      if (strstr (name, ".face.") != NULL || g_str_has_prefix (name, "group."))
        {
          /* A temporary file of a write that never finished, so never
           * acknowledged either. */
          g_debug ("Removing %s, left over from an unfinished write", file);
          g_unlink (file);
          continue;
        }
      if (!g_str_has_suffix (name, ".face"))
        continue;

      token = g_strndup (name, strlen (name) - strlen (".face"));
      if (!(face = load_face (file, token, &face_why)))
        {
          move_aside (persist, file, face_why, problems);
          continue;
        }
      g_ptr_array_add (group->faces, face);
    }

  g_ptr_array_sort (group->faces, compare_faces);
  return g_steal_pointer (&group);
}

/**
 * lineup_demo_persist_load:
 * @problems: (element-type utf8): receives one message per damaged file,
 *   which is skipped and moved into `DIR/corrupt`
 *
 * Returns: (transfer full) (element-type LineupDemoGroupRecord): the
 *   libraries with their faces, both in order of creation, or %NULL if
 *   the directory is unreadable
 */
GPtrArray *
lineup_demo_persist_load (LineupDemoPersist  *persist,
                          GPtrArray          *problems,
                          GError            **error)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (persist != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  if (!(dir = g_dir_open (persist->groups_dir, 0, error)))
    return NULL;

  groups = g_ptr_array_new_with_free_func ((GDestroyNotify)lineup_demo_group_record_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (persist->groups_dir, name, NULL);
      g_autofree char *group_id = group_id_from_dir_name (name);
      g_autofree char *why = NULL;
      LineupDemoGroupRecord *group;

      if (group_id == NULL || !g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_debug ("Ignoring %s", path);
          continue;
        }
      if (!(group = load_group (persist, path, group_id, problems, &why)))
        {
          move_aside (persist, path, why, problems);
          continue;
        }
      g_ptr_array_add (groups, group);
    }

  g_ptr_array_sort (groups, compare_groups);
  return g_steal_pointer (&groups);
}

/* Changes */

/**
 * lineup_demo_persist_write_group:
 *
 * Creates a library's directory, complete with its record, in one
 * rename.
 */
gboolean
lineup_demo_persist_write_group (LineupDemoPersist            *persist,
                                 const LineupDemoGroupRecord  *group,
                                 GError                      **error)
{
  g_autofree char *final = group_path (persist, group->group_id);
  g_autofree char *work = g_build_filename (persist->tmp_dir, "new-XXXXXX", NULL);
  g_autofree char *record = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (persist != NULL, FALSE);

  if (g_mkdtemp_full (work, 0700) == NULL)
    return set_errno_error (error, errno, work);

  bytes = seal (GROUP_MAGIC, g_variant_new (GROUP_TYPE, group->seq, group->group_id, group->group_name,
                                            group->group_data, group->model_version,
                                            group->add_time));
  record = g_build_filename (work, "group", NULL);
  if (!write_durably (record, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    {
      remove_tree (work);
      return FALSE;
    }

  if (g_rename (work, final) != 0)
    {
      int saved_errno = errno;

      remove_tree (work);
      return set_errno_error (error, saved_errno, final);
    }

  return sync_dir (persist->groups_dir, error);
}

/**
 * lineup_demo_persist_remove_group:
 *
 * Takes a library's directory out of groups/ in one rename, then
 * deletes it.
 */
gboolean
lineup_demo_persist_remove_group (LineupDemoPersist  *persist,
                                  const char         *group_id,
                                  GError            **error)
{
  g_autofree char *path = group_path (persist, group_id);
  g_autofree char *work = g_build_filename (persist->tmp_dir, "gone-XXXXXX", NULL);

  g_return_val_if_fail (persist != NULL, FALSE);

  /* A fresh, empty directory to rename onto: rename() replaces an empty
   * directory atomically, and mkdtemp() makes the name unique. */
  if (g_mkdtemp_full (work, 0700) == NULL)
    return set_errno_error (error, errno, work);
  if (g_rename (path, work) != 0)
    {
      int saved_errno = errno;

      g_rmdir (work);
      return set_errno_error (error, saved_errno, path);
    }
  if (!sync_dir (persist->groups_dir, error))
    return FALSE;

  remove_tree (work);
  return TRUE;
}

gboolean
lineup_demo_persist_write_face (LineupDemoPersist           *persist,
                                const char                  *group_id,
                                const LineupDemoFaceRecord  *face,
                                GError                     **error)
{
  g_autofree char *dir = group_path (persist, group_id);
  g_autofree char *name = g_strconcat (face->face_token, ".face", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GBytes) feature = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (persist != NULL, FALSE);

  feature = lineup_demo_feature_serialize (face->feature);
  bytes = seal (FACE_MAGIC, g_variant_new (FACE_FORMAT, face->seq, face->face_token, face->user_id,
                                           face->user_data, face->add_time_ms,
                                           bytes_variant (feature),
                                           bytes_variant (face->thumbnail)));

  return write_durably (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

/**
 * lineup_demo_persist_remove_faces:
 * @n_removed: (out): how many of @face_tokens, from the first, are gone
 *
 * Deletes the faces' files in order and makes the removals durable. On
 * failure the first @n_removed are gone and the rest are still there.
 */
gboolean
lineup_demo_persist_remove_faces (LineupDemoPersist   *persist,
                                  const char          *group_id,
                                  const char * const  *face_tokens,
                                  guint                n_tokens,
                                  guint               *n_removed,
                                  GError             **error)
{
  g_autofree char *dir = group_path (persist, group_id);

  g_return_val_if_fail (persist != NULL, FALSE);

  *n_removed = 0;
  for (guint i = 0; i < n_tokens; i++)
    {
      g_autofree char *name = g_strconcat (face_tokens[i], ".face", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          sync_dir (dir, NULL);
          return set_errno_error (error, saved_errno, path);
        }
      (*n_removed)++;
    }

  return sync_dir (dir, error);
}
