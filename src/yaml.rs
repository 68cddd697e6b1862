//! The one place YAML is parsed.
//!
//! serde_yaml is archived; serde-saphyr is maintained and reports line and
//! column for every error. Keeping it behind this module means a future
//! change of YAML crate touches one file.

use serde::de::DeserializeOwned;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct T {
        n: i64,
    }

    #[test]
    fn error_carries_position() {
        let e = parse::<T>("a: 1\nn: x\n", Path::new("s.yaml")).unwrap_err();
        assert_eq!((e.line, e.column), (2, 4));
        assert_eq!(e.to_string(), "s.yaml:2:4: invalid i64");
    }
}
