//! Rules on a table's shape: its columns and hidden rows.
pub mod duplicate_column;
pub mod hidden_row;
pub mod missing_column;
pub mod unknown_column;
