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
        if crate::locale::is_zh() {
            return YamlError {
                path: path.display().to_string(),
                line,
                column,
                message: zh_message(&e).unwrap_or_else(|| "YAML 格式错误".to_string()),
            };
        }
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

/// A YAML error in Chinese: the parser's and serde's faults a person
/// writing a file by hand meets, in words of their own; None for the rest.
fn zh_message(e: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::localizer::ExternalMessageSource;
    use serde_saphyr::Error as E;
    let list = |names: &[&str]| {
        if names.is_empty() {
            "（无）".to_string()
        } else {
            names.join("、")
        }
    };
    Some(match e {
        E::WithSnippet { error, .. } | E::AliasError { error, .. } => return zh_message(error),
        E::Eof { .. } => "文件意外结束".into(),
        E::Unexpected { expected, .. } => format!("此处应为{}", zh_kind(expected)),
        E::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => format!(
            "类型不对：应为{}，实为{}",
            zh_kind(expected),
            zh_kind(unexpected)
        ),
        E::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => format!(
            "取值不对：应为{}，实为{}",
            zh_kind(expected),
            zh_kind(unexpected)
        ),
        E::SerdeInvalidLength { len, expected, .. } => {
            format!("长度不对：有 {len} 项，应为{}", zh_kind(expected))
        }
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => format!("未知的取值 `{variant}`，可用的取值：{}", list(expected)),
        E::SerdeUnknownField {
            field, expected, ..
        } => format!("未知的字段 `{field}`，可用的字段：{}", list(expected)),
        E::SerdeMissingField { field, .. } => format!("缺少字段 `{field}`"),
        E::DuplicateMappingKey { key, .. } => match key {
            Some(k) => format!("键 {k} 重复出现"),
            None => "键重复出现".into(),
        },
        E::InvalidScalar { ty, .. } => format!("不是有效的{}", zh_kind(ty)),
        E::NullIntoString { .. } => "此处应为文本，不能为空".into(),
        E::InvalidUtf8Input => "不是有效的 UTF-8 文本".into(),
        E::UnknownAnchor { .. } => "别名（*）引用了不存在的锚点（&）".into(),
        E::MultipleDocuments { .. } => "文件中有多个 YAML 文档，只能有一个".into(),
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::Budget { .. } => "别名展开或嵌套超出上限".into(),
        E::Message { msg, .. } => match msg.as_str() {
            "a mapping key must be a scalar" => "映射的键必须是单个值".into(),
            _ => return None,
        },
        E::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => zh_syntax(scan.kind())?,
            _ => return None,
        },
        _ => return None,
    })
}

/// A YAML syntax fault in Chinese.
fn zh_syntax(kind: &serde_saphyr::granit_parser::ErrorKind) -> Option<String> {
    use serde_saphyr::granit_parser::ErrorKind as K;
    Some(match kind {
        K::UnclosedFlowCollection { open } => format!("括号 `{open}` 没有闭合"),
        K::MismatchedFlowCollectionEnd { open, close } => {
            format!("括号 `{open}` 被 `{close}` 闭合，不配对")
        }
        K::MisplacedFlowCollectionEnd => "多余的右括号".into(),
        K::UnclosedQuotedScalar => "引号没有闭合".into(),
        K::InvalidIndentation
        | K::InvalidFlowScalarIndent
        | K::InvalidQuotedScalarIndent
        | K::InvalidBlockScalarIndent => "缩进不对".into(),
        K::TabNotAllowed | K::TabInIndentation | K::TabInBlockIndentation | K::TabInPlainScalar => {
            "此处不能用制表符（Tab），请用空格".into()
        }
        K::MappingValueNotAllowed | K::InvalidColonPlacement | K::MappingKeyNotAllowed => {
            "此处不能有 `键: 值`（缩进不对，或值中的冒号需加引号）".into()
        }
        K::ExpectedBlockMappingKey => "缩进不对：此处应为一个键（`键: 值`）".into(),
        K::ExpectedNodeContent => "此处应有内容".into(),
        K::ExpectedFlowMappingSeparator => "此处应为 `,` 或 `}`".into(),
        K::ExpectedFlowSequenceSeparator => "此处应为 `,` 或 `]`".into(),
        K::ExpectedBlockSequenceEntry => "此处应为列表项（`- `）".into(),
        K::BlockSequenceEntryNotAllowed | K::BlockEntryInFlowCollection => {
            "此处不能有列表项（`- `）".into()
        }
        K::UnexpectedEof
        | K::UnexpectedEofFlowSequence
        | K::UnexpectedEofFlowMapping
        | K::UnexpectedEofImplicitFlowMapping
        | K::UnexpectedEofBlockSequence
        | K::UnexpectedEofBlockMapping => "文件意外结束".into(),
        K::UnexpectedCharacter { character } => format!("意外的字符 `{character}`"),
        K::UnknownQuotedScalarEscape
        | K::InvalidQuotedScalarHexEscape
        | K::InvalidUnicodeEscape => "双引号字符串中有无效的转义".into(),
        K::InvalidTrailingSingleQuotedScalar | K::InvalidTrailingDoubleQuotedScalar => {
            "引号后面还有多余的内容".into()
        }
        K::CommentNotSeparated => "注释（#）前需要空格".into(),
        K::ExpectedWhitespace
        | K::InvalidBlockEntryWhitespace
        | K::InvalidMappingValueWhitespace => "此处需要空格".into(),
        K::UnknownAnchor => "别名（*）引用了不存在的锚点（&）".into(),
        K::RecursionLimitExceeded => "嵌套层数过多".into(),
        _ => return None,
    })
}

/// serde's and the parser's names of what was expected or found, in
/// Chinese where they are the common ones.
fn zh_kind(what: &str) -> String {
    let what = what.trim();
    let (head, rest) = match what.split_once(' ') {
        Some((h, r)) if r.starts_with('"') || r.starts_with('`') => (h, Some(r)),
        _ => (what, None),
    };
    let zh = match head.trim_start_matches("a ").trim_start_matches("an ") {
        "string" | "a string" => "文本",
        "mapping" | "map" | "a map" | "mapping start" | "struct" => "映射（`键: 值`）",
        "sequence" | "a sequence" | "sequence start" | "seq" => "列表（`- 项`）",
        "integer" | "i64" | "u64" | "i32" | "u32" | "u16" | "u8" | "usize" => "整数",
        "floating point" | "f64" | "f32" => "数",
        "boolean" | "bool" => "true 或 false",
        "unit value" | "null" => "空值",
        "char" | "character" => "单个字符",
        "scalar" => "单个值",
        _ => return what.to_string(),
    };
    match rest {
        Some(value) => format!("{zh} {value}"),
        None => zh.to_string(),
    }
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
