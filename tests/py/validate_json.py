"""Validate a JSON document against a JSON Schema (draft 7 or later), with
format checking. Usage: validate_json.py SCHEMA DOCUMENT. Prints each error
and exits 1 when the document is invalid."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
doc = json.load(open(sys.argv[2], encoding="utf-8"))
cls = jsonschema.validators.validator_for(schema)
errors = list(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(doc))
for e in errors[:20]:
    print("/".join(str(p) for p in e.absolute_path), ":", e.message[:300])
sys.exit(1 if errors else 0)
