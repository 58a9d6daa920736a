/* lineup-demo-seed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-demo-seed"

#include "config.h"

#include <glib/gi18n.h>

#include "lineup-demo-portrait.h"
#include "lineup-demo-seed.h"

/* The library a newcomer sees on first start: twenty synthetic people the
 * program draws itself, and probe photos that show a strong match, a weak
 * one, a stranger and a photo that only rotation detection finds. */

#define ENROL_WIDTH   256
#define ENROL_HEIGHT  320
#define THUMB_WIDTH   96
#define THUMB_HEIGHT  120

static const struct
{
  const char *user_id;
  const char *name;
  const char *team;
} people[] = {
  { "emp-0001", "Ada Brenner", "Engineering" },
  { "emp-0002", "Bilal Haddad", "Security" },
  { "emp-0003", "Chiara Conti", "Front desk" },
  { "emp-0004", "Dmitri Volkov", "Logistics" },
  { "emp-0005", "Efua Mensah", "Finance" },
  { "emp-0006", "Fatima Zahra", "Engineering" },
  { "emp-0007", "Gustavo Lima", "Facilities" },
  { "emp-0008", "Hana Sato", "Research" },
  { "emp-0009", "Ingrid Dahl", "Legal" },
  { "emp-0010", "Jamal Carter", "Security" },
  { "emp-0011", "Kiri Ngata", "Design" },
  { "emp-0012", "Lena Fischer", "Support" },
  { "emp-0013", "Mateo Rossi", "Sales" },
  { "emp-0014", "Nadia Petrova", "Research" },
  { "emp-0015", "Omar Farouk", "Logistics" },
  { "emp-0016", "Priya Nair", "Engineering" },
  { "emp-0017", "Quentin Moreau", "Finance" },
  { "emp-0018", "Rosa Delgado", "Front desk" },
  { "emp-0019", "Sven Lindqvist", "Facilities" },
  { "emp-0020", "Tendai Moyo", "Support" },
};

#define STRANGER_SEED 900001

static guint32
seed_for (guint index)
{
  /* Spread the seeds; neighbouring integers would do, but this keeps the
   * people independent of the order of this table. */
  return 7919u * (index + 1) + 104729u;
}

guint
lineup_demo_seed_n_people (void)
{
  return G_N_ELEMENTS (people);
}

const char *
lineup_demo_seed_get_user_id (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (people), NULL);
  return people[index].user_id;
}

/**
 * lineup_demo_seed_render_person:
 *
 * Returns: (transfer full): the enrolment photo of person @index
 */
GdkPixbuf *
lineup_demo_seed_render_person (guint index,
                                int   width,
                                int   height)
{
  LineupDemoPerson person;

  g_return_val_if_fail (index < G_N_ELEMENTS (people), NULL);

  lineup_demo_person_init_from_seed (&person, seed_for (index));
  return lineup_demo_portrait_render (&person, NULL, width, height);
}

static GBytes *
encode_jpeg (GdkPixbuf *pixbuf,
             int        quality)
{
  g_autofree char *q = g_strdup_printf ("%d", quality);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, "quality", q, NULL))
    {
      g_warning ("Could not encode a demo image: %s", error->message);
      return NULL;
    }
  return g_bytes_new_take (buffer, size);
}

/**
 * lineup_demo_seed_store:
 *
 * Creates the `demo` library in @store and enrols everyone.
 */
