#!/usr/bin/env bash
# Copies the build into $DEPLOY_ROOT/releases/<version> and points $DEPLOY_ROOT/current at it.
# The previous target of current is kept in $DEPLOY_ROOT/previous for rollback.sh.
set -euo pipefail
mkdir -p "$DEPLOY_ROOT/releases"
rm -rf "$DEPLOY_ROOT/releases/$DEPLOY_VERSION"
cp -R "build/$DEPLOY_VERSION" "$DEPLOY_ROOT/releases/$DEPLOY_VERSION"
if [ -L "$DEPLOY_ROOT/current" ]; then
  readlink "$DEPLOY_ROOT/current" > "$DEPLOY_ROOT/previous"
else
  rm -f "$DEPLOY_ROOT/previous"
fi
ln -sfn "releases/$DEPLOY_VERSION" "$DEPLOY_ROOT/current"
echo "current -> releases/$DEPLOY_VERSION"
