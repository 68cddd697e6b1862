//! Code validation: unified social credit codes, organisation codes, basic,
//! implementation and business-handling codes, administrative division codes
//! and phone numbers.
//!
//! Everything here is a pure function over a `&str`: no standard, no
//! catalogue, no I/O. The rules in `check` decide when a failure matters and
//! how severe it is; this module only answers "is this code well formed, and
//! if not, why". Keeping it pure makes the check characters testable against
//! the real vectors published with the standards.

mod area;
mod credit;
mod phone;
mod service;

pub use area::{parse_area, validate_area, AreaCode, AreaIssue, AreaList, PROVINCE_PREFIXES};
pub use credit::{
    credit_check_char, org_code_check_char, org_code_matches, validate_credit_code, CreditIssue,
};
pub use phone::{
    check_phone_cell, check_phone_numbers, find_phone_numbers, PhoneIssue, PhoneKind, PhoneNumber,
};
pub use service::{
    embedded_basic, split_impl_code, validate_basic_code, validate_handling_code, BasicCode,
    BasicIssue, HandlingIssue, ImplParts, SubForm,
};
