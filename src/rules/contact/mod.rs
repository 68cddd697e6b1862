//! Rules on how applicants reach the office.
pub mod invalid_phone;
pub mod no_phone_number;
pub mod phone_brackets;
pub mod phone_dash;

use crate::codes::PhoneNumber;
use crate::rules::ItemCx;

/// In each of `elements`' cells, the first number `pick` chooses, as
/// written, with its cell: `phone-dash` and `phone-brackets` report the
/// first number of a cell written the way they look for.
pub fn first_number<'a>(
    cx: &ItemCx<'a>,
    elements: &[usize],
    pick: impl Fn(&PhoneNumber) -> bool,
) -> Vec<(PhoneNumber, &'a crate::catalogue::Field)> {
    let mut out = Vec::new();
    for &e in elements {
        let Some((text, f)) = cx.text(Some(e)) else {
            continue;
        };
        if let Some(n) = cx.facts.phones_of(e, text).iter().find(|n| pick(n)) {
            out.push((n.clone(), f));
        }
    }
    out
}

/// The run of a cell that reads as `normalised` (a number found in the
/// cell's NFKC text), as the cell writes it: full-width digits and spaces
/// stay as the reader typed them. `normalised` itself when no run does.
pub fn as_written(cell: &str, normalised: &str) -> String {
    let chars: Vec<(usize, char)> = cell.char_indices().collect();
    for (i, &(start, _)) in chars.iter().enumerate() {
        for &(at, c) in &chars[i..] {
            let end = at + c.len_utf8();
            let piece = crate::text::phone_text(&cell[start..end]);
            if piece == normalised {
                return cell[start..end].to_string();
            }
            if !normalised.starts_with(piece.as_str()) {
                break;
            }
        }
    }
    normalised.to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_number_is_quoted_as_the_cell_writes_it() {
        assert_eq!(
            super::as_written("电话：０７７１—５５１２３４５。", "0771—5512345"),
            "０７７１—５５１２３４５"
        );
        assert_eq!(
            super::as_written("0771—5512345", "0771—5512345"),
            "0771—5512345"
        );
        // near miss: nothing in the cell reads so
        assert_eq!(super::as_written("无", "0771—5512345"), "0771—5512345");
    }
}
