#!/usr/bin/env bash
# This version's cold daily run beside an earlier version's, on one machine, their runs alternating. Machines of one kind
# differ in speed by as much as two to one, and one machine by a tenth from hour to hour (README, "Speed"): an aim set
# in seconds on one machine ("back to the 7.1 s of 2026-12-04") is judged on another as a ratio to the version it was
# measured on.
# Usage: bench/against.sh REV [RUNS]   (default 5; "this" is HEAD, so commit first; both are cloned afresh outside the
#                                       project, so neither reads the other's target/ or .mvn/)
# Prints the medians of the whole command (`mvn -B -o verify -Dgroups=daily`, report included) and the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bench/against.sh REV [RUNS]" >&2; exit 2; }
ref=$(git rev-parse --short "$1^{commit}") || { echo "bench: '$1' is not a commit of this repository" >&2; exit 2; }
this=$(git rev-parse --short HEAD)
runs=${2:-5}
export ALLURE_NO_ANALYTICS=true
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-against.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "bench: $this against $ref, $runs runs each, in $work" >&2

now_ms() { date +%s%3N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

for side in ref this; do
  git clone -q "$PWD" "$work/$side"
  git -C "$work/$side" checkout -q "${!side}"
  # built once, online (an older version may want what this machine's Maven repository lacks), and not timed
  (cd "$work/$side" && mvn -B verify -Dgroups=daily >"$work/$side-first.log" 2>&1) \
    || { echo "bench: the first daily run of $side (${!side}) failed: $work/$side-first.log" >&2; trap - EXIT; exit 1; }
done

timed() { # name, side, then mvn arguments: one cold run's whole command, which must be HEALTHY to compare
  local name=$1 side=$2; shift 2
  local start end
  start=$(now_ms)
  (cd "$work/$side" && mvn -B -o verify -Dgroups=daily "$@" >"$work/last.log" 2>&1) || true
  end=$(now_ms)
  grep -q '"verdict": "HEALTHY"' "$work/$side/reports/summary.json" \
    || { cp "$work/last.log" "$work/$name-failed.log"; echo "bench: a $name run was not HEALTHY: $work/$name-failed.log" >&2; trap - EXIT; exit 1; }
  echo $((end - start)) >> "$work/$name.ms"
}

for _ in $(seq 1 "$runs"); do
  timed reference ref
  timed this-journey-off this -Djourney.enabled=false
  timed this this
done

ref_ms=$(median < "$work/reference.ms")
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1)"
printf '%-44s %9s %9s\n' "cold mvn verify -Dgroups=daily, median of $runs" "ms" "/ $ref"
for name in reference this-journey-off this; do
  ms=$(median < "$work/$name.ms")
  case $name in
    reference) label="$ref (the reference)" ;;
    this-journey-off) label="$this, -Djourney.enabled=false" ;;
    this) label="$this" ;;
  esac
  printf '%-44s %9d %9s\n' "$label" "$ms" "$(awk -v a="$ms" -v b="$ref_ms" 'BEGIN { printf "%.2f", a / b }')"
done
