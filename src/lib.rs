//! santong (三同): check, compare and generate China's government service-item
//! catalogues against the national standard — 同一事项、同一标准、同一编码.
//!
//! Data flows one way: `standards/*.yaml` → [`standard::Standard`];
//! spreadsheets → [`catalogue`] records with cell locations; both →
//! [`check`] → findings; findings → [`report`] renderers. The library never
//! prints: the binary renders.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod catalogue;
pub mod check;
pub mod codes;
pub mod config;
pub mod diff;
pub mod export;
pub mod generate;
pub mod i18n;
pub mod locale;
pub mod output;
pub mod profile;
pub mod report;
pub mod rules;
pub mod schema;
pub mod score;
pub mod settings;
pub mod standard;
pub mod text;
pub mod yaml;
