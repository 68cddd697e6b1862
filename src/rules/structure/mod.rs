//! Rules on a table's shape: its columns, hidden rows and superseded records.
pub mod duplicate_column;
pub mod folded_row;
pub mod hidden_row;
pub mod missing_column;
pub mod superseded_version;
pub mod unknown_column;
