#!/usr/bin/env bash
# Installs what trialgraph needs to build and test, from Debian's packages only.
# Idempotent: packages already present are not fetched again.
set -euo pipefail

packages=(
  cmake g++ make ninja-build pkg-config
  libboost-dev libboost-graph-dev libboost-filesystem-dev
  libre2-dev nlohmann-json3-dev libsimdjson-dev libjemalloc-dev libgtest-dev libpugixml-dev libexpat1-dev
  # fuzzing: clang and its libFuzzer and sanitizer runtimes (GCC's ASan/UBSan come with g++)
  clang libclang-rt-14-dev
  # real consumers used by the tests
  serdi raptor2-utils libxml2-utils python3 python3-networkx python3-rdflib
  virtuoso-opensource-7-bin   # a real triple store for the SPARQL examples
)
# Optional, x86-64 only: the recognizer's first pass on long runs (README, "Text mining").
[ "$(dpkg --print-architecture)" = amd64 ] && packages+=(libhyperscan-dev)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { echo "install-deps: all ${#packages[@]} packages present"; exit 0; }

echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
