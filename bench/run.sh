#!/usr/bin/env bash
# Engine micro-benchmarks (issue 2): per-step overhead, Liquid render throughput on the corpus' templates,
# KQL evaluations per second. Usage: bench/run.sh [seconds-per-measurement]
# Builds Vigil (skipping tests), compiles the harness against it and prints the figures.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/java-env.sh"
cd "$root"
mvn -q -B -DskipTests package
out="$root/bench/target/classes"
rm -rf "$out" && mkdir -p "$out"
cp="$root/target/vigil.jar:$(ls "$root"/target/lib/*.jar | tr '\n' ':')"
javac --release 25 -d "$out" -cp "$cp" $(find "$root/bench/src" -name '*.java')
exec java -Xmx1g -XX:+UseParallelGC -cp "$out:$cp" dev.vigil.bench.EngineBench "${1:-5}" "$root/../shared/corpus/elastic-workflows"
