#!/usr/bin/env bash
# santong side by side with the tools users would pick instead, on the same
# generated data, in one run:
#
#   scripts/bench-peers.sh [ITEMS] [RUNS]      (default 100000 items, 3 runs)
#
# - check of a CSV (one row per item) and of an xlsx (items and materials
#   sheets) against the floors: a bare csv-crate read of every record and a
#   bare calamine read of every cell of every sheet (examples/floor_csv.rs,
#   examples/floor_xlsx.rs); and of a CSV with each item's materials
#   beneath it;
# - check of the one-row-per-item CSV against `frictionless validate` with
#   the Table Schema santong exports (`santong schema table-schema`, fields
#   matched by name), so both check the same per-field constraints;
# - diff of two regions against `daff --id 基本编码` (one row per item);
# - check of 8 files on 1 core (taskset) and on all cores.
#
# Installs frictionless (PyPI, in a venv) and daff (npm) below BENCH_DIR
# (default: a new temporary directory; set it to keep data and tools between
# runs). Prints a Markdown table of medians and peak memory, then the ratios
# the targets in docs/performance.md are stated in.
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-100000}
RUNS=${2:-3}
W=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$W"
echo "data and tools in $W" >&2

if [ ! -x "$W/venv/bin/frictionless" ]; then
  python3 -m venv "$W/venv"
  "$W/venv/bin/pip" install -q frictionless
fi
if [ ! -x "$W/npm/node_modules/.bin/daff" ]; then
  npm install -s --prefix "$W/npm" daff >/dev/null
fi
cargo build -q --release --bin santong --example lists --example floor_csv --example floor_xlsx
S=target/release/santong
E=target/release/examples

D="$W/data-$ITEMS"
if [ ! -d "$D" ]; then
  $E/lists --items "$ITEMS" --regions 2 --format csv,xlsx --out "$D/two" >/dev/null
  $E/lists --items "$ITEMS" --regions 2 --format csv --no-materials --out "$D/flat" >/dev/null
  $E/lists --items $((ITEMS / 8)) --regions 8 --format csv --out "$D/eight" >/dev/null
fi
$S schema table-schema > "$W/table-schema.json"
csv=$(ls "$D"/two/*.csv | head -1)
xlsx=$(ls "$D"/two/*.xlsx | head -1)
flat=($(ls "$D"/flat/*.csv))

declare -A TIME PEAK
# measure KEY LABEL COMMAND...: the median wall time and the largest peak
# resident set of RUNS runs (exit codes other than 0 and 1 stop the script)
measure() {
  local key=$1 label=$2
  shift 2
  local times=() peak=0
  for _ in $(seq "$RUNS"); do
    set +e
    /usr/bin/time -f "%e %M" -o "$W/time" "$@" >/dev/null 2>"$W/stderr"
    local rc=$?
    set -e
    if [ $rc -gt 1 ]; then
      echo "$label failed ($rc): $(head -c 400 "$W/stderr")" >&2
      exit 1
    fi
    read -r t m < <(tail -n 1 "$W/time")
    times+=("$t")
    [ "$m" -gt "$peak" ] && peak=$m
  done
  TIME[$key]=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  PEAK[$key]=$((peak / 1024))
  printf '| %s | %s s | %s MiB |\n' "$label" "${TIME[$key]}" "${PEAK[$key]}"
}

rows=$($E/floor_csv "${flat[0]}" | cut -d' ' -f1)
echo
echo "$ITEMS items per region ($rows CSV records), median of $RUNS runs, $(nproc) cores, $(date -u +%F), $(git rev-parse --short HEAD)"
echo
echo "| run | time | peak RSS |"
echo "|---|---:|---:|"
measure floor_csv "bare csv read (floor)" $E/floor_csv "${flat[0]}"
measure check_csv "santong check, CSV" $S check --format json --output /dev/null "${flat[0]}"
measure frictionless "frictionless validate, CSV" "$W/venv/bin/frictionless" validate --schema "$W/table-schema.json" --trusted --schema-sync --limit-errors 1000000000 --json "${flat[0]}"
measure check_mat "santong check, CSV with materials beneath" $S check --format json --output /dev/null "$csv"
measure floor_xlsx "bare calamine read (floor)" $E/floor_xlsx "$xlsx"
measure check_xlsx "santong check, xlsx" $S check --format json --output /dev/null "$xlsx"
measure diff "santong diff, two regions" $S diff --format json --output /dev/null "${flat[0]}" "${flat[1]}"
measure daff "daff --id 基本编码, two regions" "$W/npm/node_modules/.bin/daff" --id 基本编码 --output "$W/daff.csv" "${flat[0]}" "${flat[1]}"
measure eight_one "santong check, 8 files, 1 core" taskset -c 0 $S check --format json --output /dev/null "$D"/eight
measure eight_all "santong check, 8 files, all cores" $S check --format json --output /dev/null "$D"/eight

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }'; }
echo
echo "| target | measured |"
echo "|---|---:|"
echo "| check CSV ÷ bare csv read (≤ 3×) | $(ratio "${TIME[check_csv]}" "${TIME[floor_csv]}")× |"
echo "| frictionless ÷ check CSV (≥ 15×) | $(ratio "${TIME[frictionless]}" "${TIME[check_csv]}")× |"
echo "| check xlsx ÷ bare calamine read (≤ 1.0×) | $(ratio "${TIME[check_xlsx]}" "${TIME[floor_xlsx]}")× |"
echo "| 8 files: 1 core ÷ all cores (≥ 1.7×) | $(ratio "${TIME[eight_one]}" "${TIME[eight_all]}")× |"
echo "| daff ÷ diff (≥ 5×) | $(ratio "${TIME[daff]}" "${TIME[diff]}")× |"
echo "| diff peak ÷ daff peak (≤ 0.2) | $(ratio "${PEAK[diff]}" "${PEAK[daff]}") |"
