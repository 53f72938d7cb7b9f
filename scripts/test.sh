#!/usr/bin/env bash
# Runs every test of Vigil. README.md names this script as the test command; .ci/run calls it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=java-env.sh
source "$root/scripts/java-env.sh"
if [ ! -d "$root/../shared/corpus/elastic-workflows" ]; then
  echo "test: ../shared/corpus/elastic-workflows is missing beside the checkout; the compatibility tests need it." >&2
  exit 1
fi
exec mvn -B -ntp -Dstyle.color=never verify "$@"
