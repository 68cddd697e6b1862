//! Rules on how conditions and materials are worded.
pub mod catch_all_clause;