gboolean
lineup_demo_seed_store (LineupDemoStore  *store,
                        GError          **error)
{
  if (!lineup_demo_store_create_group (store, LINEUP_DEMO_GROUP_ID, "Demo staff",
                                       "Synthetic portraits drawn by Lineup", "s21", error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(GdkPixbuf) photo = lineup_demo_seed_render_person (i, ENROL_WIDTH, ENROL_HEIGHT);
      g_autoptr(GdkPixbuf) small = gdk_pixbuf_scale_simple (photo, THUMB_WIDTH, THUMB_HEIGHT,
                                                            GDK_INTERP_BILINEAR);
      g_autoptr(LineupDemoFeature) feature = NULL;
      g_autoptr(GBytes) thumbnail = encode_jpeg (small, 85);
      g_autofree char *user_data = g_strdup_printf ("%s · %s", people[i].name, people[i].team);
      g_autofree char *token = NULL;

      if (!(feature = lineup_demo_feature_new_from_pixbuf (photo, error)))
        return FALSE;
      if (!(token = lineup_demo_store_add_face (store, LINEUP_DEMO_GROUP_ID, people[i].user_id,
                                                user_data, feature, thumbnail, error)))
        return FALSE;
    }

  return TRUE;
}

static const struct
{
  const char *title;
  const char *file_name;
  int         person;       /* index into people, or -1 for a stranger */
} probes[LINEUP_DEMO_N_PROBES] = {
  [LINEUP_DEMO_PROBE_STRONG] = { N_("Strong match"), "probe-strong.jpg", 3 },
  [LINEUP_DEMO_PROBE_WEAK] = { N_("Weak match: glasses, dim light"), "probe-weak.jpg", 8 },
  [LINEUP_DEMO_PROBE_STRANGER] = { N_("Not enrolled"), "probe-stranger.jpg", -1 },
  [LINEUP_DEMO_PROBE_ROTATED] = { N_("Rotated photo"), "probe-rotated.jpg", 12 },
};

/**
 * lineup_demo_probe_render:
 *
 * Returns: (transfer full): the probe photo
 */
GdkPixbuf *
lineup_demo_probe_render (LineupDemoProbe probe)
{
  LineupDemoVariation variation = LINEUP_DEMO_VARIATION_INIT;
  LineupDemoPerson person;
  g_autoptr(GdkPixbuf) upright = NULL;

  g_return_val_if_fail (probe < LINEUP_DEMO_N_PROBES, NULL);

  if (probes[probe].person < 0)
    lineup_demo_person_init_from_seed (&person, STRANGER_SEED);
  else
    lineup_demo_person_init_from_seed (&person, seed_for (probes[probe].person));

  switch (probe)
    {
    case LINEUP_DEMO_PROBE_STRONG:
      variation.brightness = 1.06;
      variation.dx = 0.02;
      variation.dy = -0.01;
      variation.noise = 0.1;
      break;
    case LINEUP_DEMO_PROBE_WEAK:
      variation.brightness = 0.82;
      variation.scale = 0.94;
      variation.dx = -0.03;
      variation.glasses = TRUE;
      variation.custom_background = TRUE;
      variation.background[0] = 205;
      variation.background[1] = 214;
      variation.background[2] = 190;
      variation.noise = 0.35;
      break;
    case LINEUP_DEMO_PROBE_ROTATED:
      variation.brightness = 0.97;
      variation.noise = 0.1;
      break;
    case LINEUP_DEMO_PROBE_STRANGER:
    case LINEUP_DEMO_N_PROBES:
    default:
      break;
    }

  upright = lineup_demo_portrait_render (&person, &variation, 2 * ENROL_WIDTH, 2 * ENROL_HEIGHT);
  if (probe == LINEUP_DEMO_PROBE_ROTATED)
    return gdk_pixbuf_rotate_simple (upright, GDK_PIXBUF_ROTATE_CLOCKWISE);
  return g_steal_pointer (&upright);
}

/**
 * lineup_demo_probe_render_jpeg:
 *
 * Returns: (transfer full): the probe photo as a JPEG file's bytes
 */
GBytes *
lineup_demo_probe_render_jpeg (LineupDemoProbe probe)
{
  g_autoptr(GdkPixbuf) pixbuf = lineup_demo_probe_render (probe);

  return encode_jpeg (pixbuf, 90);
}

const char *
lineup_demo_probe_get_title (LineupDemoProbe probe)
{
  g_return_val_if_fail (probe < LINEUP_DEMO_N_PROBES, NULL);
  return _(probes[probe].title);
}

const char *
lineup_demo_probe_get_file_name (LineupDemoProbe probe)
{
  g_return_val_if_fail (probe < LINEUP_DEMO_N_PROBES, NULL);
  return probes[probe].file_name;
}

/**
 * lineup_demo_probe_get_expected_user_id:
 *
 * Returns: (nullable): who the probe shows, or %NULL for the stranger
 */
const char *
lineup_demo_probe_get_expected_user_id (LineupDemoProbe probe)
{
  g_return_val_if_fail (probe < LINEUP_DEMO_N_PROBES, NULL);
  return probes[probe].person < 0 ? NULL : people[probes[probe].person].user_id;
}
