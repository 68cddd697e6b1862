//! The user's language and the message catalogue: every sentence santong
//! composes from data — why a value or a code is wrong, what a command did —
//! in Chinese and English ([`messages`]). Rule messages themselves are data
//! in `standards/*/rules.yaml`; the layers above produce values (problems,
//! issues, counts), and only this module turns them into words.

pub mod help;
pub mod messages;
pub mod ui;
pub use messages::{Note, Reason, ValueProblem};

/// Set the language of the run's messages (see [`crate::locale`]).
/// An English count with its noun in the right number: `1 error`,
/// `2 errors`.
pub fn en_count(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("{n} {singular}")
    } else {
        format!("{n} {plural}")
    }
}

pub fn set_process_lang(lang: Lang) {
    crate::locale::set_zh(lang == Lang::Zh);
}

/// The language of the run's messages.
pub fn process_lang() -> Lang {
    if crate::locale::is_zh() {
        Lang::Zh
    } else {
        Lang::En
    }
}

pub use crate::locale::io_error;

/// Output language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    Zh,
    #[default]
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Chinese when the locale says so (LC_ALL, LC_MESSAGES, LANG in that
    /// order, as POSIX does), otherwise English.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if v.is_empty() {
                    continue;
                }
                return if v.to_ascii_lowercase().starts_with("zh") {
                    Lang::Zh
                } else {
                    Lang::En
                };
            }
        }
        Lang::En
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh_cn" | "cn" | "chinese" => Some(Lang::Zh),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// Pick the text for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn msg(self, m: &Msg) -> &str {
        self.pick(&m.zh, &m.en)
    }
}

/// A fixed UI string in both languages.
#[derive(Debug, Clone, Copy)]
pub struct T(pub &'static str, pub &'static str);

impl T {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.0,
            Lang::En => self.1,
        }
    }
}

/// A text in both languages, as the standard's YAML writes it.
#[derive(
    Debug, Clone, Default, serde::Deserialize, serde::Serialize, schemars::JsonSchema, PartialEq,
)]
#[serde(deny_unknown_fields)]
pub struct Msg {
    pub zh: String,
    pub en: String,
}

impl Msg {
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// A message in a given language: `tr_in!(lang, "中文 {}", "English {}", x)`.
#[macro_export]
macro_rules! tr_in {
    ($lang:expr, $zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        match $lang {
            $crate::i18n::Lang::Zh => format!($zh $(, $arg)*),
            $crate::i18n::Lang::En => format!($en $(, $arg)*),
        }
    };
}
