/* lineup-cli-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lineup-account.h"
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
  const char *parameters;   /* for the usage line, untranslated */
  const char *summary;
  int       (*run) (LineupCli *cli,
                    int        argc,
                    char     **argv);
  gboolean    offline;      /* needs no client: the account commands, prepare */
} LineupCliCommand;

struct _LineupCli
{
  const LineupCliCommand *command;
  LineupClient           *client;
  LineupDemoServer       *demo;
  GAsyncResult           *result;
  LineupExchange         *last_exchange;
  GSettings              *settings;       /* NULL when the schema is not installed */
  LineupAccount          *account;        /* the settings, or their defaults */
  char                   *base_url;       /* what requests go to, and from where: */
  char                   *api_key;
  gboolean                base_url_from_settings;
  gboolean                verbose;
  gboolean                done;
};

void            lineup_cli_wait             (LineupCli           *cli);
void            lineup_cli_keep_result      (GObject             *object,
                                             GAsyncResult        *result,
                                             gpointer             user_data);
int             lineup_cli_fail             (LineupCli           *cli,
                                             const GError        *error);
int             lineup_cli_usage            (GOptionContext      *context,
                                             const char          *message);
GOptionContext *lineup_cli_command_context  (LineupCli           *cli,
                                             const GOptionEntry  *entries);
int             lineup_cli_print_json       (JsonBuilder         *builder);
char           *lineup_cli_escape           (const char          *text,
                                             gboolean             keep_newlines);
void            lineup_cli_say              (const char          *format,
                                             ...) G_GNUC_PRINTF (1, 2);
void            lineup_cli_say_block        (const char          *format,
                                             ...) G_GNUC_PRINTF (1, 2);
LineupImage    *lineup_cli_load_image_with  (LineupCli           *cli,
                                             const char          *arg,
                                             const LineupImageOptions *options,
                                             int                 *status);
gboolean        lineup_cli_parse_crop       (const char          *text,
                                             LineupImageRect     *crop,
                                             GError             **error);
void            lineup_cli_json_image       (JsonBuilder         *builder,
                                             LineupImage         *image);

void            lineup_cli_json_envelope    (LineupCli           *cli,
                                             JsonBuilder         *builder);
void            lineup_cli_json_string      (JsonBuilder         *builder,
                                             const char          *member,
                                             const char          *value);
void            lineup_cli_json_add_time    (JsonBuilder         *builder,
                                             const char          *raw);
void            lineup_cli_json_face        (JsonBuilder         *builder,
                                             LineupFace          *face);
void            lineup_cli_json_group       (JsonBuilder         *builder,
                                             LineupGroup         *group);

int             lineup_cli_search           (LineupCli           *cli,
                                             int                  argc,
                                             char               **argv);
int             lineup_cli_face_info        (LineupCli           *cli,
                                             int                  argc,
                                             char               **argv);
int             lineup_cli_groups           (LineupCli           *cli,
                                             int                  argc,
                                             char               **argv);
int             lineup_cli_group_info       (LineupCli           *cli,
                                             int                  argc,
                                             char               **argv);
int             lineup_cli_create_group     (LineupCli           *cli,
                                             int                  argc,
                                             char               **argv);
int             lineup_cli_delete_group     (LineupCli           *cli,
                                             int                  argc,
                                             char               **argv);
int             lineup_cli_add              (LineupCli           *cli,
                                             int                  argc,
                                             char               **argv);
int             lineup_cli_list             (LineupCli           *cli,
                                             int                  argc,
                                             char               **argv);
int             lineup_cli_delete           (LineupCli           *cli,
                                             int                  argc,
                                             char               **argv);
int             lineup_cli_prepare          (LineupCli           *cli,
                                             int                  argc,
                                             char               **argv);
int             lineup_cli_capture          (LineupCli           *cli,
                                             int                  argc,
                                             char               **argv);

int             lineup_cli_login            (LineupCli           *cli,
                                             int                  argc,
                                             char               **argv);
int             lineup_cli_logout           (LineupCli           *cli,
                                             int                  argc,
                                             char               **argv);
int             lineup_cli_whoami           (LineupCli           *cli,
                                             int                  argc,
                                             char               **argv);
int             lineup_cli_test_connection  (LineupCli           *cli,
                                             int                  argc,
                                             char               **argv);

G_END_DECLS
