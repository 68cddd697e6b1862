//! The one place YAML is parsed.
//!
//! serde_yaml is archived; serde-saphyr is maintained and reports line and
//! column for every error. Keeping it behind this module means a future
//! change of YAML crate touches one file.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::path::Path;

/// A YAML file that could not be parsed into the expected shape.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct YamlError {
    pub path: String,
    pub line: u64,
    pub column: u64,
    pub message: String,
}

/// Parse `text` (read from `path`, used only for messages) into `T`.
pub fn parse<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, YamlError> {
    serde_saphyr::from_str::<T>(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((0, 0));
        // The crate renders a snippet after the first line; keep the sentence.
        let rendered = e.to_string();
        let first = rendered.lines().next().unwrap_or("").trim();
        let message = first
            .strip_prefix("error: ")
            .unwrap_or(first)
            .split_once(": ")
            .filter(|(head, _)| head.starts_with("line "))
            .map(|(_, m)| m.to_string())
            .unwrap_or_else(|| first.to_string());
        YamlError {
            path: path.display().to_string(),
            line,
            column,
            message,
        }
    })
}

pub use serde_saphyr::Spanned;

/// A YAML document as a tree whose every node and mapping key knows its
/// line, from the parser's spans (for readers that report by line).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// 1-based line where the node starts.
    pub line: u32,
    pub value: NodeValue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer beyond i64, kept as its digits.
    BigInt(String),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Keys in document order, each with its line.
    Map(Vec<(Key, Node)>),
}

/// A mapping key and the line it is on.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub text: String,
    pub line: u32,
}

impl Node {
    /// The value under a key of a mapping (the last, if repeated).
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            NodeValue::Map(m) => m.iter().rev().find(|(k, _)| k.text == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Parse `text` into a located tree.
pub fn parse_tree(text: &str, path: &Path) -> Result<Node, YamlError> {
    parse::<Node>(text, path)
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<NodeValue>::deserialize(d)?;
        Ok(Node {
            line: s.referenced.line() as u32,
            value: s.value,
        })
    }
}

/// Any scalar as key text.
struct KeyText(String);

impl<'de> serde::Deserialize<'de> for KeyText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(KeyText(match NodeValue::deserialize(d)? {
            NodeValue::Str(s) | NodeValue::BigInt(s) => s,
            NodeValue::Int(i) => i.to_string(),
            NodeValue::Float(f) => f.to_string(),
            NodeValue::Bool(b) => b.to_string(),
            NodeValue::Null => "null".into(),
            NodeValue::Seq(_) | NodeValue::Map(_) => {
                return Err(serde::de::Error::custom("a mapping key must be a scalar"))
            }
        }))
    }
}

impl<'de> serde::Deserialize<'de> for NodeValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> serde::de::Visitor<'de> for NodeVisitor {
    type Value = NodeValue;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<NodeValue, E> {
        Ok(NodeValue::Null)
    }
    fn visit_none<E>(self) -> Result<NodeValue, E> {
        Ok(NodeValue::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<NodeValue, D::Error> {
        NodeValue::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<NodeValue, E> {
        Ok(NodeValue::Bool(b))
    }
    fn visit_i64<E>(self, i: i64) -> Result<NodeValue, E> {
        Ok(NodeValue::Int(i))
    }
    fn visit_u64<E>(self, u: u64) -> Result<NodeValue, E> {
        Ok(i64::try_from(u).map_or_else(|_| NodeValue::BigInt(u.to_string()), NodeValue::Int))
    }
    fn visit_i128<E>(self, i: i128) -> Result<NodeValue, E> {
        Ok(i64::try_from(i).map_or_else(|_| NodeValue::BigInt(i.to_string()), NodeValue::Int))
    }
    fn visit_u128<E>(self, u: u128) -> Result<NodeValue, E> {
        Ok(i64::try_from(u).map_or_else(|_| NodeValue::BigInt(u.to_string()), NodeValue::Int))
    }
    fn visit_f64<E>(self, f: f64) -> Result<NodeValue, E> {
        Ok(NodeValue::Float(f))
    }
    fn visit_str<E>(self, s: &str) -> Result<NodeValue, E> {
        Ok(NodeValue::Str(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<NodeValue, E> {
        Ok(NodeValue::Str(s))
    }
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> Result<NodeValue, D::Error> {
        NodeValue::deserialize(d)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<NodeValue, A::Error> {
        let mut out = Vec::new();
        while let Some(n) = seq.next_element::<Node>()? {
            out.push(n);
        }
        Ok(NodeValue::Seq(out))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<NodeValue, A::Error> {
        let mut out = Vec::new();
        while let Some(k) = map.next_key::<Spanned<KeyText>>()? {
            let v = map.next_value::<Node>()?;
            let key = Key {
                text: k.value.0,
                line: k.referenced.line() as u32,
            };
            out.push((key, v));
        }
        Ok(NodeValue::Map(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct T {
        n: i64,
    }

    #[test]
    fn the_tree_knows_every_line() {
        let t = parse_tree(
            "# a comment\nitems:\n  - name: 甲\n    \"code\": 12\n  - name: 乙\n",
            Path::new("t.yaml"),
        )
        .unwrap();
        let items = t.get("items").unwrap();
        let NodeValue::Seq(list) = &items.value else {
            panic!("{items:?}")
        };
        assert_eq!(list.len(), 2);
        let NodeValue::Map(first) = &list[0].value else {
            panic!()
        };
        assert_eq!((first[0].0.text.as_str(), first[0].0.line), ("name", 3));
        assert_eq!((first[1].0.text.as_str(), first[1].0.line), ("code", 4));
        assert_eq!(first[1].1.value, NodeValue::Int(12));
        assert_eq!(list[1].line, 5);
        let big = parse_tree("c: 114507210081153718\n", Path::new("b.yaml")).unwrap();
        assert_eq!(
            big.get("c").unwrap().value,
            NodeValue::Int(114507210081153718)
        );
    }

    #[test]
    fn error_carries_position() {
        let e = parse::<T>("a: 1\nn: x\n", Path::new("s.yaml")).unwrap_err();
        assert_eq!((e.line, e.column), (2, 4));
        assert_eq!(e.to_string(), "s.yaml:2:4: invalid i64");
    }
}
