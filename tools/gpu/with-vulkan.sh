#!/usr/bin/env bash
# Runs a command where Dawn (tools/lib/dawn-node.ts) finds a Vulkan loader: the system's when it
# has one (a GPU machine), else Chromium's, with Chromium's SwiftShader as the only adapter (this
# 2-core machine: the WebGPU path runs end to end, slowly, on the CPU).
# Usage: bash tools/gpu/with-vulkan.sh npm run yoco -- bench --backends webgpu
set -euo pipefail
if ! ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1'; then
  dir=${YOCO_VULKAN_DIR:-/usr/lib/chromium}
  [ -f "$dir/libvulkan.so.1" ] || { echo "no libvulkan.so.1 on the system or in $dir" >&2; exit 1; }
  export LD_LIBRARY_PATH="$dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  [ -f "$dir/vk_swiftshader_icd.json" ] && export VK_ICD_FILENAMES="$dir/vk_swiftshader_icd.json"
fi
exec "$@"
