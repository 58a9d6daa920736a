/* lineup-test-camera.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lineup-camera.h"
#include "lineup-camera-monitor.h"

G_BEGIN_DECLS

/* A 30 fps test source: what a 720p webcam sends */
#define LINEUP_TEST_SOURCE_720P \
  "videotestsrc is-live=true ! video/x-raw,width=1280,height=720,framerate=30/1"

void     lineup_test_camera_init          (void);
char    *lineup_test_still_pipeline       (const char  *jpeg_path);

typedef struct _LineupTestSession LineupTestSession;

LineupTestSession *lineup_test_session_new         (gboolean           with_portal,
                                                    GError           **error);
gboolean           lineup_test_session_add_camera  (LineupTestSession *self,
                                                    GError           **error);
void               lineup_test_session_unplug      (LineupTestSession *self);
gboolean           lineup_test_session_permit      (LineupTestSession *self,
                                                    gboolean           allow,
                                                    GError           **error);
void               lineup_test_session_free        (LineupTestSession *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupTestSession, lineup_test_session_free)

G_END_DECLS
