#!/usr/bin/env bash
# The load harness: builds the release binary, installs wrk (Debian) if it
# is missing, generates or reuses the datasets, and measures. Options are
# passed to bench/run.py (see `bench/run.sh --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
fi
cargo build --release --quiet --bin tillit
exec python3 bench/run.py "$@"
