#!/usr/bin/env bash
# The warm runner against a cold Maven run, in one run on one machine: a smoke cycle and a daily cycle (journey off) of
# a runner that stays up, beside `mvn verify -Dgroups=smoke` and `mvn verify -Dgroups=daily` started afresh each time.
# Usage: bench/runner.sh [RUNS]   (default 5; after `mvn -B package -DskipTests`, so the jar and the Maven repository are warm)
# Prints the medians and the ratios (format: docs/operations.md "Speed and the benchmark").
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
out=target/bench-runner
rm -rf "$out" && mkdir -p "$out"
export ALLURE_NO_ANALYTICS=true
[ -s target/synthetic-monitor-runner.jar ] || { echo "bench: build the runner first: mvn -B package -DskipTests" >&2; exit 1; }

now_ms() { date +%s%3N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# Where a cold run's time goes, from Maven's timestamped log and the run's summary.json: Maven's own start and plugins,
# the checks' JVM until its first class runs, the sandbox's start, the checks, the outputs and the JVM's exit, the report.
phases() { # log, start (epoch ms), end (epoch ms)
  local log=$1 start=$2 end=$3
  local day; day=$(date -d "@$((start / 1000))" +%F)
  at() { local t; t=$(grep -m1 -E "$1" "$log" | cut -c1-12); [ -n "$t" ] && echo $(( $(date -d "$day $t" +%s%3N) )) || echo 0; }
  last() { local t; t=$(grep -E "$1" "$log" | tail -1 | cut -c1-12); [ -n "$t" ] && echo $(( $(date -d "$day $t" +%s%3N) )) || echo 0; }
  local fork first lastclass report done
  fork=$(at 'maven-failsafe-plugin:[0-9.]*:integration-test'); first=$(at '\] Running com\.')
  lastclass=$(last 'Tests run: .* -- in com\.'); report=$(at 'run \(generate-report\)'); done=$(at 'maven-failsafe-plugin:[0-9.]*:verify')
  echo "maven-start-and-plugins $((fork - start))"
  echo "checks-jvm-until-first-class $((first - fork))"
  echo "sandbox-start $(grep -o '"sandboxStartMs": [0-9]*' reports/summary.json | grep -o '[0-9]*$')"
  echo "first-class-until-last-check $((lastclass - first))"
  echo "outputs-and-jvm-exit $((report - lastclass))"
  echo "report $((done - report))"
  echo "maven-exit $((end - done))"
}

cold() { # name, then mvn arguments: the whole command, Maven, its JVMs and the report included
  local name=$1; shift
  for i in $(seq 1 "$runs"); do
    local start; start=$(now_ms)
    mvn -B -o verify "$@" -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
      >"$out/$name-$i.log" 2>&1 || true
    local end; end=$(now_ms)
    echo $(( end - start )) >> "$out/$name.ms"
    phases "$out/$name-$i.log" "$start" "$end" >> "$out/$name.phases"
  done
  grep -q '"verdict": "HEALTHY"' reports/summary.json || { echo "bench: the cold $name run was not HEALTHY" >&2; exit 1; }
  median < "$out/$name.ms"
}

warm() { # cadence, interval, then -D settings: each cycle's time after the first two (the JVM and the browser warm)
  local groups=$1 every=$2; shift 2
  java -Dmonitor.report.dir="$out/reports-$groups" "$@" -jar target/synthetic-monitor-runner.jar --groups "$groups" \
    --every "$every" --cycles $((runs + 2)) --metrics-port 0 --metrics-address 127.0.0.1 >"$out/warm-$groups.log" 2>&1
  grep -o "^\[runner\] $groups cycle [0-9]*: [A-Z]* in [0-9.]* s" "$out/warm-$groups.log" | tail -n "$runs" \
    | awk '{ printf "%d\n", $(NF - 1) * 1000 }' | median
  [ "$(grep -c "^\[runner\] $groups cycle [0-9]*: HEALTHY" "$out/warm-$groups.log")" = $((runs + 2)) ] \
    || { echo "bench: a warm $groups cycle was not HEALTHY ($out/warm-$groups.log)" >&2; exit 1; }
}

smoke_cold=$(cold smoke-cold -Dgroups=smoke)
daily_cold=$(cold daily-cold -Dgroups=daily -Djourney.enabled=false)
smoke_warm=$(warm smoke 3s)
daily_warm=$(warm daily 8s -Djourney.enabled=false)

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1)"
printf '%-34s %8s\n' "median of $runs (ms)" value
printf '%-34s %8d\n' "cold mvn verify -Dgroups=smoke" "$smoke_cold" "cold mvn verify -Dgroups=daily" "$daily_cold" \
  "warm smoke cycle" "$smoke_warm" "warm daily cycle (journey off)" "$daily_warm"
echo "phases of the cold daily run, median of $runs (ms; the sandbox's start is within 'first class until last check'):"
for phase in maven-start-and-plugins checks-jvm-until-first-class sandbox-start first-class-until-last-check \
  outputs-and-jvm-exit report maven-exit; do
  printf '  %-32s %6d\n' "$phase" "$(grep "^$phase " "$out/daily-cold.phases" | awk '{ print $2 }' | median)"
done
awk -v sc="$smoke_cold" -v dc="$daily_cold" -v sw="$smoke_warm" -v dw="$daily_warm" 'BEGIN {
  printf "ratio cold smoke / warm smoke: %.1f\nratio cold daily / warm daily: %.1f\n", sc / sw, dc / dw }'
