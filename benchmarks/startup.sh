#!/usr/bin/env bash
# Start-up benchmark: the time from launching `twitcher` to the first run_on_load action of one watch, and the
# daemon's resident memory then, for each config language. The .properties case is the baseline: the ratio
# language/baseline is what to compare across machines (these 2-core machines are noisy; absolute times are not).
#
# usage: benchmarks/startup.sh [RUNS]     (after `mvn -DskipTests package`; RUNS defaults to 7)
# Writes a Markdown report to benchmarks/results/startup-<date>-<host>.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
twitcher=dist/target/twitcher/bin/twitcher
[ -x "$twitcher" ] || { echo "benchmarks: build first: mvn -DskipTests package" >&2; exit 1; }

work=$(mktemp -d)
zk_pid=""
cleanup() { [ -n "$zk_pid" ] && kill "$zk_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/zk-conf"
# One daemon hosts the ZooKeeper that every measured daemon uses.
"$twitcher" --embedded-zk="$port" --config_path "$work/zk-conf" --log_to_stdout > "$work/zk.log" 2>&1 &
zk_pid=$!
for _ in $(seq 1 100); do "$twitcher" --zkservers "127.0.0.1:$port" poke /bench/node ready 2>/dev/null && break; sleep 0.3; done

declare -A conf
conf[properties]="znode=/bench/node
command=date +%s%N > MARK"
conf[twc]="RegisterWatch(znode='/bench/node', action=Exec('date +%s%N > MARK'))"
conf[rb]="register_watch znode: '/bench/node', action: exec('date +%s%N > MARK')"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

declare -A ms rss
for lang in properties twc rb; do
  times=(); mems=()
  for i in $(seq 1 "$runs"); do
    dir="$work/$lang-$i"; mkdir -p "$dir/conf"
    mark="$dir/mark"
    printf '%s\n' "${conf[$lang]//MARK/$mark}" > "$dir/conf/bench.$lang"
    start=$(date +%s%N)
    "$twitcher" --zkservers "127.0.0.1:$port" --config_path "$dir/conf" --log_to_stdout > "$dir/log" 2>&1 &
    pid=$!
    for _ in $(seq 1 600); do [ -s "$mark" ] && break; sleep 0.05; done
    [ -s "$mark" ] || { echo "benchmarks: $lang run $i never ran its action; log:" >&2; tail -20 "$dir/log" >&2; exit 1; }
    times+=($(( ($(cat "$mark") - start) / 1000000 )))
    java_pid=$(pgrep -P "$pid" java || echo "$pid")
    mems+=($(( $(ps -o rss= -p "$java_pid" 2>/dev/null || ps -o rss= -p "$pid") / 1024 )))
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
  ms[$lang]=$(printf '%s\n' "${times[@]}" | median)
  rss[$lang]=$(printf '%s\n' "${mems[@]}" | median)
  echo "$lang: start-to-first-action ms ${times[*]}; RSS MiB ${mems[*]}" >&2
done

report="benchmarks/results/startup-$(date +%F)-$(hostname -s).md"
{
  echo "# Start-up: launch to first run_on_load action ($(date -u +%FT%TZ))"
  echo
  echo "Machine: $(nproc) cores, $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB;"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); $runs runs each, medians."
  echo
  echo "| config | ms to first action | ratio to .properties | RSS MiB |"
  echo "|---|---|---|---|"
  for lang in properties twc rb; do
    echo "| .$lang | ${ms[$lang]} | $(awk "BEGIN {printf \"%.2f\", ${ms[$lang]} / ${ms[properties]}}") | ${rss[$lang]} |"
  done
} > "$report"
cat "$report"
