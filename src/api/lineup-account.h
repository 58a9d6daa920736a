/* lineup-account.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lineup-client.h"

G_BEGIN_DECLS

/* The values of the "region" setting. */
#define LINEUP_REGION_SINGAPORE     "singapore"
#define LINEUP_REGION_INDONESIA     "indonesia"
#define LINEUP_REGION_CUSTOM        "custom"

#define LINEUP_DEFAULT_PATH_PREFIX  "/finauth/search/group"

/**
 * LineupAccount:
 * @use_demo: the built-in demo service is in use, not this account
 * @region: one of the LINEUP_REGION_* values
 * @custom_base_url: the scheme and host for %LINEUP_REGION_CUSTOM
 * @path_prefix: the endpoints' common path
 * @api_key: the public key; empty when none is set
 * @allow_insecure: plain HTTP to a host that is not loopback was allowed
 *   after a warning
 * @signature_validity: seconds each signature stays valid
 * @connect_timeout: seconds for connecting and each read or write
 * @total_timeout: seconds for one whole request
 * @max_concurrency: requests at the same time (face_info lookups)
 *
 * The non-secret settings of a FaceSearch account, as one value: read
 * from GSettings, edited by the preferences, turned into a client.
 */
typedef struct
{
  gboolean  use_demo;
  char     *region;
  char     *custom_base_url;
  char     *path_prefix;
  char     *api_key;
  gboolean  allow_insecure;
  guint     signature_validity;
  guint     connect_timeout;
  guint     total_timeout;
  guint     max_concurrency;
} LineupAccount;

const char    *lineup_region_get_host_url        (const char           *region);
const char    *lineup_region_get_name            (const char           *region);

char          *lineup_endpoint_build             (const char           *region,
                                                  const char           *custom_base_url,
                                                  const char           *path_prefix,
                                                  gboolean              allow_insecure,
                                                  GError              **error);
gboolean       lineup_endpoint_is_plain_http     (const char           *base_url);

GSettings     *lineup_settings_new               (void);
GSettings     *lineup_settings_new_delayed       (GSettings            *settings);

LineupAccount *lineup_account_new                (void);
LineupAccount *lineup_account_new_from_settings  (GSettings            *settings);
LineupAccount *lineup_account_copy               (const LineupAccount  *account);
void           lineup_account_free               (LineupAccount        *account);
void           lineup_account_save               (const LineupAccount  *account,
                                                  GSettings            *settings);
char          *lineup_account_dup_base_url       (const LineupAccount  *account,
                                                  GError              **error);
char          *lineup_account_dup_label          (const LineupAccount  *account);
void           lineup_account_configure_client   (const LineupAccount  *account,
                                                  LineupClient         *client);
LineupClient  *lineup_account_create_client      (const LineupAccount  *account,
                                                  const char           *api_secret,
                                                  GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupAccount, lineup_account_free)

G_END_DECLS
