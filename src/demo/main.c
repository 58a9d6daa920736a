/* main.c — lineup-demo-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lineup-demo-main"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "lineup-demo-seed.h"
#include "lineup-demo-server.h"
#include "lineup-locale.h"

static int
write_samples (const char *dir)
{
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_printerr (_("Could not create “%s”: %s\n"), dir, g_strerror (errno));
      return 1;
    }

  for (guint i = 0; i < LINEUP_DEMO_N_PROBES; i++)
    {
      g_autoptr(GBytes) bytes = lineup_demo_probe_render_jpeg (i);
      g_autofree char *path = g_build_filename (dir, lineup_demo_probe_get_file_name (i), NULL);

      if (bytes == NULL ||
          !g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
        {
          g_printerr (_("Could not write “%s”: %s\n"), path, error ? error->message : "");
          return 1;
        }
      printf ("%s\t%s\n", path, lineup_demo_probe_get_title (i));
    }
  return 0;
}

/* The watches stay: removing the last one restores the default action,
 * and a second SIGTERM during the stop would then kill the service
 * before it has closed its files. */
static gboolean
on_signal (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LineupDemoServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *listen_address = NULL;
  int port = 0, latency = 0, jitter = 0, max_connections = 0, idle_timeout = 0, header_timeout = 0;
  int clock_offset = 0;
  g_autofree char *samples_dir = NULL;
  g_autofree char *data_dir = NULL;
  g_auto(GStrv) faults = NULL;
  gboolean no_seed = FALSE;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, N_("Port to listen on (0: any free port)"), "N" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen_address, N_("Address to bind instead of 127.0.0.1"), "ADDR" },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, N_("API key to accept"), "KEY" },
    { "secret", 0, 0, G_OPTION_ARG_STRING, &secret, N_("API secret to accept"), "SECRET" },
    { "latency", 0, 0, G_OPTION_ARG_INT, &latency, N_("Delay every reply by this many milliseconds"), "MS" },
    { "jitter", 0, 0, G_OPTION_ARG_INT, &jitter, N_("Add up to this many milliseconds at random"), "MS" },
    { "clock-offset", 0, 0, G_OPTION_ARG_INT, &clock_offset,
      N_("Run the service’s clock this many seconds ahead (negative: behind)"), "SECONDS" },
    { "data", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Keep the libraries in DIR across restarts (default: in memory only)"), "DIR" },
    { "fault", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &faults,
      N_("Inject a fault (repeatable); see below"), "SPEC" },
    { "empty", 0, 0, G_OPTION_ARG_NONE, &no_seed, N_("Start without the demo library"), NULL },
    { "max-connections", 0, 0, G_OPTION_ARG_INT, &max_connections,
      N_("Accept at most N connections at once (default 256); the others wait"), "N" },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &idle_timeout,
      N_("Close a connection that makes no progress for this many seconds (default 60)"), "S" },
    { "header-timeout", 0, 0, G_OPTION_ARG_INT, &header_timeout,
      N_("Close a connection whose request headers take longer than this (default 10)"), "S" },
    { "write-samples", 0, 0, G_OPTION_ARG_FILENAME, &samples_dir,
      N_("Write the sample probe photos into DIR and exit"), "DIR" },
    { NULL }
  };

  lineup_locale_init ();

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("A local FaceSearch-compatible service for demos and tests.\n"
      "Its matcher compares images, it does not recognise faces."));
  g_option_context_set_description (context,
    /* Translators: keep the option syntax, kinds and endpoint names as they are */
    _("Faults, for testing clients: --fault [ENDPOINT:]KIND[=VALUE][,after=N][,times=N][,p=P]\n"
      "  ENDPOINT   create, free, group_list, group_info, add, delete, list,\n"
      "             face_info or search; * or nothing for every endpoint\n"
      "  KIND       latency=MS      delay the reply by MS\n"
      "             jitter=MS       delay the reply by up to MS, at random\n"
      "             5xx[=STATUS]    answer STATUS (500) with INTERNAL_ERROR\n"
      "             html502         answer 502 with a gateway's HTML page\n"
      "             truncated       send only the first half of the JSON reply\n"
      "             empty[=STATUS]  answer STATUS (200) with an empty body\n"
      "             reset           close the connection without a reply\n"
      "             trickle[=MS]    send the reply 8 bytes every MS (100)\n"
      "             concurrency=N   answer 403 CONCURRENCY_LIMIT_EXCEEDED when\n"
      "                             N requests are already being served\n"
      "  after=N    let N matching requests pass first\n"
      "  times=N    fault only N requests, then stop\n"
      "  p=P        fault a request with probability P (0 < P ≤ 1)\n"
      "5xx, html502, empty, reset and concurrency answer without carrying out the\n"
      "request, so a retry is safe.\n"
      "Examples: --fault search:html502 --fault face_info:latency=50\n"
      "          --fault search:5xx=503,times=2 --fault '*:reset,p=0.1'\n"
      "With --data, the demo library is created only when DIR holds no library."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (samples_dir != NULL)
    return write_samples (samples_dir);
  if (port < 0 || port > 65535 || latency < 0 || jitter < 0)
    {
      g_printerr ("%s\n", _("Port, latency and jitter must not be negative (port at most 65535)."));
      return 2;
    }
  if (max_connections < 0 || idle_timeout < 0 || header_timeout < 0)
    {
      g_printerr ("%s\n", _("Connection limits and time-outs must not be negative (0: the default)."));
      return 2;
    }
  if ((key == NULL) != (secret == NULL))
    {
      g_printerr ("%s\n", _("Give both --key and --secret, or neither."));
      return 2;
    }

  server = lineup_demo_server_new (key, secret);
  lineup_demo_server_set_seed (server, !no_seed);
  lineup_demo_server_set_data_dir (server, data_dir);
  for (guint i = 0; faults && faults[i]; i++)
    if (!lineup_demo_server_add_fault_spec (server, faults[i], &error))
      {
        g_printerr ("%s\n", error->message);
        return 2;
      }
  lineup_demo_server_set_latency (server, latency, jitter);
  lineup_demo_server_set_limits (server, max_connections, idle_timeout, header_timeout);
  lineup_demo_server_set_clock_offset (server, clock_offset);
  if (listen_address != NULL)
    lineup_demo_server_set_listen_address (server, listen_address);

  /* Before the address is printed: whoever reads it may stop us at once. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_unix_signal_add (SIGTERM, on_signal, loop);

  if (!lineup_demo_server_start (server, port, &error))
    {
      g_printerr (_("Could not start the demo service: %s\n"), error->message);
      return 1;
    }

  /* Scripts read the first line to find the service. */
  printf ("%s\n", lineup_demo_server_get_base_url (server));
  printf ("api_key=%s\n", lineup_demo_server_get_api_key (server));
  printf ("api_secret=%s\n", lineup_demo_server_get_api_secret (server));
  fflush (stdout);

  g_main_loop_run (loop);

  lineup_demo_server_stop (server);
  return 0;
}
