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

# The job store tests run against PostgreSQL too (src/test/java/dev/vigil/store/PostgresJobStoreTest.java): make sure
# the local server answers, starting it (and installing it) when it does not. They fail rather than skip without it.
pg_answers() { command -v pg_isready >/dev/null && pg_isready -h 127.0.0.1 -p 5432 -q; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! pg_answers; then
  if [ ! -d /etc/postgresql ] || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    echo "test: PostgreSQL is not installed; installing it (apt-get install -y postgresql)" >&2
    as_root apt-get install -y postgresql >&2
  fi
  for version in $(ls /etc/postgresql); do
    echo "test: starting PostgreSQL $version" >&2
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  done
  for _ in $(seq 1 30); do
    pg_answers && break
    sleep 1
  done
  if ! pg_answers; then
    echo "test: PostgreSQL does not answer on 127.0.0.1:5432 after 30 s; the job store tests need it." >&2
    echo "test: start it (pg_ctlcluster <version> main start) and check that user postgres may connect." >&2
    exit 1
  fi
fi
exec mvn -B -ntp -Dstyle.color=never verify "$@"
