//! Basic codes (基本编码), implementation codes (实施编码) and
//! business-handling item codes (业务办理项编码), GB/T 39554.1-2020.
//!
//! The 12-character basic code's length is confirmed by the standard; its
//! split `PP TT MMMMM SSS` is inferred from real records, which is why the
//! item-type check against the vocabulary is left to the caller (the
//! vocabulary is data in `standards/`).

/// The parts of a structurally valid basic code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasicCode<'a> {
    /// `00` for the national catalogue, a province prefix for items a province added.
    pub prefix: &'a str,
    pub item_type: &'a str,
    pub main: &'a str,
    pub sub: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BasicIssue {
    Length(usize),
    NonDigit,
    UnknownProvince(String),
}

pub fn validate_basic_code(code: &str) -> Result<BasicCode<'_>, BasicIssue> {
    let n = code.chars().count();
    if n != 12 {
        return Err(BasicIssue::Length(n));
    }
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BasicIssue::NonDigit);
    }
    let prefix = &code[..2];
    if prefix != "00" && !super::area::is_province_prefix(prefix) {
        return Err(BasicIssue::UnknownProvince(prefix.to_string()));
    }
    Ok(BasicCode {
        prefix,
        item_type: &code[2..4],
        main: &code[4..9],
        sub: &code[9..12],
    })
}

/// The three parts of a 31-character implementation code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImplParts<'a> {
    pub credit: &'a str,
    pub level: &'a str,
    pub basic: &'a str,
}

/// Split an implementation code into credit code, level digit and basic
/// code; `None` unless it is exactly 31 ASCII characters.
pub fn split_impl_code(code: &str) -> Option<ImplParts<'_>> {
    if code.len() != 31 || !code.is_ascii() {
        return None;
    }
    Some(ImplParts {
        credit: &code[..18],
        level: &code[18..19],
        basic: &code[19..],
    })
}

/// Why a business-handling item code is malformed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandlingIssue {
    /// Not 33 characters (the count found).
    Length(usize),
    /// The last two characters are not digits.
    Suffix,
    /// The first 31 characters are not the item's implementation code.
    ImplMismatch,
}

/// A business-handling item code is the implementation code plus two digits.
pub fn validate_handling_code(code: &str, impl_code: Option<&str>) -> Result<(), HandlingIssue> {
    if code.len() != 33 || !code.is_ascii() {
        return Err(HandlingIssue::Length(code.chars().count()));
    }
    if !code[31..].bytes().all(|b| b.is_ascii_digit()) {
        return Err(HandlingIssue::Suffix);
    }
    if let Some(ic) = impl_code {
        if ic.len() == 31 && &code[..31] != ic {
            return Err(HandlingIssue::ImplMismatch);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_codes() {
        let b = validate_basic_code("000104002000").unwrap();
        assert_eq!(
            (b.prefix, b.item_type, b.main, b.sub),
            ("00", "01", "04002", "000")
        );
        let b = validate_basic_code("650116013001").unwrap();
        assert_eq!((b.prefix, b.item_type, b.sub), ("65", "01", "001"));
        let b = validate_basic_code("452004020000").unwrap();
        assert_eq!(b.item_type, "20");
        assert_eq!(
            validate_basic_code("00010400200"),
            Err(BasicIssue::Length(11))
        );
        assert_eq!(
            validate_basic_code("00010400200X"),
            Err(BasicIssue::NonDigit)
        );
        assert_eq!(
            validate_basic_code("990104002000"),
            Err(BasicIssue::UnknownProvince("99".into()))
        );
    }

    #[test]
    fn implementation_codes() {
        let p = split_impl_code("11450721MB155808114000104002000").unwrap();
        assert_eq!(p.credit, "11450721MB15580811");
        assert_eq!(p.level, "4");
        assert_eq!(p.basic, "000104002000");
        assert!(split_impl_code("11450721MB15580811400010400200").is_none());
    }

    #[test]
    fn handling_codes() {
        let ic = "11450721MB155808114000104002000";
        assert!(validate_handling_code(&format!("{ic}01"), Some(ic)).is_ok());
        assert!(validate_handling_code(&format!("{ic}1"), Some(ic)).is_err());
        let other = "11450721MB155808113000104002000";
        assert!(validate_handling_code(&format!("{other}01"), Some(ic)).is_err());
        assert!(validate_handling_code(&format!("{ic}0A"), None).is_err());
    }
}
