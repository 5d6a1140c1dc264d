#!/usr/bin/env bash
# Change -> action-started latency: Twitcher (this build), Twitcher with the previous spawn path, a bare Java watcher
# and, when python3-kazoo is installed (Debian: apt-get install python3-kazoo), a bare kazoo watcher, all on one
# embedded ZooKeeper in one run. See README.md here.
#
# usage: benchmarks/latency/run.sh [WRITES_PER_ROUND [ROUNDS [PACE_MS]]]   (after `mvn -DskipTests package`)
# Writes benchmarks/latency/results/latency-<date>-<host>.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/../.."
dist=dist/target/twitcher
[ -x "$dist/bin/twitcher" ] || { echo "latency: build first: mvn -DskipTests package" >&2; exit 1; }
python=""
for p in /usr/bin/python3 python3; do
  if command -v "$p" > /dev/null && "$p" -c 'import kazoo' 2> /dev/null; then python=$(command -v "$p"); break; fi
done
[ -n "$python" ] || echo "latency: python3-kazoo is not installed; the kazoo baseline is left out" >&2
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT; echo "latency: work directory $work" >&2
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$java" -Dlogback.configurationFile=benchmarks/latency/logback.xml -cp "$dist/lib/*" benchmarks/latency/Latency.java "$dist" "$work" \
  "benchmarks/latency/results/latency-$(date +%F)-$(hostname -s).md" "${1:-50}" "${2:-4}" "${3:-150}" "$python"
