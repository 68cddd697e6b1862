//! Rules across the items of one file about who implements them: one
//! credit code per body and one body per credit code, items listed once.
pub mod body_code_variants;
pub mod duplicate_item;
pub mod org_code_as_credit_code;
pub mod shared_credit_code;

use crate::catalogue::value::clean_code;
use crate::rules::*;

/// Where a value was first seen.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    pub source: Arc<Source>,
    pub row: u32,
    pub col: Option<u32>,
    pub text: String,
}

impl Seen {
    pub fn of(source: &Arc<Source>, f: &Field, text: &str) -> Self {
        Seen {
            source: source.clone(),
            row: f.row,
            col: f.col,
            text: text.to_string(),
        }
    }

    pub fn cell(&self) -> String {
        cell_ref(&self.source, self.row, self.col)
    }
}

/// The body's code as written (cleaned) and its name, when both are there.
pub(crate) fn body<'a>(cx: &ItemCx<'a>) -> Option<(String, &'a Field, &'a str)> {
    let ids = &cx.std().ids;
    let (_, code_f) = cx.value(ids.body_code)?;
    let (name, _) = cx.text(ids.body_name)?;
    let code = clean_code(&code_f.text).to_ascii_uppercase();
    (!code.is_empty()).then_some((code, *code_f, name))
}
