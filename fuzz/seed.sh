#!/usr/bin/env bash
# Seed corpus for the fuzz targets from the repository's own inputs:
# the example lists, the legacy workbook fixture, the standard's YAML and
# the sample basic catalogue. Run from the repository root.
set -euo pipefail
out=fuzz/corpus/read_catalogue
mkdir -p "$out"
for f in docs/examples/* tests/data/* standards/national/*.yaml; do
  cp "$f" "$out/$(sha1sum "$f" | cut -c1-16)"
done
