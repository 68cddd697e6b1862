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
