#!/usr/bin/env bash
# Fetches Dawn for Node (the `webgpu` npm package, prebuilt dawn.node for linux-x64) into
# .cache/dawn/webgpu/, checked against the registry's SHA-1, so that `yoco bench --backends webgpu`
# can run tfjs-backend-webgpu in Node on a real adapter (docs/performance.md). Not a dependency: the package
# is 51 MB and only benchmarks use it. Usage: bash tools/gpu/fetch-dawn.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=0.6.2
SHA1=906627c2827af2b108763aa98043f762402655a0
OUT=.cache/dawn
mkdir -p "$OUT"
if [ ! -f "$OUT/webgpu/index.js" ]; then
  tgz="$OUT/webgpu-$VERSION.tgz"
  [ -f "$tgz" ] || (cd "$OUT" && npm pack "webgpu@$VERSION" --silent >/dev/null)
  echo "$SHA1  $tgz" | sha1sum -c --quiet
  rm -rf "$OUT/package" "$OUT/webgpu"
  tar -xzf "$tgz" -C "$OUT" package/index.js package/package.json package/LICENSE.md \
    package/dist/linux-x64
  mv "$OUT/package" "$OUT/webgpu"
fi
echo "Dawn for Node $VERSION in $OUT/webgpu"
