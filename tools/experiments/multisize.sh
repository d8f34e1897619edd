#!/usr/bin/env bash
# The multisize DM bundle (docs/findings-fashion-mnist.md §7): the shipped DM bundle's build (IPC 10,
# factor 2, 600 iterations, real batch 64, probes at 200 and 400, seed 0, one wasm thread) with each
# class's first 1, 2 and 5 stored images matched as well (--dm-prefixes 1,2,5), so the slider's small
# sizes are condensed sets of their own. Written under .cache/multisize (shipped only if it wins).
#
# Then its reference table (prefix, YOCO, k-means and random balanced at IPC_T 1, 2 and 5, and the
# full set; 3 seeds at the reference protocol, into its manifest), and the DM bundle's rows at IPC_T 5
# for comparison (printed; its shipped manifest is left as it is); then, with its teacher, the
# condensed order and YOCO on soft labels (§8).
#
# Resumable: every build stage and DM checkpoint is cached under .cache/build and every table cell
# under .cache/table, so running it again after a stop goes on where it stopped.
#   bash tools/experiments/multisize.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
b=.cache/multisize/fashion-mnist-dm-multisize
mkdir -p "$(dirname "$b")"
if [ ! -f "$b/manifest.json" ]; then
  npm run -s yoco -- build /usr/share/datasets/fashion-mnist --out "$b" \
    --id fashion-mnist-dm-multisize --title "Fashion-MNIST, IPC 10, factor 2 (multisize DM)" \
    --condense dm --ipc 10 --factor 2 --dm-iterations 600 --dm-real-batch 64 --dm-probe-at 200,400 \
    --dm-prefixes 1,2,5 --score-epochs 100 --top-k 10 --runs 3 --seed 0 --threads 1
fi
# The cells that answer the question first (each cell is cached, so the later, larger commands reuse
# them): the condensed order and YOCO on the multisize bundle, the DM bundle's YOCO at IPC_T 5 (its
# shipped table stops at 2), then the full set and the other baselines.
T=(--seeds 3 --epochs 200 --test-limit 2000 --threads 1)
npm run -s yoco -- table "$b" --ipc 1,2,5 --methods prefix,yoco "${T[@]}"
npm run -s yoco -- table public/datasets/fashion-mnist-dm-ipc10 --ipc 5 --methods yoco "${T[@]}"
npm run -s yoco -- table "$b" --ipc 1,2,5 --methods full,prefix,yoco,kmeans,random+balanced \
  "${T[@]}" --into-manifest
npm run -s yoco -- table public/datasets/fashion-mnist-dm-ipc10 --ipc 5 \
  --methods yoco,kmeans,random+balanced "${T[@]}"
# With soft labels (docs/findings-fashion-mnist.md §8): the shipped bundles' teacher (its epochs are
# cached after the first bundle), then the condensed order and YOCO on the teacher's labels.
npm run -s yoco -- teacher "$b" --train /usr/share/datasets/fashion-mnist --threads 1
npm run -s yoco -- table "$b" --ipc 1,2 --methods prefix,yoco "${T[@]}" --labels teacher
