/* lineup-image-jpeg-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <setjmp.h>
#include <stdio.h>
#include <jpeglib.h>
#include <jerror.h>

#include "lineup-image-private.h"

G_BEGIN_DECLS

/* libjpeg's errors longjmp() back here; the message is kept for the log
 * and a premature end of data marks the file as cut off. */
typedef struct
{
  struct jpeg_error_mgr parent;
  jmp_buf               jump;
  char                  message[JMSG_LENGTH_MAX];
  gboolean              hit_eof;
} ErrorManager;

void _lineup_jpeg_error_manager_init (ErrorManager *err);

G_END_DECLS
