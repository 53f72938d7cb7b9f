#!/usr/bin/env bash
# Job store write throughput (issue 3). Usage: bench/store.sh [threads] [executions-per-thread] [jdbc-url]
# Without a URL the store is a fresh SQLite file; for PostgreSQL pass e.g. jdbc:postgresql://127.0.0.1:5432/bench
# (an existing, empty database) with PGUSER=postgres.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"
cd "$root"
exec java -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$out:$cp" dev.vigil.bench.StoreBench "${1:-8}" "${2:-1000}" ${3:+"$3"}
