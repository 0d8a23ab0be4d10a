#!/usr/bin/env bash
# The export tests read GraphML and GEXF back with NetworkX, as researchers do. Debian's
# python3-networkx is installed here when missing (these machines run as root); /usr/bin/python3
# is used because another python3 on the PATH may not see Debian's packages.
set -euo pipefail
if ! /usr/bin/python3 -c 'import networkx' 2>/dev/null; then
  echo "Installing python3-networkx for the export tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-networkx >/dev/null
fi
