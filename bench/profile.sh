#!/usr/bin/env bash
# Where a run's time goes: Vigil's bench webhook (SQLite, a fresh file) under wrk at one concurrency, recorded by
# JDK Flight Recorder after a warm-up, then summarised as the hottest methods (top frame and any frame) and the
# CPU of each thread group. For finding what to make faster; the figures that count come from bench/peers.sh.
# Usage: bench/profile.sh [CONC (8)] [SECONDS (30)] [WARM (20)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
conc=${1:-8}; secs=${2:-30}; warm=${3:-20}
export PEERS=${PEERS:-/tmp/peers} NO_NETNS=1
[ -f "$PEERS/common/lib.sh" ] || cp -r "$root/../shared/peers" "$PEERS"
source "$root/bench/build.sh"
. "$PEERS/common/lib.sh"
PORT=${VIGIL_BENCH_PORT:-18092}
JAVA_OPTS=${VIGIL_JAVA_OPTS:--Xms64m -Xmx128m -XX:+UseParallelGC -Dsun.net.httpserver.nodelay=true}
work=$(mktemp -d /tmp/vigil-profile.XXXX)
trap 'set +e; stop_name vigil-profile; stop_name mock; rm -rf "$work/data"' EXIT
start_mock
start_bg vigil-profile "$work/vigil.log" "$JAVA_HOME/bin/java" $JAVA_OPTS -cp "$out:$cp" \
  dev.vigil.bench.WebhookServer "$PORT" "jdbc:sqlite:$work/data/vigil.db" "$root/bench/workflows" 64
wait_http "http://127.0.0.1:$PORT/stats" 60
url="http://127.0.0.1:$PORT/webhook/soar_alert"
wrk_run "$url" 8 "$warm" > /dev/null
pid=$(cat "$PEERS/run/vigil-profile.pid")
"$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=p settings=profile filename="$work/run.jfr" > /dev/null
top -b -d "$secs" -n 2 -H -p "$pid" > "$work/top.txt" &
top_pid=$!
wrk_run "$url" "$conc" "$secs" | tee "$work/wrk.json"
"$JAVA_HOME/bin/jcmd" "$pid" JFR.stop name=p > /dev/null
wait "$top_pid"
python3 "$root/bench/jfr_summary.py" "$JAVA_HOME/bin/jfr" "$work/run.jfr"
echo "threads (top -H, % of one core over the run):"
awk '/^top -/{n++} n==2 && $1 ~ /^[0-9]+$/ {name=$12; sub(/-[0-9]+$/,"",name); sub(/#[0-9]+$/,"",name); cpu[name]+=$9}
     END {for (k in cpu) if (cpu[k] >= 1) printf "  %6.1f %s\n", cpu[k], k}' "$work/top.txt" | sort -rn | head -15
echo "recording: $work/run.jfr"
