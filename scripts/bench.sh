#!/usr/bin/env bash
# Runs every benchmark in bench/ and prints its figures (ratios against a same-run reference).
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH=.
for script in bench/*.py; do
  echo "== $script"
  .venv/bin/python "$script"
done
