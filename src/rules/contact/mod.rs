//! Rules on how applicants reach the office.
pub mod invalid_phone;
pub mod no_phone_number;
pub mod phone_dash;
