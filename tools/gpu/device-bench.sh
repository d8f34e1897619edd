#!/usr/bin/env bash
# On the GPU machine (no Node, no browser): unpacks tools/gpu/pack.sh's carry and measures, in one
# run, ConvNet-D3 training steps on tfjs-backend-webgpu (Node + Dawn over Vulkan) beside the same
# step in PyTorch CUDA, then the WebGPU kernel profile. Figures go to stdout and, as JSON, to
# $OUT/webgpu-bench.jsonl when $OUT is set. Runs here too, on SwiftShader, with small settings:
#   WIDTH=8 BATCH=8 STEPS=1 bash tools/gpu/device-bench.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
tar -xJf .cache/gpu/carry.tar.xz -C "$tmp"
c="$tmp/carry"
command -v nvidia-smi >/dev/null && nvidia-smi -L || echo "no nvidia-smi: no NVIDIA GPU here"
export YOCO_DAWN="$c/webgpu" YOCO_VULKAN_DIR="$c/vulkan"
for py in python3 /usr/bin/python3; do # the first Python with PyTorch (CUDA on the GPU machine)
  if "$py" -c 'import torch' 2>/dev/null; then
    export YOCO_PYTHON="$(command -v "$py")"
    break
  fi
done
[ -f /usr/lib/chromium/vk_swiftshader_icd.json ] && ! ldconfig -p | grep -q libvulkan.so.1 &&
  export YOCO_VULKAN_DIR=/usr/lib/chromium # this machine: SwiftShader
flags=(--width "${WIDTH:-128}" --batch "${BATCH:-64}" --steps "${STEPS:-10}" --repeats "${REPEATS:-3}")
out="${OUT:-$tmp}/webgpu-bench.jsonl"
bash tools/gpu/with-vulkan.sh "$c/node" "$c/yoco.mjs" bench --backends webgpu --torch --json \
  "${flags[@]}" | tee "$out"
bash tools/gpu/with-vulkan.sh "$c/node" "$c/yoco.mjs" bench --backends webgpu --profile \
  "${flags[@]}" | tee -a "${OUT:-$tmp}/webgpu-profile.txt"
rm -rf "$tmp"
