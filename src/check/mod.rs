//! Rules → findings.

/// Ids of the rules implemented in Rust; every standard must define them
/// (severity and messages are data).
pub const BUILTIN_RULES: &[&str] = &[
    "missing-column",
    "unknown-column",
    "duplicate-column",
    "missing-required",
    "invalid-value",
    "uncoded-item-type",
    "invalid-credit-code",
    "invalid-org-code",
    "invalid-basic-code",
    "basic-code-type-mismatch",
    "impl-code-mismatch",
    "invalid-handling-code",
    "duplicate-impl-code",
    "invalid-area-code",
    "area-code-nonstandard",
    "body-level-mismatch",
    "invalid-phone",
    "unknown-basic-code",
    "name-mismatch",
    "type-mismatch",
    "legal-basis-mismatch",
    "catch-all-clause",
    "material-missing-name",
    "material-orphan",
    "duplicate-material",
];
