//! JSON Schemas for editors and other tools: YAML catalogue items (built
//! from the standard, so a provincial standard's elements appear), the
//! standard's own files and `santong.yaml` (derived with schemars), and a
//! Frictionless Table Schema of the national elements.

use crate::standard::model::StandardFile;
use crate::standard::{Element, ElementType, Scope, Standard};
use serde_json::{json, Map, Value};

const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// `santong schema standard`: any file of a standard directory.
pub fn standard_schema() -> Value {
    let mut s = schemars::schema_for!(StandardFile).to_value();
    s["title"] = json!(
        "santong standard file (standard.yaml, elements.yaml, vocabularies.yaml, rules.yaml)"
    );
    s
}

/// `santong schema config`: `santong.yaml`.
pub fn config_schema() -> Value {
    let mut s = schemars::schema_for!(crate::config::Config).to_value();
    s["title"] = json!("santong.yaml");
    // every ignore must give its reason (read as optional only so that a
    // missing one gets santong's own message)
    if let Some(ig) = s.pointer_mut("/$defs/Ignore") {
        ig["required"] = json!(["rule", "reason"]);
        if let Some(r) = ig
            .pointer_mut("/properties/reason")
            .and_then(Value::as_object_mut)
        {
            r.remove("default");
        }
    }
    s
}

/// Every key an element may be written with in YAML: id, label, aliases.
fn keys_of(el: &Element) -> Vec<String> {
    let mut keys = vec![el.id.clone(), el.label.clone()];
    for a in &el.aliases {
        if !keys.contains(a) {
            keys.push(a.clone());
        }
    }
    keys
}

fn description(el: &Element) -> String {
    let mut d = format!("{}（{}）", el.label, el.id);
    if !el.description.zh.is_empty() {
        d.push_str(": ");
        d.push_str(&el.description.zh);
    }
    d
}

/// The schema of one element's value in a YAML catalogue.
fn value_schema(std: &Standard, el: &Element) -> Value {
    let mut s = match el.kind {
        ElementType::Code => {
            let mut values: Vec<String> = Vec::new();
            if let Some(v) = std.vocabulary_of(el) {
                for e in &v.entries {
                    for x in std::iter::once(&e.label)
                        .chain(std::iter::once(&e.code))
                        .chain(e.aliases.iter())
                    {
                        if !values.contains(x) {
                            values.push(x.clone());
                        }
                    }
                }
                for u in &v.uncoded {
                    for x in std::iter::once(&u.label).chain(u.aliases.iter()) {
                        if !values.contains(x) {
                            values.push(x.clone());
                        }
                    }
                }
            }
            let one = if values.is_empty() || !el.strict {
                json!({"type": "string", "examples": values})
            } else {
                json!({"enum": values})
            };
            if el.multi {
                // a list, or several values in one string (行政许可、行政确认)
                json!({"anyOf": [{"type": "array", "items": one}, {"type": "string"}]})
            } else {
                one
            }
        }
        ElementType::Integer | ElementType::Duration => {
            let mut n = json!({"type": "integer"});
            if let Some(m) = el.min {
                n["minimum"] = json!(m);
            }
            if let Some(m) = el.max {
                n["maximum"] = json!(m);
            }
            // 即办, 20个工作日, 3次 are read too
            json!({"anyOf": [n, {"type": "string"}]})
        }
        _ => {
            let mut t = json!({"type": "string"});
            if let Some(m) = el.max_length {
                t["maxLength"] = json!(m);
            }
            if let Some(p) = &el.pattern {
                t["pattern"] = json!(p);
            }
            t
        }
    };
    if let Value::Object(o) = &mut s {
        o.insert("description".into(), json!(description(el)));
    }
    s
}

