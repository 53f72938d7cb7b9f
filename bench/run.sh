#!/usr/bin/env bash
# Engine micro-benchmarks (issue 2): per-step overhead, Liquid render throughput on the corpus' templates,
# KQL evaluations per second. Usage: bench/run.sh [seconds-per-measurement]
# Builds Vigil (skipping tests), compiles the harness against it and prints the figures.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"
cd "$root"
exec java -Xmx1g -XX:+UseParallelGC -cp "$out:$cp" dev.vigil.bench.EngineBench "${1:-5}" "$root/../shared/corpus/elastic-workflows"
