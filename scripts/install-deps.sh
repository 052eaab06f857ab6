#!/bin/sh
# Installs what squash's build, tests and benchmarks need on Debian 12 or
# Ubuntu; safe to run again. Run as root (or it uses sudo).
set -eu
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
PACKAGES="cmake ninja-build g++ make pkg-config git binutils libxsimd-dev xtl-dev catch2 libbenchmark-dev \
libmpfr-dev libeigen3-dev libxnnpack-dev clang libclang-rt-14-dev libfuzzer-14-dev valgrind libpthreadpool-dev python3"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
echo "install-deps: all packages present"
