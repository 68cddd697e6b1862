//! GB 32100-2015 unified social credit codes and the GB 11714 organisation
//! code embedded in positions 9–17.

/// The 31-symbol alphabet of GB 32100: digits and capitals without I O S V Z.
pub const CREDIT_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// Why a credit code is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditIssue {
    /// Not 18 characters long.
    Length(usize),
    /// A character outside the GB 32100 alphabet, with its 1-based position.
    BadChar(usize, char),
    /// The 18th character does not match the computed check character.
    CheckChar { expected: char, found: char },
    /// Positions 3–8 are not a plausible division code (province prefix unknown).
    AreaPrefix(String),
}

fn credit_value(c: char) -> Option<u32> {
    // the alphabet is ASCII: a byte's place in it, without searching
    let b = u8::try_from(c).ok()?;
    CREDIT_ALPHABET
        .bytes()
        .position(|a| a == b)
        .map(|i| i as u32)
}

/// The check character for the first 17 characters of a credit code, or
/// `None` if `body` is not 17 characters of the GB 32100 alphabet.
pub fn credit_check_char(body: &str) -> Option<char> {
    let mut sum = 0u32;
    let mut n = 0;
    for c in body.chars() {
        sum += credit_value(c)? * *CREDIT_WEIGHTS.get(n)?;
        n += 1;
    }
    if n != 17 {
        return None;
    }
    let idx = (31 - sum % 31) % 31;
    Some(CREDIT_ALPHABET.as_bytes()[idx as usize] as char)
}

/// The check character of a GB 11714 organisation code's first eight
/// characters (digits and capital letters), or `None` if malformed.
pub fn org_code_check_char(body: &str) -> Option<char> {
    let mut sum = 0u32;
    let mut n = 0;
    for c in body.chars() {
        let v = c.to_digit(36)?;
        if c.is_ascii_lowercase() {
            return None;
        }
        sum += v * *ORG_WEIGHTS.get(n)?;
        n += 1;
    }
    if n != 8 {
        return None;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10).unwrap_or('0'),
    })
}

/// Validate a unified social credit code: length, alphabet, check character
/// and the province prefix of its area digits. The embedded organisation
/// code is checked separately by [`org_code_matches`], because codes issued
/// after 2015 to some bodies do not carry a GB 11714 code and a standards
/// office may want that only as a warning.
pub fn validate_credit_code(code: &str) -> Result<(), CreditIssue> {
    let len = code.chars().count();
    if len != 18 {
        return Err(CreditIssue::Length(len));
    }
    // 18 characters of the ASCII alphabet: from here on, bytes
    let mut sum = 0u32;
    for (i, c) in code.chars().enumerate() {
        let Some(v) = credit_value(c) else {
            return Err(CreditIssue::BadChar(i + 1, c));
        };
        if let Some(w) = CREDIT_WEIGHTS.get(i) {
            sum += v * w;
        }
    }
    let expected = CREDIT_ALPHABET.as_bytes()[((31 - sum % 31) % 31) as usize] as char;
    let found = code.as_bytes()[17] as char;
    if expected != found {
        return Err(CreditIssue::CheckChar { expected, found });
    }
    let area = &code[2..8];
    if !super::area::is_province_prefix(&area[..2]) && area != "100000" {
        return Err(CreditIssue::AreaPrefix(area.to_string()));
    }
    Ok(())
}

/// Whether positions 9–17 of a (well-formed) credit code form an
/// organisation code with a correct GB 11714 check character.
pub fn org_code_matches(code: &str) -> bool {
    if code.len() == 18 && code.is_ascii() {
        return org_code_check_char(&code[8..16]) == Some(code.as_bytes()[16] as char);
    }
    if code.chars().count() != 18 {
        return false;
    }
    let mut chars = code.chars().skip(8);
    let body: String = chars.by_ref().take(8).collect();
    org_code_check_char(&body) == chars.next()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real government and enterprise codes listed in the domain reference.
    const VALID: [&str; 8] = [
        "11450721MB15580811",
        "11450721348531435D",
        "114507210081153718",
        "11650000010183859F",
        "11511301008778183N",
        "115113010833722043",
        "91350100M000100Y43",
        "91110000600037341L",
    ];

    #[test]
    fn real_codes_are_valid() {
        for code in VALID {
            assert_eq!(validate_credit_code(code), Ok(()), "{code}");
        }
    }

    #[test]
    fn every_single_character_change_is_caught() {
        for code in VALID {
            let chars: Vec<char> = code.chars().collect();
            for i in 0..18 {
                for sub in ['0', '7', 'A', 'Y'] {
                    if chars[i] == sub {
                        continue;
                    }
                    let mut c = chars.clone();
                    c[i] = sub;
                    let s: String = c.into_iter().collect();
                    assert!(validate_credit_code(&s).is_err(), "{s} from {code}");
                }
            }
        }
    }

    #[test]
    fn issues_are_specific() {
        assert_eq!(validate_credit_code("1145"), Err(CreditIssue::Length(4)));
        assert_eq!(
            validate_credit_code("11450721MB1558081I"),
            Err(CreditIssue::BadChar(18, 'I'))
        );
        assert_eq!(
            validate_credit_code("11450721MB15580812"),
            Err(CreditIssue::CheckChar {
                expected: '1',
                found: '2'
            })
        );
    }

    #[test]
    fn organisation_codes() {
        // positions 9-17 of the real codes
        assert!(org_code_matches("11450721348531435D"));
        assert!(org_code_matches("114507210081153718"));
        assert!(org_code_matches("91110000600037341L"));
        assert_eq!(org_code_check_char("34853143"), Some('5'));
        assert!(!org_code_matches("114507213485314X5D"));
        assert_eq!(org_code_check_char("3485314"), None);
    }
}
