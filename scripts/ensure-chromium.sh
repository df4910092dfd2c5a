#!/usr/bin/env bash
# Installs headless Chromium and its driver from Debian's packages when they are missing; the
# console's browser test (tests/.../IncidentConsoleBrowserTest) drives /usr/bin/chromium.
set -euo pipefail
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  exit 0
fi
if [[ "$(id -u)" -ne 0 ]]; then
  SUDO=sudo
else
  SUDO=
fi
echo "Installing chromium and chromium-driver from the Debian packages ..." >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >&2
/usr/bin/chromium --version >&2
