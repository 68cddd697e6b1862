//! Phone numbers in 咨询方式 / 监督投诉方式 cells.
//!
//! These cells are free text ("窗口咨询：0775－1234567；网上咨询：…"), so the
//! numbers are found inside the text rather than the whole cell parsed.
//! Dashes arrive in many shapes (‐ ‑ ‒ – — ― − － ﹣) and full-width digits
//! are common; the caller passes NFKC-normalised text and this module folds
//! the dashes.

/// A phone-like run of digits found in a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber {
    /// The run as written (after dash folding).
    pub raw: String,
    /// Digits only, without country prefix or extension.
    pub digits: String,
    pub kind: PhoneKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    /// Fixed line with a long-distance area code.
    Landline,
    /// Mobile number (no area code applies).
    Mobile,
    /// Nationwide 400/800 number (no area code applies).
    Nationwide,
    /// A fixed line or hotline written without its area code.
    NoAreaCode,
    /// Digits that form no known number shape.
    Malformed,
}

/// What is wrong with a phone cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneIssue {
    NoNumber,
    NoAreaCode(String),
    Malformed(String),
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '－' | '﹣' | '﹘' | '一'
    )
}

/// Find phone-like runs: at least five digits, joined only by dashes,
/// spaces and brackets.
pub fn find_phone_numbers(text: &str) -> Vec<PhoneNumber> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let opens = c == '(' || c == '（' || c == '+';
        if !(c.is_ascii_digit() || (opens && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())))
        {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        while j < chars.len() {
            let d = chars[j];
            let joiner = d == ' '
                || d == '('
                || d == ')'
                || d == '（'
                || d == '）'
                || d == '+'
                || (is_dash(d)
                    && (d != '一' || chars.get(j + 1).is_some_and(|n| n.is_ascii_digit())));
            if d.is_ascii_digit() || (j > start && joiner) || j == start {
                j += 1;
            } else {
                break;
            }
        }
        // trim trailing joiners
        let mut end = j;
        while end > start && !chars[end - 1].is_ascii_digit() {
            end -= 1;
        }
        let run: String = chars[start..end]
            .iter()
            .map(|&c| if is_dash(c) { '-' } else { c })
            .collect();
        if run.chars().filter(|c| c.is_ascii_digit()).count() >= 5 {
            out.push(classify(&run));
        }
        i = j.max(i + 1);
    }
    out
}

fn classify(run: &str) -> PhoneNumber {
    let mut s = run.replace(['(', '（'], "").replace([')', '）'], "-");
    s = s.trim().to_string();
    if let Some(rest) = s.strip_prefix("+86") {
        s = rest.trim_start_matches(['-', ' ']).to_string();
        // abroad, the trunk 0 of the area code is dropped: +86-775-… is 0775-…
        if !s.starts_with('1') || s.starts_with("10") {
            s = format!("0{s}");
        }
    }
    let parts: Vec<String> = s
        .split(['-', ' '])
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    let all: String = parts.concat();
    let kind_digits = |kind, digits: &str| PhoneNumber {
        raw: run.to_string(),
        digits: digits.to_string(),
        kind,
    };
    if parts.len() == 1 || parts.iter().all(|p| p.len() <= 4) && !all.starts_with('0') {
        return classify_compact(run, &all);
    }
    // area code written as its own part
    let first = &parts[0];
    if first.starts_with('0') && (3..=4).contains(&first.len()) {
        let local = &parts[1];
        let local_ok =
            (7..=8).contains(&local.len()) || (local.len() == 5 && local.starts_with("123"));
        let ext_ok = parts[2..].iter().all(|p| p.len() <= 6);
        if local_ok && ext_ok && !local.starts_with('0') {
            return kind_digits(PhoneKind::Landline, &format!("{first}{local}"));
        }
        return kind_digits(PhoneKind::Malformed, &all);
    }
    // a number followed by an extension
    let head = classify_compact(run, first);
    if head.kind != PhoneKind::Malformed && parts[1..].iter().all(|p| p.len() <= 6) {
        return head;
    }
    classify_compact(run, &all)
}

