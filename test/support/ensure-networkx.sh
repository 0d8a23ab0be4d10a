#!/usr/bin/env bash
# The export tests read GraphML and GEXF back with NetworkX, as researchers do. Debian's
# python3-networkx is installed here when missing (these machines run as root); /usr/bin/python3
# is used because another python3 on the PATH may not see Debian's packages.
set -euo pipefail
if ! /usr/bin/python3 -c 'import networkx' 2>/dev/null; then
  echo "Installing python3-networkx for the export tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-networkx >/dev/null
fi
# A NetworkX 3 beside it, for the GEXF tests: Debian 13's python3-networkx (pure Python, 3.2),
# unpacked from its .deb into a cache (apt pointed at trixie through its own lists there, so
# the system's sources are untouched) and put on /usr/bin/python3's PYTHONPATH by the tests.
NX3="${XDG_CACHE_HOME:-$HOME/.cache}/policy-graph/networkx3"
if [ ! -f "$NX3/usr/lib/python3/dist-packages/networkx/__init__.py" ]; then
  echo "Unpacking Debian 13's python3-networkx for the GEXF tests into $NX3…"
  apt_dir="$(mktemp -d)"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$NX3"
  echo "deb http://deb.debian.org/debian trixie main" > "$apt_dir/sources.list"
  apt_opts=(-o "Dir::Etc::sourcelist=$apt_dir/sources.list" -o Dir::Etc::sourceparts=/dev/null
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache::Archives=$apt_dir/archives" -o APT::Sandbox::User=root)
  apt-get "${apt_opts[@]}" update -qq
  (cd "$apt_dir" && apt-get "${apt_opts[@]}" download -qq python3-networkx)
  dpkg-deb -x "$apt_dir"/python3-networkx_*_all.deb "$NX3"
  rm -rf "$apt_dir"
fi
