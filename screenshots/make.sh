#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Makes the screenshots from real runs of steepest --snapshot: a text capture of each screen,
# and, where aha and chromium are installed, a PNG of the same frame in colour
# (--color=always -> HTML with ansi2html.py, one fixed-width box per cell -> PNG with
# headless Chromium).
# Usage: screenshots/make.sh [PATH-TO-STEEPEST]   (default: build/steepest)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-"$here/../build/steepest"}
export LC_ALL=C.UTF-8 TERM=xterm-256color
cd "$here/.."

# name | options for steepest --snapshot
shots=(
  "default-valley|--size 100x30 --keys '   '"
  "valley-zigzag|--surface valley --eta 0.095 --size 100x30 --keys '        '"
  "probe-bowl|--surface bowl --size 100x30 --keys 't<Right><Right><Right><Right><Right><Right><Right><Right><Right>'"
  "valley-diverged|--surface valley --eta 0.11 --size 100x30 --keys '                                   '"
  "neuron-plateau|--surface neuron --size 100x30 --keys 'pp                                                                                            '"
  "himmelblau-ascii|--surface himmelblau --size 100x30 --ascii --keys '     '"
  "demo-which-minimum|--play demos/which-minimum.demo --size 100x30"
  "projector-rosenbrock|--surface rosenbrock --theme projector --size 100x30 --keys '          '"
  "light-logistic|--surface logistic --theme light --size 100x30 --keys '     m'"
  "help|--size 100x30 --keys '?'"
  "fit-challenger-sgd|--data challenger --standardize --batch 4 --size 100x30 --keys '            '"
  "race-rosenbrock|--surface rosenbrock --optimizer gd,momentum,adam,gsl-bfgs2 --size 100x30 --keys '                              '"
)

have_png=1
command -v python3 >/dev/null 2>&1 || have_png=0
command -v chromium >/dev/null 2>&1 || have_png=0
[ "$have_png" = 1 ] || echo "make.sh: python3 or chromium missing: text captures only"

for entry in "${shots[@]}"; do
  name=${entry%%|*}
  opts=${entry#*|}
  eval "\"$bin\" --snapshot $opts" > "$here/$name.txt"
  if [ "$have_png" = 1 ]; then
    cols=$(echo "$opts" | sed -n 's/.*--size \([0-9]*\)x\([0-9]*\).*/\1/p')
    rows=$(echo "$opts" | sed -n 's/.*--size \([0-9]*\)x\([0-9]*\).*/\2/p')
    html=$(mktemp --suffix=.html)
    bg=black
    case "$opts" in *"--theme light"*) bg=white ;; esac
    eval "\"$bin\" --snapshot --color=always $opts" | python3 "$here/ansi2html.py" "$bg" > "$html"
    width=$(( cols * 10 + 20 ))
    height=$(( rows * 20 + 20 ))
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$(mktemp -d)" --hide-scrollbars \
      --window-size="$width,$height" --screenshot="$here/$name.png" "file://$html" \
      >/dev/null 2>&1
    rm -f "$html"
  fi
  echo "screenshots/$name"
done
