#!/usr/bin/env bash
# Benchmark of the suite against its sandbox, with the runbook's own quick health script as baseline.
# Usage: bench/run.sh [RUNS]   (default 5; run `mvn verify` once before, so the local Maven repository is warm)
# Prints one line per scenario and metric: median, min and max over RUNS runs (format: docs/operations.md "Speed and the benchmark").
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
out=target/bench
rm -rf "$out" && mkdir -p "$out"
export ALLURE_NO_ANALYTICS=true

runbook=${RUNBOOK:-../shared/runbook/PRODUCTION_RUNBOOK.md}
[ -f "$runbook" ] || echo "bench: the runbook is not at $runbook (set RUNBOOK=path): the runbook-script baseline is left out" >&2
# the build puts every jar of the test class path in target/runner-lib (the warm runner's); the project loads no
# maven-dependency-plugin, whose default version Maven would have to fetch
mvn -B -o -q package -DskipTests >/dev/null
cp="target/classes:target/test-classes:target/runner-lib/*"
allure_home=$(ls -d target/allure/allure-* | head -1)

now_ms() { date +%s%3N; }
json_number() { grep -o "\"$1\": [0-9]*" "$2" | head -1 | grep -o '[0-9]*$'; }
record() { echo "$1|$2|$3" >> "$out/samples.txt"; }   # scenario|metric|value

run_suite() { # scenario, then mvn arguments
  local scenario=$1; shift
  for i in $(seq 1 "$runs"); do
    local start end
    start=$(now_ms)
    mvn -B -o verify "$@" >"$out/$scenario-$i.log" 2>&1 || true
    end=$(now_ms)
    record "$scenario" "whole command (ms)" $((end - start))
    record "$scenario" "sandbox start-up (ms)" "$(json_number sandboxStartMs reports/summary.json)"
    record "$scenario" "check phase (ms)" "$(json_number checkPhaseMs reports/summary.json)"
    record "$scenario" "Management API calls" "$(json_number managementApi reports/summary.json)"
    record "$scenario" "HTTP calls" "$(json_number total reports/summary.json)"
    start=$(now_ms)
    # as the build makes them: both generations side by side in one JVM of the command line
    APP_HOME="$allure_home" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
      -cp "$allure_home/lib/*:$allure_home/lib/config:target/classes" com.aiqueryhub.monitor.report.AllureReports "$allure_home" \
      -- generate --clean -o "$out/report" target/allure-results \
      -- generate --clean --single-file -o "$out/report-single" target/allure-results >/dev/null 2>&1
    end=$(now_ms)
    record "$scenario" "report generation (ms)" $((end - start))
  done
  cp reports/summary.json "$out/$scenario-summary.json"
  # a healthy scenario's figures count only from green runs
  case $scenario in *-hang-*) ;; *) grep -q '"verdict": "HEALTHY"' reports/summary.json \
    || { echo "bench: the $scenario run was not HEALTHY ($out/$scenario-$runs.log)" >&2; exit 1; } ;; esac
}

echo "benchmark: $runs runs per scenario" >&2
run_suite daily-healthy -Dgroups=daily
run_suite daily-hang-all -Dgroups=daily -Dsandbox.faults=hang-all
run_suite full-run "-Dgroups=daily | weekly | monthly | emergency | smoke"

# Baseline: the runbook's Quick Health Script, read from the runbook itself and unchanged but for the
# addresses, against the same sandbox (curl trusts the sandbox's CA through CURL_CA_BUNDLE).
if [ -f "$runbook" ]; then
  coproc SANDBOX { java -cp "$cp" com.aiqueryhub.monitor.sandbox.SandboxMain; }
  declare -A sandbox
  while read -r line <&"${SANDBOX[0]}"; do
    [ "$line" = ready ] && break
    sandbox[${line%%=*}]=${line#*=}
  done
  record "runbook-script" "sandbox start-up (ms)" "${sandbox[sandbox.start-ms]}"
  script="$out/production-health.sh"
  sed -n '/^### Quick Health Script/,/^### Database Performance Check/p' "$runbook" \
    | sed -n '/^#!\/bin\/bash/,/^echo "=== End Health Check ==="/p' \
    | sed "s#https://aiqueryhub.com#${sandbox[frontend.url]}#g; s#https://fskwutnoxbbflzqrphro.supabase.co#${sandbox[supabase.url]}#g" > "$script"
  for i in $(seq 1 "$runs"); do
    start=$(now_ms)
    CURL_CA_BUNDLE="${sandbox[tls.truststore]}" bash "$script" > "$out/runbook-script-$i.log" 2>&1
    end=$(now_ms)
    record "runbook-script" "whole command (ms)" $((end - start))
  done
  exec {SANDBOX[1]}>&-
  wait "$SANDBOX_PID" 2>/dev/null || true
fi

printf '%-16s %-24s %5s %9s %9s %9s\n' scenario metric runs median min max
cut -d'|' -f1,2 "$out/samples.txt" | awk '!seen[$0]++' | while IFS='|' read -r scenario metric; do
  values=$(awk -F'|' -v s="$scenario" -v m="$metric" '$1 == s && $2 == m && $3 != "" { print $3 }' "$out/samples.txt" | sort -n)
  n=$(echo "$values" | grep -c .) || true
  [ "$n" -gt 0 ] || continue
  median=$(echo "$values" | awk -v n="$n" '{ v[NR] = $1 } END { print (n % 2) ? v[(n + 1) / 2] : int((v[n / 2] + v[n / 2 + 1]) / 2) }')
  printf '%-16s %-24s %5d %9d %9d %9d\n' "$scenario" "$metric" "$n" "$median" "$(echo "$values" | head -1)" "$(echo "$values" | tail -1)"
done
echo
echo "calls per endpoint (daily-healthy, last run):"
awk '/"byEndpoint"/ { on = 1; next } on && /^ *"[A-Z]+ \// { gsub(/[":{]/, ""); sub(/^ */, ""); endpoint = $0 }
  on && /"calls":/ { gsub(/[^0-9]/, ""); printf "  %4d  %s\n", $0, endpoint } on && /^    }/ { on = 0 }' \
  "$out/daily-healthy-summary.json"
