//! The integration tests, one binary (issue 30): each file a module, the
//! crate linked once. `common` builds the lists the tests check.

mod common;

mod alignment;
mod annotate;
mod architecture;
mod browser;
mod chinese;
mod cli;
mod diff;
mod everyday;
mod exchange;
mod export;
mod formats;
mod generated;
mod guide;
mod hostile;
mod office;
mod outputs;
mod provinces;
mod readers;
mod real_lists;
mod repo;
mod rules;
mod schema;
mod score;
mod template;
