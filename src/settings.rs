//! What a run uses, merged from its flags and `santong.yaml`: a flag wins
//! over the file, the file over the default. Paths the file names are
//! relative to the file. This is the one place that merge is written;
//! every command that reads lists settles its settings through it.

use crate::config::{FailOn, Loaded};
use std::path::PathBuf;

/// Which standard to load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StandardChoice {
    /// The embedded national standard.
    National,
    Dir(PathBuf),
}

/// Which basic catalogue to compare against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BasicChoice {
    /// The bundled sample.
    Sample,
    File(PathBuf),
}

impl BasicChoice {
    /// `sample` or a path, as the flag spells it.
    pub fn from_arg(p: PathBuf) -> Self {
        if p.as_os_str() == "sample" {
            BasicChoice::Sample
        } else {
            BasicChoice::File(p)
        }
    }
}

/// The options given on the command line (none where not given).
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub standard: Option<PathBuf>,
    pub basic: Option<PathBuf>,
    pub areas: Option<PathBuf>,
    pub encoding: Option<String>,
    pub fail_on: Option<FailOn>,
    pub limits: crate::catalogue::limits::LimitsConfig,
}

/// The settings of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub standard: StandardChoice,
    pub basic: Option<BasicChoice>,
    pub areas: Option<PathBuf>,
    pub encoding: Option<String>,
    pub fail_on: FailOn,
    pub limits: crate::catalogue::limits::Limits,
}

impl Settings {
    /// Merge the flags over the settings file (if any).
    pub fn merge(flags: Flags, config: Option<&Loaded>) -> Settings {
        let cfg = config.map(|c| &c.config);
        let from_file = |v: Option<&String>| -> Option<PathBuf> { Some(config?.resolve(v?)) };
        let standard = match (flags.standard, cfg.and_then(|c| c.standard.as_ref())) {
            (Some(d), _) => StandardChoice::Dir(d),
            (None, None) => StandardChoice::National,
            (None, Some(s)) if s == "national" => StandardChoice::National,
            (None, Some(s)) => StandardChoice::Dir(from_file(Some(s)).unwrap_or_default()),
        };
        let basic = match (flags.basic, cfg.and_then(|c| c.basic.as_ref())) {
            (Some(p), _) => Some(BasicChoice::from_arg(p)),
            (None, Some(s)) if s == "sample" => Some(BasicChoice::Sample),
            (None, other) => from_file(other).map(BasicChoice::File),
        };
        Settings {
            standard,
            basic,
            areas: flags
                .areas
                .or_else(|| from_file(cfg.and_then(|c| c.areas.as_ref()))),
            encoding: flags
                .encoding
                .or_else(|| cfg.and_then(|c| c.encoding.clone())),
            fail_on: flags
                .fail_on
                .or_else(|| cfg.and_then(|c| c.fail_on))
                .unwrap_or(FailOn::Error),
            limits: crate::catalogue::limits::Limits::layered(&[
                &flags.limits,
                &cfg.and_then(|c| c.limits.clone()).unwrap_or_default(),
            ]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Loaded;

    fn loaded(yaml: &str) -> (tempfile::TempDir, Loaded) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("santong.yaml");
        std::fs::write(&p, yaml).unwrap();
        let l = Loaded::load(&p).unwrap();
        (dir, l)
    }

    #[test]
    fn defaults_without_flags_or_file() {
        let s = Settings::merge(Flags::default(), None);
        assert_eq!(s.standard, StandardChoice::National);
        assert_eq!(s.basic, None);
        assert_eq!(s.fail_on, FailOn::Error);
        assert_eq!(s.encoding, None);
    }

    #[test]
    fn the_file_fills_in_relative_to_itself() {
        let (dir, l) = loaded(
            "standard: gx\nbasic: basic.xlsx\nareas: areas.csv\nencoding: gbk\nfail_on: warning\n",
        );
        let s = Settings::merge(Flags::default(), Some(&l));
        assert_eq!(s.standard, StandardChoice::Dir(dir.path().join("gx")));
        assert_eq!(
            s.basic,
            Some(BasicChoice::File(dir.path().join("basic.xlsx")))
        );
        assert_eq!(s.areas, Some(dir.path().join("areas.csv")));
        assert_eq!(s.encoding.as_deref(), Some("gbk"));
        assert_eq!(s.fail_on, FailOn::Warning);
    }

    #[test]
    fn flags_win_over_the_file() {
        let (_dir, l) = loaded(
            "standard: gx\nbasic: sample\nencoding: gbk\nfail_on: never\nlimits: { max_part_bytes: 1000, max_cells: 50 }\n",
        );
        let flags = Flags {
            standard: Some(PathBuf::from("other")),
            basic: Some(PathBuf::from("mine.csv")),
            areas: None,
            encoding: Some("utf-8".into()),
            fail_on: Some(FailOn::Error),
            limits: crate::catalogue::limits::LimitsConfig {
                max_part_bytes: Some(2000),
                ..Default::default()
            },
        };
        let s = Settings::merge(flags, Some(&l));
        assert_eq!(s.standard, StandardChoice::Dir(PathBuf::from("other")));
        assert_eq!(s.basic, Some(BasicChoice::File(PathBuf::from("mine.csv"))));
        assert_eq!(s.encoding.as_deref(), Some("utf-8"));
        assert_eq!(s.fail_on, FailOn::Error);
        // a flag wins; the file's limit stands where no flag is given
        assert_eq!(s.limits.max_part_bytes, 2000);
        assert_eq!(s.limits.max_cells, 50);
        assert_eq!(s.limits.max_cell_bytes, 128 << 10);
        let d = Settings::merge(Flags::default(), None);
        assert_eq!(d.limits, crate::catalogue::limits::Limits::default());
    }

    #[test]
    fn national_and_sample_are_words_not_paths() {
        let (_dir, l) = loaded("standard: national\nbasic: sample\n");
        let s = Settings::merge(Flags::default(), Some(&l));
        assert_eq!(s.standard, StandardChoice::National);
        assert_eq!(s.basic, Some(BasicChoice::Sample));
        let flag = Flags {
            basic: Some(PathBuf::from("sample")),
            ..Default::default()
        };
        assert_eq!(Settings::merge(flag, None).basic, Some(BasicChoice::Sample));
    }
}
