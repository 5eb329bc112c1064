# Shared by the bench/results scripts (sourced, not run). Each script trains one recipe with the plain CLI
# command plus data paths and a --time budget, then appends its figures, the exact command, the wall time and
# the published numbers to docs/RESULTS.md.
#
# Common usage: SCRIPT [DATA_DIR] [--time DURATION] [--threads N] [--results FILE] [--out DIR]
#   DATA_DIR   folder holding <dataset>/ (default: ../shared/data relative to the repository root)
#   --time     wall-clock training budget passed to the CLI (default: the script's)
#   --threads  CPU threads (default: all cores)
#   --results  Markdown file to append to (default docs/RESULTS.md; smoke runs pass another file)
#   --out      run directory (default .bench-out/results/<name>)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"

data_dir="$repo/../shared/data"
budget="$default_time"
threads="$(nproc 2>/dev/null || echo 2)"
results="$repo/docs/RESULTS.md"
out="$repo/.bench-out/results/$name"
while (( $# > 0 )); do
  case "$1" in
    --time) budget="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed 's/^# \{0,1\}//; /^set -e/d'; exit 0 ;;
    -*) echo "$name: unknown option $1" >&2; exit 2 ;;
    *) data_dir="$1"; shift ;;
  esac
done
data_dir="$(cd "$data_dir" && pwd)"
command -v jq >/dev/null || { echo "$name: needs jq" >&2; exit 1; }

# Runs ./seqlearn with the given arguments (plus --json, threads and the run directory), keeping its JSON
# result in $json and the wall time in $wall_s. The command shown in RESULTS.md is the plain one.
run_cli() {
  shown="./seqlearn $* --time $budget"
  rm -rf "$out"
  mkdir -p "$(dirname "$out")"
  echo "$name: $shown --threads $threads --out $out" >&2
  local start end
  start=$(date +%s)
  json=$(./seqlearn "$@" --time "$budget" --threads "$threads" --out "$out" --json --quiet)
  end=$(date +%s)
  wall_s=$(( end - start ))
}

# A figure from the JSON result, e.g. field '.test.perplexity'.
field() { jq -r "$1" <<<"$json"; }

fmt() { printf "%.${2:-4}f" "$1"; }

human_time() { printf '%dh %02dm %02ds' $(( $1 / 3600 )) $(( $1 % 3600 / 60 )) $(( $1 % 60 )); }

# Appends a section to $results: title, a Markdown table (metric | seqlearn | published), command, machine.
append_result() {
  local title="$1" table="$2" notes="${3:-}"
  local cpu
  cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)
  [[ -f "$results" ]] || printf '# Results on real data\n\n' > "$results"
  {
    printf '\n## %s — %s\n\n' "$title" "$(date -u +%Y-%m-%d)"
    printf '| metric | seqlearn | published |\n|---|---|---|\n%s\n\n' "$table"
    printf 'Command (script `bench/results/%s`, commit `%s`):\n\n```bash\n%s\n```\n\n' \
      "$name" "$(git rev-parse --short HEAD 2>/dev/null || echo '?')" "$shown"
    printf 'Wall time %s (training budget %s) on %s, threads %s; %s epoch(s), best epoch %s, stopped by %s.\n' \
      "$(human_time "$wall_s")" "$budget" "$cpu" "$threads" "$(field .epochs)" "$(field .best_epoch)" "$(field .stopped_by)"
    [[ -n "$notes" ]] && printf '\n%s\n' "$notes"
  } >> "$results"
  echo "$name: appended to $results" >&2
}
