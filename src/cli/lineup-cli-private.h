/* lineup-cli-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lineup-client.h"
#include "lineup-demo-server.h"

G_BEGIN_DECLS

#define LINEUP_CLI_EXIT_OK     0
#define LINEUP_CLI_EXIT_ERROR  1
#define LINEUP_CLI_EXIT_USAGE  2

typedef struct _LineupCli LineupCli;

typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (LineupCli *cli,
                    int        argc,
                    char     **argv);
} LineupCliCommand;

struct _LineupCli
{
  const LineupCliCommand *command;
  LineupClient           *client;
  LineupDemoServer       *demo;
  GAsyncResult           *result;
  gboolean                done;
};

void  lineup_cli_wait        (LineupCli      *cli);
void  lineup_cli_finish      (LineupCli      *cli);
int   lineup_cli_fail        (LineupCli      *cli,
                              const GError   *error);
int   lineup_cli_usage       (GOptionContext *context,
                              const char     *message);
void  lineup_cli_print_json  (JsonNode       *node);

int   lineup_cli_search      (LineupCli      *cli,
                              int             argc,
                              char          **argv);
int   lineup_cli_face_info   (LineupCli      *cli,
                              int             argc,
                              char          **argv);
int   lineup_cli_groups      (LineupCli      *cli,
                              int             argc,
                              char          **argv);

G_END_DECLS
