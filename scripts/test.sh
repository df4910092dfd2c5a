#!/usr/bin/env bash
# Runs the whole test suite: unit, workflow, replay, activity (against moto), listener, and the
# end-to-end suites on the real local stack (Temporal dev server, moto, worker and listener).
# On a fresh machine it first installs the AWS emulator, headless Chromium (for the console's
# browser test) and builds the Temporal CLI (~5 min once).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/ensure-moto.sh
scripts/ensure-chromium.sh
TEMPORAL_CLI="$(scripts/ensure-temporal-cli.sh)"
export TEMPORAL_CLI
exec mvn -B verify "$@"
