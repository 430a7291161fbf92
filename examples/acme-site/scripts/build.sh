#!/usr/bin/env bash
# Assembles build/<version>/ from site/. DEMO_BREAK=1 builds a broken status page (for the demo).
set -euo pipefail
out="build/${DEPLOY_VERSION}"
rm -rf "$out"
mkdir -p "$out"
cp -R site/. "$out/"
echo "$DEPLOY_VERSION" > "$out/version.txt"
if [ "${DEMO_BREAK:-}" = "1" ]; then
  echo '<p>Maintenance: something is wrong.</p>' > "$out/status.html"
fi
echo "built $out ($(ls "$out" | wc -l | tr -d ' ') files)"
