#!/usr/bin/env bash
# Seed corpora for the fuzz targets from the repository's own inputs: the
# example lists, the test fixtures, the standard's YAML, the templates and
# an exchange record written here. Run from the repository root.
set -euo pipefail
seed() { # target file...
  local out=fuzz/corpus/$1
  shift
  mkdir -p "$out"
  for f in "$@"; do
    [ -f "$f" ] && cp "$f" "$out/$(sha1sum "$f" | cut -c1-16)"
  done
  return 0
}
shopt -s nullglob
seed read_catalogue docs/examples/* tests/data/* standards/national/*.yaml
seed read_spreadsheet docs/examples/*.xlsx tests/data/*.xls tests/data/*.xlsx tests/data/*.ods tests/data/fuzz/*
seed read_csv docs/examples/*.csv tests/data/*.csv
seed read_yaml standards/national/basic-catalogue.sample.yaml tests/data/*.yaml
seed standard_files standards/national/rules.yaml standards/national/elements.yaml
seed guide_templates templates/guide-*.j2
tmp=$(mktemp -d)
cat > "$tmp/exchange.json" <<'JSON'
[{"AUDIT_ITEM":{"task_code":"11450721MB155808114000111001000","task_name":"食品经营许可","catalog_code":"000111001000","task_type":"01","task_version":"2","dept_name":"浦北县市场监督管理局","dept_code":"11450721MB1558081A","promise_day":"15","anticipate_day":"20","is_charge":"0"},
  "AUDIT_MATERIAL":[{"material_name":"食品经营许可申请书","is_need":"1","page_num":"1"},{"material_name":"营业执照复印件","is_need":"2"}],
  "AUDIT_CHARGE":[],"AUDIT_ACCORD":[{"accord_name":"《中华人民共和国食品安全法》","accord_content":"第三十五条"}]}]
JSON
seed read_exchange "$tmp/exchange.json"
rm -rf "$tmp"
# what the all-formats target has grown is a seed for each reader
for t in read_spreadsheet read_csv read_yaml read_exchange; do
  seed $t fuzz/corpus/read_catalogue/*
done
