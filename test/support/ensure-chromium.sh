#!/usr/bin/env bash
# The browser tests drive Debian's Chromium with playwright-core (which downloads no browser).
# It is installed here when missing (these machines run as root), as ensure-networkx.sh does
# for NetworkX; CHROMIUM_PATH points at another build.
set -euo pipefail
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-core >/dev/null
fi
