//! Rules on how applicants reach the office.
pub mod invalid_phone;
