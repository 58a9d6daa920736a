/* lineup-test-camera.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lineup-camera.h"
#include "lineup-camera-monitor.h"

G_BEGIN_DECLS

/* Colour bars from a live 30 fps source: white on the left */
#define LINEUP_TEST_SMPTE_640 "videotestsrc is-live=true ! video/x-raw,width=640,height=480,framerate=30/1"

/* Sources that fail the ways cameras do (lineupfault) */
#define LINEUP_TEST_FAULT_BUSY        "videotestsrc ! lineupfault fail=busy"
#define LINEUP_TEST_FAULT_DENIED      "videotestsrc ! lineupfault fail=denied"
#define LINEUP_TEST_FAULT_NOT_FOUND   "videotestsrc ! lineupfault fail=not-found"
#define LINEUP_TEST_FAULT_UNPLUGGED   LINEUP_TEST_SMPTE_640 " ! lineupfault fail=read after=15"
#define LINEUP_TEST_FAULT_BAD_ELEMENT "videotestsrc ! nosuchelement"
#define LINEUP_TEST_FAULT_HANG        "videotestsrc ! lineupfault fail=hang"

void     lineup_test_camera_init          (void);
char    *lineup_test_still_pipeline       (const char  *jpeg_path);

/* What a camera sent: frames counted, the first failure kept */
typedef struct
{
  guint   frames;
  GError *failure;
} LineupTestCameraWatch;

void     lineup_test_camera_watch         (LineupCamera          *camera,
                                           LineupTestCameraWatch *watch);
void     lineup_test_camera_watch_clear   (LineupTestCameraWatch *watch);
gboolean lineup_test_camera_start         (LineupCamera          *camera,
                                           GError               **error);
gboolean lineup_test_camera_monitor_start (LineupCameraMonitor   *monitor,
                                           GError               **error);

typedef struct _LineupTestSession LineupTestSession;

LineupTestSession *lineup_test_session_new         (gboolean           with_portal,
                                                    GError           **error);
gboolean           lineup_test_session_add_camera  (LineupTestSession *self,
                                                    GError           **error);
gboolean           lineup_test_session_add_second_camera (LineupTestSession *self,
                                                          GError           **error);
void               lineup_test_session_unplug      (LineupTestSession *self);
gboolean           lineup_test_session_permit      (LineupTestSession *self,
                                                    gboolean           allow,
                                                    GError           **error);
void               lineup_test_session_free        (LineupTestSession *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupTestSession, lineup_test_session_free)

G_END_DECLS
