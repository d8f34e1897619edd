#!/usr/bin/env bash
# Packs what the GPU machine lacks for the WebGPU benchmark (docs/performance.md) into
# .cache/gpu/carry.tar.xz (under the device's 64 MiB carry limit): this machine's Node binary,
# the CLI bundled into one file (esbuild, from node_modules), Dawn for Node (fetch-dawn.sh) and
# Chromium's Vulkan loader (used only where the GPU machine has none). Then, on the device:
#   run(command="bash tools/gpu/device-bench.sh", carry=[".cache/gpu/carry.tar.xz"])
# Usage: bash tools/gpu/pack.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/gpu/fetch-dawn.sh
work=.cache/gpu/carry
rm -rf "$work" && mkdir -p "$work/vulkan"
node_modules/.bin/esbuild tools/yoco.ts --bundle --platform=node --format=esm --target=node20 \
  --outfile="$work/yoco.mjs" --log-level=warning \
  --banner:js="import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"
cp "$(command -v node)" "$work/node"
cp -r .cache/dawn/webgpu "$work/webgpu"
cp tools/bench/torch-step.py "$work/" # the bundle looks for it beside itself
cp /usr/lib/chromium/libvulkan.so.1 "$work/vulkan/"
tar -C .cache/gpu -cf - carry | xz -T2 -6 > .cache/gpu/carry.tar.xz
bytes=$(stat -c %s .cache/gpu/carry.tar.xz)
echo "packed .cache/gpu/carry.tar.xz: $((bytes / 1048576)) MiB (node $(node --version), Dawn, CLI bundle)"
[ "$bytes" -lt $((60 * 1048576)) ] || { echo "too large for the device's 64 MiB carry" >&2; exit 1; }
