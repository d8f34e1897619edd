#!/usr/bin/env bash
# Soft labels from a teacher (docs/findings-fashion-mnist.md §7): one teacher (ConvNet-D3 width 128,
# 5 epochs on the 60,000 real training images, seed 0) added to both shipped bundles (both are
# Fashion-MNIST with the same normalisation, so it is trained once: its epochs are cached), then
# each bundle's teacher-label table at the reference protocol (3 seeds, 200 epochs, 2,000 stratified
# test images, one wasm thread) into its manifest's `teacherTable`, with the control row real+random
# (IPC_T random real training images per class, labelled by the same teacher).
#
# The cells that answer the main questions run first (each cell is cached under .cache/table, so
# the final, complete command reuses them): YOCO and random balanced at IPC_T 1, then at 2.
# Resumable: run it again after a stop.
#   bash tools/experiments/teacher-tables.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
data=/usr/share/datasets/fashion-mnist
dm=public/datasets/fashion-mnist-dm-ipc10
rded=public/datasets/fashion-mnist-ipc10
for b in "$dm" "$rded"; do
  npm run -s yoco -- teacher "$b" --train "$data" --threads 1
done
T=(--seeds 3 --epochs 200 --test-limit 2000 --threads 1 --labels teacher)
for b in "$dm" "$rded"; do
  npm run -s yoco -- table "$b" --ipc 1 --methods yoco,random+balanced "${T[@]}" --real "$data"
done
for b in "$dm" "$rded"; do
  npm run -s yoco -- table "$b" --ipc 1,2 \
    --methods full,yoco,random,random+balanced,kmeans,lbpe+hard+balanced "${T[@]}" --real "$data" \
    --into-manifest
done
