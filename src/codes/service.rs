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
    pub form: SubForm,
}

/// What the sub-item part of a basic code says, as the 行政许可事项实施规范
/// writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubForm {
    /// Three digits: `000` (no sub-items) or a sub-item's number.
    Digits,
    /// `NNY`: a main item (主项) that has sub-items (`00016421300Y`); the
    /// sub-items are implemented, never the main item itself.
    MainWithSubs,
    /// A letter and two digits (`W01`): a sub-item a province numbered
    /// locally.
    LocalLetter,
}

impl SubForm {
    fn of(sub: &[u8]) -> Option<SubForm> {
        match sub {
            [a, b, c] if [a, b, c].iter().all(|x| x.is_ascii_digit()) => Some(SubForm::Digits),
            [a, b, b'Y'] if a.is_ascii_digit() && b.is_ascii_digit() => Some(SubForm::MainWithSubs),
            [l, a, b] if l.is_ascii_uppercase() && a.is_ascii_digit() && b.is_ascii_digit() => {
                Some(SubForm::LocalLetter)
            }
            _ => None,
        }
    }
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
    if !code.is_ascii() || !code.as_bytes()[..9].iter().all(u8::is_ascii_digit) {
        return Err(BasicIssue::NonDigit);
    }
    let form = SubForm::of(&code.as_bytes()[9..]).ok_or(BasicIssue::NonDigit)?;
    let prefix = &code[..2];
    if prefix != "00" && !super::area::is_province_prefix(prefix) {
        return Err(BasicIssue::UnknownProvince(prefix.to_string()));
    }
    Ok(BasicCode {
        prefix,
        item_type: &code[2..4],
        main: &code[4..9],
        sub: &code[9..12],
        form,
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

/// The basic code a service code carries: a basic code itself, the last
/// 12 of a 31-character implementation code, characters 20–31 of a
/// 33-character handling code, or the first 12 of a 14-character handling
/// code of the 实施规范 (基本编码 + 2 digits).
pub fn embedded_basic(code: &str) -> Option<&str> {
    if !code.is_ascii() {
        return None;
    }
    match code.len() {
        12 => Some(code),
        14 if code.as_bytes()[12..].iter().all(u8::is_ascii_digit) => Some(&code[..12]),
        31 => Some(&code[19..]),
        33 => Some(&code[19..31]),
        _ => None,
    }
}

/// A business-handling item code is the implementation code plus two
/// digits (33 characters), or, as the 实施规范 writes it, the basic code
/// plus two digits (14 characters).
pub fn validate_handling_code(code: &str, impl_code: Option<&str>) -> Result<(), HandlingIssue> {
    if code.len() == 14 && code.is_ascii() {
        if !code[12..].bytes().all(|b| b.is_ascii_digit()) {
            return Err(HandlingIssue::Suffix);
        }
        if let Some(ic) = impl_code {
            if ic.len() == 31 && ic.is_ascii() && code[..12] != ic[19..] {
                return Err(HandlingIssue::ImplMismatch);
            }
        }
        return Ok(());
    }
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
        // the 实施规范's main item with sub-items, and a local letter sub-item
        assert_eq!(
            validate_basic_code("00016421300Y").unwrap().form,
            SubForm::MainWithSubs
        );
        assert_eq!(
            validate_basic_code("000164213W01").unwrap().form,
            SubForm::LocalLetter
        );
        assert_eq!(
            validate_basic_code("000164213001").unwrap().form,
            SubForm::Digits
        );
        // near misses: a letter elsewhere, a lower-case one
        assert_eq!(
            validate_basic_code("0001642Y3001"),
            Err(BasicIssue::NonDigit)
        );
        assert_eq!(
            validate_basic_code("000164213w01"),
            Err(BasicIssue::NonDigit)
        );
        assert_eq!(
            validate_basic_code("0001642130Y1"),
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
        // 实施规范: basic code + 2 digits
        assert!(validate_handling_code("00016421300301", None).is_ok());
        assert!(validate_handling_code("0001042000001", None).is_err());
        assert!(validate_handling_code("00010400200001", Some(ic)).is_ok());
        assert!(validate_handling_code("00010400200101", Some(ic)).is_err());
        assert_eq!(embedded_basic("00016421300301"), Some("000164213003"));
        assert_eq!(embedded_basic(ic), Some("000104002000"));
    }
}
