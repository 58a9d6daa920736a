/* lineup-signer-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lineup-signer.h"

G_BEGIN_DECLS

/* For the exchange record only, which looks for the secret in replies
 * and texts to cut it out. Borrowed: never copy it. */
const char *_lineup_signer_peek_secret (LineupSigner *self);

G_END_DECLS
