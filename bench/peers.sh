#!/usr/bin/env bash
# Vigil on the peers' alert workload (../shared/peers), measured exactly as the peers are: wrk against a webhook
# that answers when the run has finished, c = 1, 8, 32 after a warm-up, REPS repetitions, per-step overhead from
# the 1-step and 100-step no-op chains at c=1, RSS of the process sampled every 0.5 s.
# Usage: bench/peers.sh [sqlite|postgres|n8n|all]...   (default: sqlite postgres n8n)
#   sqlite   Vigil on its embedded database (a fresh file)
#   postgres Vigil on PostgreSQL 127.0.0.1:5432 (a fresh database vigil_bench)
#   n8n      the n8n peer (CONFIG=tuned), in the same session, for the ratios
# Env knobs of ../shared/peers/common/lib.sh apply: DUR (20), REPS (3), CONCS ("1 8 32"), WARM (20), PERSTEP_DUR (15).
# VIGIL_JAVA_OPTS (default below). The peers are installed by their own setup.sh into /tmp/peers on first use.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PEERS=${PEERS:-/tmp/peers}
if [ ! -f "$PEERS/common/lib.sh" ]; then
  cp -r "$root/../shared/peers" "$PEERS"
fi
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(sqlite postgres n8n)
if ! command -v wrk >/dev/null; then   # the load generator the peers are measured with (Debian's package)
  echo "installing wrk (apt-get)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
source "$root/bench/build.sh"
. "$PEERS/common/lib.sh"
PORT=${VIGIL_BENCH_PORT:-18092}
JAVA_OPTS=${VIGIL_JAVA_OPTS:--Xms64m -Xmx128m -XX:+UseParallelGC -Dsun.net.httpserver.nodelay=true}
mkdir -p "$PEERS/results"

bench_vigil() {  # bench_vigil LABEL JDBC_URL
  local peer=$1 url=$2 res="$PEERS/results/$1.jsonl"
  rm -f "$res"
  trap 'set +e; rss_stop; stop_name "$peer"; stop_name mock' RETURN
  start_mock
  if port_busy "$PORT"; then echo "ERROR: 127.0.0.1:$PORT already in use" >&2; return 1; fi
  start_bg "$peer" "$PEERS/run/$peer.log" "$JAVA_HOME/bin/java" $JAVA_OPTS -cp "$out:$cp" \
    dev.vigil.bench.WebhookServer "$PORT" "$url" "$root/bench/workflows" 64
  wait_http "http://127.0.0.1:$PORT/stats" 60
  local pid; pid=$(cat "$PEERS/run/$peer.pid")
  sleep 2; local idle; idle=$(tree_rss_kb "$pid")
  nscurl -X POST "http://127.0.0.1:$MOCK_PORT/reset" >/dev/null
  rss_start "$pid" "$PEERS/run/$peer-rss.json"
  local b="http://127.0.0.1:$PORT/webhook"
  load_bench "$peer" soar_alert "$b/soar_alert" "$res"
  perstep_bench "$peer" noop-data-set "$b/noop1" "$b/noop100" "$res"
  sleep 1; rss_stop
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d.update(peer=sys.argv[2],kind='rss',label='during load',idle_tree_kb=int(sys.argv[3])); print(json.dumps(d))" \
    "$PEERS/run/$peer-rss.json" "$peer" "$idle" >> "$res"
  local cases stats; cases=$(nscurl "http://127.0.0.1:$MOCK_PORT/stats"); stats=$(nscurl "http://127.0.0.1:$PORT/stats")
  python3 -c "import json,sys; print(json.dumps({'peer':sys.argv[1],'kind':'check','label':'history','text':'mock since reset '+sys.argv[2]+' | executions in the store (incl. warm-up and no-op chains) '+sys.argv[3]}))" \
    "$peer" "$cases" "$stats" >> "$res"
  python3 "$PEERS/common/summarize.py" "$res"
}

for t in "${targets[@]}"; do
  case "$t" in
    sqlite)
      data=$(mktemp -d /tmp/vigil-bench.XXXX)
      bench_vigil vigil-sqlite "jdbc:sqlite:$data/vigil.db"
      du -sh "$data" | sed 's/^/vigil-sqlite database size: /'
      rm -rf "$data" ;;
    postgres)
      # PostgreSQL listens in the host's network namespace, so this run cannot use the peers' loopback-only one;
      # every URL is 127.0.0.1 either way
      export NO_NETNS=1; ns_ensure
      psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS vigil_bench" -c "CREATE DATABASE vigil_bench" postgres
      bench_vigil vigil-postgres "jdbc:postgresql://127.0.0.1:5432/vigil_bench?user=postgres" ;;
    n8n)
      [ -d "$PEERS/n8n/node_modules/n8n" ] || bash "$PEERS/setup.sh"
      CONFIG=tuned bash "$PEERS/bench-n8n.sh" ;;
    *) echo "unknown target $t (sqlite, postgres, n8n)" >&2; exit 2 ;;
  esac
done
python3 "$root/bench/ratios.py" "$PEERS/results" || true
