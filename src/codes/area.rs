//! GB/T 2260 administrative division codes.
//!
//! The project embeds only the structure and the 31 province-level prefixes:
//! the full county list changes every year and is supplied by the user as a
//! CSV file when existence (rather than structure) must be checked.

use std::collections::HashSet;

/// Province-level prefixes of the 31 provinces, autonomous regions and
/// municipalities of the mainland (GB/T 2260).
pub const PROVINCE_PREFIXES: [&str; 31] = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
];

pub(crate) fn is_province_prefix(p: &str) -> bool {
    PROVINCE_PREFIXES.contains(&p)
}

/// A structurally valid division code, reduced to its six GB/T 2260 digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaCode {
    pub code: String,
    /// The input carried the 12-digit padding used by service systems.
    pub padded: bool,
    /// The county part is a statistical 7x development-zone code.
    pub development_zone: bool,
}

impl AreaCode {
    pub fn province(&self) -> &str {
        &self.code[..2]
    }
    /// 1 province, 2 prefecture, 3 county.
    pub fn tier(&self) -> u8 {
        if self.code.ends_with("0000") {
            1
        } else if self.code.ends_with("00") {
            2
        } else {
            3
        }
    }
}

/// Why a division code is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AreaIssue {
    /// Not 6 (or padded 12) digits.
    Malformed,
    /// The first two digits are not one of the 31 province prefixes.
    UnknownProvince(String),
    /// A county part without a prefecture part (e.g. `510001`).
    BadStructure,
    /// Well formed but absent from the supplied division list.
    NotInList(String),
}

/// Parse a division code: 6 digits, or 12 digits as padded by service systems.
pub fn parse_area(code: &str) -> Result<AreaCode, AreaIssue> {
    let code = code.trim();
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AreaIssue::Malformed);
    }
    let (six, padded) = match code.len() {
        6 => (code, false),
        12 => (&code[..6], true),
        _ => return Err(AreaIssue::Malformed),
    };
    if !is_province_prefix(&six[..2]) {
        return Err(AreaIssue::UnknownProvince(six[..2].to_string()));
    }
    if &six[2..4] == "00" && &six[4..6] != "00" {
        return Err(AreaIssue::BadStructure);
    }
    Ok(AreaCode {
        code: six.to_string(),
        padded,
        development_zone: six.as_bytes()[4] == b'7',
    })
}

/// A full division list loaded from a CSV file (any column holding 2-, 4-
/// or 6-digit codes is taken, so both the statistics-bureau export and a
/// plain one-column list work).
#[derive(Debug, Default, Clone)]
pub struct AreaList {
    codes: HashSet<String>,
}

impl AreaList {
    pub fn from_csv_text(text: &str) -> Self {
        let mut codes = HashSet::new();
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        for rec in rdr.records().flatten() {
            for field in rec.iter() {
                let f = field.trim();
                if !f.bytes().all(|b| b.is_ascii_digit()) {
                    continue;
                }
                match f.len() {
                    2 => codes.insert(format!("{f}0000")),
                    4 => codes.insert(format!("{f}00")),
                    6 => codes.insert(f.to_string()),
                    12 => codes.insert(f[..6].to_string()),
                    _ => false,
                };
            }
        }
        // Every county implies its prefecture and province.
        let implied: Vec<String> = codes
            .iter()
            .flat_map(|c| [format!("{}00", &c[..4]), format!("{}0000", &c[..2])])
            .collect();
        codes.extend(implied);
        AreaList { codes }
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    pub fn contains(&self, six: &str) -> bool {
        self.codes.contains(six)
    }
}

/// Parse and, when a list is given, check existence.
pub fn validate_area(code: &str, list: Option<&AreaList>) -> Result<AreaCode, AreaIssue> {
    let a = parse_area(code)?;
    if let Some(list) = list {
        if !list.is_empty() && !list.contains(&a.code) {
            return Err(AreaIssue::NotInList(a.code));
        }
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure() {
        assert_eq!(parse_area("450721").map(|a| a.tier()), Ok(3));
        assert_eq!(parse_area("450700").map(|a| a.tier()), Ok(2));
        assert_eq!(parse_area("450000").map(|a| a.tier()), Ok(1));
        let padded = parse_area("511602000000").unwrap();
        assert!(padded.padded);
        assert_eq!(padded.code, "511602");
        assert!(parse_area("130171").unwrap().development_zone);
        assert!(!parse_area("130102").unwrap().development_zone);
        assert_eq!(
            parse_area("990101"),
            Err(AreaIssue::UnknownProvince("99".into()))
        );
        assert_eq!(
            parse_area("710000"),
            Err(AreaIssue::UnknownProvince("71".into()))
        );
        assert_eq!(parse_area("510001"), Err(AreaIssue::BadStructure));
        assert_eq!(parse_area("45072"), Err(AreaIssue::Malformed));
        assert_eq!(parse_area("45072A"), Err(AreaIssue::Malformed));
        assert_eq!(PROVINCE_PREFIXES.len(), 31);
    }

    #[test]
    fn list_lookup() {
        let list =
            AreaList::from_csv_text("code,name,cityCode,provinceCode\n450721,浦北县,4507,45\n");
        assert!(validate_area("450721", Some(&list)).is_ok());
        assert!(validate_area("450700", Some(&list)).is_ok());
        assert!(validate_area("450000", Some(&list)).is_ok());
        assert_eq!(
            validate_area("450722", Some(&list)),
            Err(AreaIssue::NotInList("450722".into()))
        );
        assert!(validate_area("450722", None).is_ok());
    }
}
