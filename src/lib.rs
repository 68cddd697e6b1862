//! santong (三同): check, compare and generate China's government service-item
//! catalogues against the national standard — 同一事项、同一标准、同一编码.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod codes;
