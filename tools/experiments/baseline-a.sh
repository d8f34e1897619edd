#!/usr/bin/env bash
# Baseline A (docs/findings-fashion-mnist.md): DM condensed *directly* at IPC 1, 2 and 5 with the
# shipped DM bundle's settings otherwise (factor 2, 600 iterations, real batch 64, seed 0, one wasm
# thread), then each set's full-set accuracy over 3 seeds at the DM reference protocol (200 epochs,
# stratified 2,000 test images). The ceiling a one-bundle resizer is measured against at each size.
#
# Resumable: every build stage and DM checkpoint is cached under .cache/build, every table cell
# under .cache/table, so running it again after a stop goes on where it stopped. The bundles are
# written under .cache/baseline-a (not shipped); their manifests keep the table (--into-manifest).
#   bash tools/experiments/baseline-a.sh [ipc ...]     # default: 1 2 5
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.cache/baseline-a
mkdir -p "$out"
for ipc in "${@:-1 2 5}"; do
  for i in $ipc; do
    b="$out/fashion-mnist-dm-ipc$i"
    if [ ! -f "$b/manifest.json" ]; then
      npm run -s yoco -- build /usr/share/datasets/fashion-mnist --out "$b" \
        --id "fashion-mnist-dm-ipc$i" --title "Fashion-MNIST, IPC $i, factor 2 (DM, Baseline A)" \
        --condense dm --ipc "$i" --factor 2 --dm-iterations 600 --dm-real-batch 64 \
        --score-epochs 100 --top-k 10 --runs 3 --seed 0 --threads 1
    fi
    npm run -s yoco -- table "$b" --ipc "$i" --methods full --seeds 3 --epochs 200 \
      --test-limit 2000 --threads 1 --into-manifest
  done
done