/// The object schema of an item, material or fee: every element under any
/// of its keys, each required element under one of them.
fn part_schema(std: &Standard, scope: Scope) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for el in std.elements.iter().filter(|e| e.scope == scope) {
        let v = value_schema(std, el);
        let keys = keys_of(el);
        for k in &keys {
            props.insert(k.clone(), v.clone());
        }
        if el.required {
            required.push(
                json!({"anyOf": keys.iter().map(|k| json!({"required": [k]})).collect::<Vec<_>>()}),
            );
        }
    }
    let mut s = json!({"type": "object", "properties": props, "additionalProperties": false});
    if !required.is_empty() {
        s["allOf"] = json!(required);
    }
    s
}

/// `santong schema catalogue`: a YAML catalogue — one item, a list of
/// items, or `items:` with a list.
pub fn catalogue_schema(std: &Standard) -> Value {
    let mut item = part_schema(std, Scope::Item);
    let material = part_schema(std, Scope::Material);
    let fee = part_schema(std, Scope::Fee);
    if let Some(props) = item["properties"].as_object_mut() {
        for k in ["materials", "申请材料", "材料", "申请材料清单"] {
            props.insert(
                k.into(),
                json!({"type": "array", "description": "申请材料 (materials)", "items": {"anyOf": [{"$ref": "#/$defs/material"}, {"type": "string"}]}}),
            );
        }
        for k in ["fees", "收费项目", "收费项目清单"] {
            props.insert(
                k.into(),
                json!({"type": "array", "description": "收费项目 (fees)", "items": {"$ref": "#/$defs/fee"}}),
            );
        }
    }
    json!({
        "$schema": DIALECT,
        "title": format!("santong YAML catalogue ({} {})", std.name, std.version),
        "description": "One implementation-list item, a list of items, or {items: [...]}. Keys are element ids, national labels or accepted aliases.",
        "$defs": {"item": item, "material": material, "fee": fee},
        "anyOf": [
            {"$ref": "#/$defs/item"},
            {"type": "array", "items": {"$ref": "#/$defs/item"}},
            {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/$defs/item"}}}, "required": ["items"], "additionalProperties": false},
        ],
    })
}

/// `santong schema table-schema`: the item elements as a Frictionless
/// Table Schema (one field per national header, in order).
pub fn table_schema(std: &Standard) -> Value {
    let fields: Vec<Value> = std
        .elements
        .iter()
        .filter(|e| e.scope == Scope::Item)
        .map(|el| {
            let mut constraints = Map::new();
            if el.required {
                constraints.insert("required".into(), json!(true));
            }
            let ty = match el.kind {
                ElementType::Integer => "integer",
                _ => "string",
            };
            match el.kind {
                ElementType::Code if !el.multi && el.strict => {
                    if let Some(v) = std.vocabulary_of(el) {
                        let mut labels: Vec<&str> =
                            v.entries.iter().map(|e| e.label.as_str()).collect();
                        labels.extend(v.uncoded.iter().map(|u| u.label.as_str()));
                        constraints.insert("enum".into(), json!(labels));
                    }
                }
                ElementType::Integer => {
                    if let Some(m) = el.min {
                        constraints.insert("minimum".into(), json!(m));
                    }
                    if let Some(m) = el.max {
                        constraints.insert("maximum".into(), json!(m));
                    }
                }
                _ => {}
            }
            if let Some(m) = el.max_length {
                constraints.insert("maxLength".into(), json!(m));
            }
            if let Some(p) = &el.pattern {
                constraints.insert("pattern".into(), json!(p));
            }
            let mut f = json!({
                "name": el.label,
                "title": el.id,
                "type": ty,
                "description": el.description.zh,
            });
            if !constraints.is_empty() {
                f["constraints"] = Value::Object(constraints);
            }
            f
        })
        .collect();
    json!({
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "fields": fields,
        "primaryKey": [std.element("impl_code").map(|e| e.label.as_str()).unwrap_or("实施编码")],
        "missingValues": [""],
    })
}

/// Pretty JSON with a final newline, as committed under docs/schema/.
pub fn to_text(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}
