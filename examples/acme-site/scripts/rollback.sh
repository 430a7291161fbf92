#!/usr/bin/env bash
# Points $DEPLOY_ROOT/current back at the release it showed before release.sh ran.
set -euo pipefail
if [ -f "$DEPLOY_ROOT/previous" ]; then
  ln -sfn "$(cat "$DEPLOY_ROOT/previous")" "$DEPLOY_ROOT/current"
  echo "current -> $(cat "$DEPLOY_ROOT/previous") (restored)"
else
  rm -f "$DEPLOY_ROOT/current"
  echo "no previous release: current removed"
fi
