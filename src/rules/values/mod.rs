//! Rules on values: present where required, readable, coded.
pub mod invalid_value;
pub mod missing_required;
pub mod uncoded_item_type;
