#!/usr/bin/env bash
# Extension-finder benchmark: PF4J's default finder (DefaultExtensionFinder = LegacyExtensionFinder, reading the
# META-INF/extensions.idx that PF4J's processor writes by default) against the runtime's ServiceFileExtensionFinder
# (Twitcher's three META-INF/services files), on the shipped plugin archives. Each measurement is a fresh JVM with
# the launcher's default options and the daemon's lib/ on the class path (logback left out: no log output);
# the two finders alternate, after one discarded warm-up each (PF4J unpacks the zips on first use).
#
# usage: benchmarks/extension-finders.sh [RUNS]   (after `mvn -DskipTests package`; RUNS defaults to 11)
# Writes a Markdown report to benchmarks/results/extension-finders-<date>-<host>.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
app=dist/target/twitcher
[ -d "$app/plugins" ] || { echo "benchmarks: build first: mvn -DskipTests package" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp=$(ls "$app"/lib/*.jar | grep -v '/logback-' | tr '\n' ':')
opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData)
javac -proc:none -d "$work/classes" -cp "$cp" benchmarks/src/ExtensionFinders.java
bench() { java "${opts[@]}" -cp "$work/classes:$cp" ExtensionFinders "$@"; }
bench prepare "$app/plugins" "$work/plugins"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
declare -A dir=([custom]=services [default]=index) load find count
for finder in custom default; do
  bench measure "$finder" "$work/plugins/${dir[$finder]}" > /dev/null 2> "$work/$finder.found"
done
cmp -s "$work/custom.found" "$work/default.found" \
  || { echo "benchmarks: the finders found different extensions:" >&2; cat "$work"/*.found >&2; exit 1; }
for i in $(seq 1 "$runs"); do
  for finder in custom default; do
    read -r l f n < <(bench measure "$finder" "$work/plugins/${dir[$finder]}" 2> /dev/null)
    load[$finder]+="$l "; find[$finder]+="$f "; count[$finder]=$n
  done
done

report="benchmarks/results/extension-finders-$(date +%F)-$(hostname -s).md"
{
  echo "# Extension finders: PF4J's default against ServiceFileExtensionFinder ($(date -u +%FT%TZ))"
  echo
  echo "Machine: $(nproc) cores, $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB;"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); $runs fresh JVMs each, medians;"
  echo "$(ls "$work"/plugins/services/*.zip | wc -l) plugin archives from $app/plugins, ${count[custom]} extensions found by each finder."
  echo
  echo "| finder | find all extensions, ms | range | load and start the plugins, ms |"
  echo "|---|---|---|---|"
  for finder in custom default; do
    f=$(tr ' ' '\n' <<< "${find[$finder]}" | grep . | sort -n)
    echo "| $finder | $(median <<< "$f") | $(head -1 <<< "$f")–$(tail -1 <<< "$f") | $(tr ' ' '\n' <<< "${load[$finder]}" | grep . | median) |"
  done
  echo
  echo "custom find ms: ${find[custom]}"
  echo
  echo "default find ms: ${find[default]}"
} > "$report"
cat "$report"
