/* bench-fan-out.c — not a pass/fail test: `meson test --benchmark`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "lineup-client.h"
#include "lineup-demo-portrait.h"
#include "lineup-demo-server.h"
#include "lineup-match.h"
#include "lineup-test-util.h"

/* 100 face_info lookups against the demo service on 127.0.0.1 with 50 ms
 * added to every reply, the way the window fills in a search's rows:
 * lineup_client_fetch_faces_async() at the client's default width (8),
 * against a baseline of the same 100 lookups one at a time, measured in
 * the same run and interleaved with it, since absolute times vary by
 * machine. It prints the medians, their ratio (target ≤ 0.15), the ratio
 * to the physical floor ⌈100/8⌉ × 50 ms (target ≤ 1.1), the time each
 * request costs beyond the added latency, and the most requests the
 * service saw at once (8 when libsoup really opens 8 connections).
 *
 * The 100 faces are distinct tokens enrolled through the store's C API,
 * and every run uses a new LineupClient, so no answer comes from the
 * client's face_info cache and every run opens its own connections, as
 * the first search of a session does. */

#define N_LOOKUPS     100
#define N_PEOPLE      10
#define LATENCY_MS    50
#define GROUP_ID      "bench"

typedef struct
{
  LineupDemoServer *server;
  LineupSigner     *signer;
  char             *tokens[N_LOOKUPS];
  guint             max_in_flight;
} Bench;

static LineupClient *
new_client (Bench *bench)
{
  return lineup_client_new (lineup_demo_server_get_base_url (bench->server), bench->signer);
}

static void
keep_result (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (slot);
}

/* One lookup at a time, each awaited before the next leaves. */
static double
run_sequential (Bench *bench)
{
  g_autoptr(LineupClient) client = new_client (bench);
  GAsyncResult *slot = NULL;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < N_LOOKUPS; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(LineupFace) face = NULL;
      g_autoptr(GError) error = NULL;

      lineup_client_face_info_async (client, GROUP_ID, bench->tokens[i], NULL, keep_result, &slot);
      result = wait_result (&slot);
      if (!(face = lineup_client_face_info_finish (client, result, &error)))
        g_error ("face_info %u failed: %s", i, error->message);
    }

  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
sample_in_flight (gpointer user_data)
{
  Bench *bench = user_data;

  bench->max_in_flight = MAX (bench->max_in_flight,
                              lineup_demo_server_get_requests_in_flight (bench->server));
  return G_SOURCE_CONTINUE;
}

/* All 100 through the client's bounded fan-out. */
static double
run_fan_out (Bench *bench)
{
  g_autoptr(LineupClient) client = new_client (bench);
  g_autoptr(GListStore) matches = g_list_store_new (LINEUP_TYPE_MATCH);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  gint64 start;
  double ms;
  guint sampler;

  for (guint i = 0; i < N_LOOKUPS; i++)
    {
      g_autoptr(LineupMatch) match = lineup_match_new (i + 1, bench->tokens[i], GROUP_ID, 90.0);

      g_list_store_append (matches, match);
    }

  sampler = g_timeout_add (1, sample_in_flight, bench);
  start = g_get_monotonic_time ();
  lineup_client_fetch_faces_async (client, G_LIST_MODEL (matches), NULL, keep_result, &slot);
  result = wait_result (&slot);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_source_remove (sampler);

  if (!lineup_client_fetch_faces_finish (client, result, &error))
    g_error ("fetch_faces failed: %s", error->message);
  for (guint i = 0; i < N_LOOKUPS; i++)
    {
      g_autoptr(LineupMatch) match = g_list_model_get_item (G_LIST_MODEL (matches), i);

      if (lineup_match_get_face (match) == NULL)
        g_error ("face %u not filled in: %s", i,
                 lineup_match_get_face_error (match) ? lineup_match_get_face_error (match)->message : "?");
    }

  return ms;
}