fn classify_compact(run: &str, d: &str) -> PhoneNumber {
    let kind = if d.len() == 11 && d.starts_with('1') {
        PhoneKind::Mobile
    } else if d.len() == 10 && (d.starts_with("400") || d.starts_with("800")) {
        PhoneKind::Nationwide
    } else if d.len() == 5 && (d.starts_with("123") || d.starts_with("95") || d.starts_with("96")) {
        // government hotlines (12345, 12315 …) and 95xxx service numbers
        // are dialled without an area code
        PhoneKind::Nationwide
    } else if let Some(rest) = d.strip_prefix('0') {
        // 010 and 02x are three-digit area codes, the others four
        let area = if rest.starts_with(['1', '2']) { 3 } else { 4 };
        let local = d.len().saturating_sub(area);
        if (7..=8).contains(&local) || (local == 5 && d[area..].starts_with("123")) {
            PhoneKind::Landline
        } else {
            PhoneKind::Malformed
        }
    } else if (7..=8).contains(&d.len()) {
        PhoneKind::NoAreaCode
    } else {
        PhoneKind::Malformed
    };
    PhoneNumber {
        raw: run.to_string(),
        digits: d.to_string(),
        kind,
    }
}

/// Check a phone cell: at least one number, every number dialable from
/// elsewhere (area code, mobile or nationwide).
pub fn check_phone_cell(text: &str) -> Result<Vec<PhoneNumber>, PhoneIssue> {
    let nums = find_phone_numbers(text);
    if nums.is_empty() {
        return Err(PhoneIssue::NoNumber);
    }
    // "0777-8212345、8212346": a number after a landline in the same cell
    // shares its area code.
    let mut area_given = false;
    for n in &nums {
        match n.kind {
            PhoneKind::Landline => area_given = true,
            PhoneKind::NoAreaCode if area_given => {}
            PhoneKind::NoAreaCode => return Err(PhoneIssue::NoAreaCode(n.raw.clone())),
            PhoneKind::Malformed => return Err(PhoneIssue::Malformed(n.raw.clone())),
            _ => {}
        }
    }
    Ok(nums)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<PhoneKind> {
        find_phone_numbers(t).into_iter().map(|n| n.kind).collect()
    }

    #[test]
    fn dashes_of_every_kind() {
        for t in [
            "0775-1234567",
            "0775－1234567",
            "0775—1234567",
            "0775–1234567",
            "0775‐1234567",
            "0775 1234567",
            "(0775)1234567",
            "（0775）12345678",
            "07751234567",
            "010-12345678",
            "+86-775-1234567",
            "0775-12345",
            "0775-1234567-801",
        ] {
            assert_eq!(check_phone_cell(t).map(|v| v.len()), Ok(1), "{t}");
        }
    }

    #[test]
    fn several_numbers_and_text() {
        let t = "窗口咨询：0775-1234567；电话咨询：13800138000，全国热线4008123123";
        assert_eq!(
            kinds(t),
            vec![
                PhoneKind::Landline,
                PhoneKind::Mobile,
                PhoneKind::Nationwide
            ]
        );
        // office hours are not phone numbers
        assert!(find_phone_numbers("工作日9:00-12:00").is_empty());
    }

    #[test]
    fn a_second_number_shares_the_first_ones_area_code() {
        assert!(check_phone_cell("0777-8212345、8212346").is_ok());
        assert!(check_phone_cell("0777-8212345/8212346").is_ok());
        assert_eq!(
            check_phone_cell("8212346、0777-8212345"),
            Err(PhoneIssue::NoAreaCode("8212346".into()))
        );
    }

    #[test]
    fn missing_area_codes_and_garbage() {
        assert_eq!(
            check_phone_cell("1234567"),
            Err(PhoneIssue::NoAreaCode("1234567".into()))
        );
        assert_eq!(
            check_phone_cell("12345").map(|n| n[0].kind),
            Ok(PhoneKind::Nationwide)
        );
        assert_eq!(
            check_phone_cell("99999"),
            Err(PhoneIssue::Malformed("99999".into()))
        );
        assert_eq!(check_phone_cell("窗口咨询"), Err(PhoneIssue::NoNumber));
        assert_eq!(check_phone_cell(""), Err(PhoneIssue::NoNumber));
        assert!(matches!(
            check_phone_cell("0775-123"),
            Err(PhoneIssue::Malformed(_))
        ));
        assert!(matches!(
            check_phone_cell("0775-123456789"),
            Err(PhoneIssue::Malformed(_))
        ));
    }
}