static void
enrol (Bench *bench)
{
  LineupDemoStore *store = lineup_demo_server_get_store (bench->server);
  LineupDemoFeature *features[N_PEOPLE];
  g_autoptr(GError) error = NULL;

  if (!lineup_demo_store_create_group (store, GROUP_ID, "Fan-out benchmark", NULL, NULL, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < N_PEOPLE; i++)
    {
      LineupDemoPerson person;
      g_autoptr(GdkPixbuf) photo = NULL;

      lineup_demo_person_init_from_seed (&person, 7000 + 31 * i);
      photo = lineup_demo_portrait_render (&person, NULL, 128, 160);
      if (!(features[i] = lineup_demo_feature_new_from_pixbuf (photo, &error)))
        g_error ("%s", error->message);
    }

  for (guint i = 0; i < N_LOOKUPS; i++)
    {
      g_autofree char *user_id = g_strdup_printf ("user-%03u", i);

      bench->tokens[i] = lineup_demo_store_add_face (store, GROUP_ID, user_id, "Benchmark face",
                                                     features[i % N_PEOPLE], NULL, &error);
      if (bench->tokens[i] == NULL)
        g_error ("%s", error->message);
    }

  for (guint i = 0; i < N_PEOPLE; i++)
    lineup_demo_feature_free (features[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- fan-out benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(LineupClient) probe_client = NULL;
  g_autofree double *fan_out = NULL;
  g_autofree double *sequential = NULL;
  g_autofree double *bare = NULL;
  int rounds = 15, every = 3;
  GOptionEntry entries[] = {
    { "rounds", 'n', 0, G_OPTION_ARG_INT, &rounds, "Fan-out runs (default 15)", "N" },
    { "baseline-every", 'b', 0, G_OPTION_ARG_INT, &every,
      "Run the one-at-a-time baseline every Nth round (default 3)", "N" },
    { NULL }
  };
  guint n_fan = 0, n_seq = 0, width, waves;
  double fan_ms, seq_ms, bare_ms, floor_ms, cpu, cpu_fan = 0, fastest = G_MAXDOUBLE;
  Bench bench = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  rounds = CLAMP (rounds, 1, 1000);
  every = CLAMP (every, 1, rounds);

  bench.server = lineup_demo_server_new (NULL, NULL);
  lineup_demo_server_set_seed (bench.server, FALSE);
  if (!lineup_demo_server_start (bench.server, 0, &error))
    g_error ("%s", error->message);
  bench.signer = lineup_signer_new (lineup_demo_server_get_api_key (bench.server),
                                    lineup_demo_server_get_api_secret (bench.server));
  enrol (&bench);

  probe_client = new_client (&bench);
  width = lineup_client_get_max_concurrency (probe_client);
  waves = (N_LOOKUPS + width - 1) / width;
  floor_ms = waves * (double)LATENCY_MS;

  /* What a request costs beyond the added latency: client, HTTP on
   * loopback and the service's own work, one at a time. */
  bare = g_new0 (double, 3);
  for (guint i = 0; i < 3; i++)
    bare[i] = run_sequential (&bench) / N_LOOKUPS;
  bare_ms = lineup_test_median (bare, 3);

  lineup_demo_server_set_latency (bench.server, LATENCY_MS, 0);
  run_fan_out (&bench);   /* warm-up: first-use costs (types, TLS backend probe) */
  bench.max_in_flight = 0;

  fan_out = g_new0 (double, rounds);
  sequential = g_new0 (double, (rounds + every - 1) / every);
  for (int r = 0; r < rounds; r++)
    {
      cpu = lineup_test_cpu_seconds ();
      fan_out[n_fan++] = run_fan_out (&bench);
      cpu_fan += lineup_test_cpu_seconds () - cpu;
      if (r % every == 0)
        sequential[n_seq++] = run_sequential (&bench);
    }
  lineup_demo_server_stop (bench.server);

  fan_ms = lineup_test_median (fan_out, n_fan);
  for (guint i = 0; i < n_fan; i++)
    fastest = MIN (fastest, fan_out[i]);
  seq_ms = lineup_test_median (sequential, n_seq);

  printf ("fan-out benchmark: %d face_info lookups, demo service on 127.0.0.1 with %d ms added latency, "
          "client width %u, %u CPUs\n", N_LOOKUPS, LATENCY_MS, width, g_get_num_processors ());
  printf ("fan-out (lineup_client_fetch_faces_async): median %.0f ms of %u runs (fastest %.0f)\n",
          fan_ms, n_fan, fastest);
  printf ("one at a time (lineup_client_face_info_async): median %.0f ms of %u runs\n", seq_ms, n_seq);
  printf ("ratio fan-out / one at a time: %.3f (target <= 0.15)\n", fan_ms / seq_ms);
  printf ("ratio fan-out / floor (ceil(%d/%u) x %d ms = %.0f ms): %.3f (target <= 1.1)\n",
          N_LOOKUPS, width, LATENCY_MS, floor_ms, fan_ms / floor_ms);
  printf ("per request beyond the added latency: %.2f ms one at a time with no latency added "
          "(client + loopback HTTP + service); %.2f ms per wave in the fan-out\n",
          bare_ms, (fan_ms - floor_ms) / waves);
  printf ("CPU (client and service, one process): %.2f ms per lookup in the fan-out\n",
          cpu_fan * 1000 / (n_fan * (double)N_LOOKUPS));
  printf ("most requests in flight at the service during a fan-out: %u (width %u)\n",
          bench.max_in_flight, width);

  for (guint i = 0; i < N_LOOKUPS; i++)
    g_free (bench.tokens[i]);
  g_clear_object (&bench.signer);
  g_clear_object (&bench.server);

  return 0;
}
