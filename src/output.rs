//! Writing outputs: atomically (a temporary file in the same directory,
//! then a rename), as ordinary 0644 files, only below where the user
//! asked, and never over anything the run has read.
//!
//! Every file santong reads — catalogues, the basic catalogue, the
//! division list, the standard's files, templates, the config — is noted
//! with [`note_read`]; [`write_atomic`] refuses a target that is one of
//! them or a link to one. A target that exists and is not a regular file
//! (a FIFO, a device, `/dev/stdout`) is written through, never renamed
//! over; `-` is standard output.

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// The time written into generated documents, in seconds since 1970:
/// `SOURCE_DATE_EPOCH` when set (reproducible-builds.org), else a fixed
/// 2000-01-01T00:00:00Z, so two runs give byte-identical files.
pub fn document_time() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|t| (0..=253_402_300_799).contains(t))
        .unwrap_or(946_684_800)
}

/// The civil date (year, month, day) of a day counted from 1970-01-01
/// (Howard Hinnant's algorithm).
pub fn civil_date(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468; // to days since 0000-03-01
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// A new workbook whose creation time is [`document_time`] (rust_xlsxwriter
/// otherwise writes the current time, and no two runs would be equal).
pub fn workbook() -> rust_xlsxwriter::Workbook {
    let mut wb = rust_xlsxwriter::Workbook::new();
    if let Ok(t) = rust_xlsxwriter::ExcelDateTime::from_timestamp(document_time()) {
        let props = rust_xlsxwriter::DocProperties::new().set_creation_datetime(&t);
        wb.set_properties(&props);
    }
    wb
}

/// How a sheet prints: on A4, in the orientation its width needs, one page
/// wide, with its header rows (first, last; 0-based) on every page and the
/// page numbers in the footer (`footer`, e.g. `&C第 &P 页，共 &N 页`).
pub fn print_setup(
    ws: &mut rust_xlsxwriter::Worksheet,
    landscape: bool,
    header: Option<(u32, u32)>,
    footer: &str,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    ws.set_paper_size(9) // A4
        .set_print_fit_to_pages(1, 0)
        .set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3)
        .set_footer(footer);
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    if let Some((first, last)) = header {
        ws.set_repeat_rows(first, last)?;
    }
    Ok(())
}

/// The height in points of a row whose cells wrap: `cells` are (text,
/// column width in Excel's units, about one Latin character or half a
/// Chinese one). Spreadsheet programs do not grow rows on opening a file
/// (LibreOffice prints wrapped text over the rows below), so the writer
/// sets it.
pub fn wrapped_row_height(cells: &[(&str, f64)]) -> f64 {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            let per_line = (width - 1.0).max(4.0);
            text.split('\n')
                .map(|l| {
                    let w = unicode_width::UnicodeWidthStr::width(l) as f64;
                    (w / per_line).ceil().max(1.0)
                })
                .sum::<f64>()
        })
        .fold(1.0, f64::max)
        .min(27.0); // Excel's limit is 409 points
    15.0 * lines
}

/// Row `r` made as tall as its wrapped cells (text, column width) need;
/// a row of one line keeps the default height.
pub fn fit_row(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    cells: &[(&str, f64)],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let h = wrapped_row_height(cells);
    if h > 15.0 {
        ws.set_row_height(r, h)?;
    }
    Ok(())
}

/// What a file is, as far as "the same file" goes: its canonical path and,
/// on Unix, its device and inode (a hard link has another path).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    path: PathBuf,
    inode: Option<(u64, u64, i64)>,
}

fn identity(path: &Path) -> Option<Identity> {
    let canonical = path.canonicalize().ok()?;
    #[cfg(unix)]
    let inode = {
        use std::os::unix::fs::MetadataExt;
        // with the modification time, so a deleted file's inode number
        // given to a new file is not taken for it (a link shares all three)
        std::fs::metadata(&canonical)
            .ok()
            .map(|m| (m.dev(), m.ino(), m.mtime() * 1_000_000_000 + m.mtime_nsec()))
    };
    #[cfg(not(unix))]
    let inode = None;
    Some(Identity {
        path: canonical,
        inode,
    })
}

/// The files read in this process.
static READ: Mutex<Vec<Identity>> = Mutex::new(Vec::new());

/// Note that the run has read `path`: no output may be written over it.
pub fn note_read(path: &Path) {
    if let Some(id) = identity(path) {
        let mut read = READ.lock().unwrap_or_else(|e| e.into_inner());
        if !read.contains(&id) {
            read.push(id);
        }
    }
}

/// Whether `path` is (or links to) a file the run has read.
pub fn was_read(path: &Path) -> bool {
    let Some(id) = identity(path) else {
        return false;
    };
    let read = READ.lock().unwrap_or_else(|e| e.into_inner());
    read.iter()
        .any(|r| r.path == id.path || (r.inode.is_some() && r.inode == id.inode))
}

/// Whether two paths name the same file (a link counts).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (identity(a), identity(b)) {
        (Some(x), Some(y)) => x.path == y.path || (x.inode.is_some() && x.inode == y.inode),
        _ => false,
    }
}

/// Write `bytes` to `path` atomically; see the module documentation for
/// what is refused and what is written through.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if path.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        return out.write_all(bytes).and_then(|_| out.flush()).map_err(|e| {
            crate::tr!(
                "无法写到标准输出：{}",
                "cannot write to standard output: {}",
                crate::locale::io_error(&e)
            )
        });
    }
    if was_read(path) {
        return Err(crate::tr!(
            "拒绝写到 {} 上：本次运行读取了它",
            "refusing to write over {}: this run read it",
            path.display()
        ));
    }
    // a FIFO, a device or /dev/stdout: write through, never replace it
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() {
            if meta.is_dir() {
                return Err(crate::tr!("{} 是目录", "{} is a directory", path.display()));
            }
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| cannot_write(path, &e))?;
            return f
                .write_all(bytes)
                .and_then(|_| f.flush())
                .map_err(|e| cannot_write(path, &e));
        }
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| cannot_write(dir, &e))?;
    tmp.write_all(bytes).map_err(|e| cannot_write(path, &e))?;
    // a temporary file is private (0600); an output is an ordinary file
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = tmp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    tmp.persist(path)
        .map_err(|e| cannot_write(path, &e.error))?;
    Ok(())
}

fn cannot_write(path: &Path, e: &std::io::Error) -> String {
    crate::tr!(
        "无法写入 {}：{}",
        "cannot write {}: {}",
        path.display(),
        crate::locale::io_error(e)
    )
}

/// A file name made only of ASCII letters, digits, `-` and `_`, from
/// untrusted text such as a code read from a spreadsheet; `None` when
/// nothing usable is left. It can never name a directory or climb out.
pub fn safe_stem(text: &str) -> Option<String> {
    let s: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(64)
        .collect();
    let s = s.trim_matches(['-', '_']).to_string();
    (!s.is_empty()).then_some(s)
}

/// Windows' reserved device names: a file called `CON.html` cannot be
/// opened there, so such a stem gets a trailing `_`.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Stems handed out in one run: each is unique, compared without case (so
/// they stay apart on case-insensitive file systems), and never a
/// Windows-reserved name.
#[derive(Debug, Default)]
pub struct Stems {
    used: std::collections::HashSet<String>,
}

impl Stems {
    /// `stem`, or `stem-2`, `stem-3` … — the first not handed out yet.
    pub fn unique(&mut self, stem: &str) -> String {
        let stem = if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
            format!("{stem}_")
        } else {
            stem.to_string()
        };
        let mut candidate = stem.clone();
        let mut n = 1;
        while !self.used.insert(candidate.to_ascii_lowercase()) {
            n += 1;
            candidate = format!("{stem}-{n}");
        }
        candidate
    }
}

/// A directory for outputs: created when missing, refused when it is a file.
/// Every path later joined to it must be a plain relative path, and no
/// directory on the way may be a symbolic link (it could lead out).
pub struct OutDir {
    root: PathBuf,
    /// Files that must never be written (the inputs), canonicalised.
    protected: Vec<PathBuf>,
    /// Replace files that exist (`--force`); otherwise they are refused.
    force: bool,
}

impl OutDir {
    pub fn create(root: &Path) -> Result<OutDir, String> {
        if root.exists() && !root.is_dir() {
            return Err(crate::tr!(
                "--out {} 是文件，不是目录",
                "--out {} is a file, not a directory",
                root.display()
            ));
        }
        std::fs::create_dir_all(root).map_err(|e| crate::locale::cannot_create(root, &e))?;
        Ok(OutDir {
            root: root.to_path_buf(),
            protected: Vec::new(),
            force: false,
        })
    }

    /// Replace files that already exist instead of refusing them.
    pub fn force(mut self, force: bool) -> Self {
        self.force = force;
        self
    }

    /// Refuse to write over any of these files (the inputs).
    pub fn protect(mut self, inputs: &[PathBuf]) -> Self {
        self.protected
            .extend(inputs.iter().filter_map(|p| p.canonicalize().ok()));
        self
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where `rel` lies below the root, when santong may touch it there:
    /// a plain relative path, not an input, and reached through no
    /// symbolic link (a link could lead anywhere).
    fn inside(&self, rel: &str) -> Result<PathBuf, String> {
        let rel_path = Path::new(rel);
        if !rel_path
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        {
            return Err(crate::tr!(
                "拒绝写到输出目录之外：{}",
                "refusing to write outside the output directory: {}",
                rel
            ));
        }
        let path = self.root.join(rel_path);
        if path
            .canonicalize()
            .is_ok_and(|p| self.protected.contains(&p))
        {
            return Err(crate::tr!(
                "拒绝写到输入文件上：{}",
                "refusing to write over an input file: {}",
                path.display()
            ));
        }
        // every directory below the root, and the file, must be real: a
        // link could lead anywhere
        let mut at = self.root.clone();
        for c in rel_path.components() {
            at.push(c);
            if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(crate::tr!(
                    "拒绝经由符号链接写入：{}",
                    "refusing to write through a symbolic link: {}",
                    at.display()
                ));
            }
        }
        Ok(path)
    }

    /// Write `rel` (e.g. `items/X.html`) below the root, atomically.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<PathBuf, String> {
        let path = self.inside(rel)?;
        if !self.force && std::fs::symlink_metadata(&path).is_ok() {
            return Err(crate::tr!(
                "{} 已存在；要替换请加 --force",
                "{} exists; give --force to replace it",
                path.display()
            ));
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| crate::locale::cannot_create(parent, &e))?;
        }
        write_atomic(&path, bytes)?;
        Ok(path)
    }
}

/// The file in an output directory that lists, one relative path a line,
/// the files santong wrote there, so `guide --clean` removes only those.
pub const MANIFEST: &str = ".santong-manifest";

impl OutDir {
    /// The files an earlier run recorded in the manifest (none when there
    /// is none or it cannot be read).
    fn recorded(&self) -> Vec<String> {
        std::fs::read_to_string(self.root.join(MANIFEST))
            .map(|t| {
                t.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Record this run's files in the manifest. With `clean`, the files an
    /// earlier run recorded and this one did not write are removed first
    /// (only regular files below the root, never through a link, never an
    /// input); without it they stay recorded. Returns the files removed.
    pub fn record(&self, written: &[PathBuf], clean: bool) -> Result<Vec<PathBuf>, String> {
        let rel = |p: &Path| {
            p.strip_prefix(&self.root)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"))
        };
        let now: std::collections::BTreeSet<String> =
            written.iter().filter_map(|p| rel(p)).collect();
        let mut keep = now.clone();
        let mut removed = Vec::new();
        for old in self.recorded() {
            if now.contains(&old) {
                continue;
            }
            let plain = Path::new(&old)
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
            if !clean {
                if plain {
                    keep.insert(old);
                }
                continue;
            }
            // the same refusals as writing: never out, never an input,
            // never through a link
            let Ok(full) = self.inside(&old) else {
                continue;
            };
            if std::fs::symlink_metadata(&full).is_ok_and(|m| m.is_file()) {
                std::fs::remove_file(&full).map_err(|e| {
                    crate::tr!(
                        "无法删除 {}：{}",
                        "cannot remove {}: {}",
                        full.display(),
                        crate::locale::io_error(&e)
                    )
                })?;
                removed.push(full);
            }
        }
        let mut text = String::from(
            "# Files santong wrote here; `santong guide --clean` removes those no longer generated.\n",
        );
        for f in &keep {
            text.push_str(f);
            text.push('\n');
        }
        write_atomic(&self.root.join(MANIFEST), text.as_bytes())?;
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_only_what_an_earlier_run_recorded() {
        let d = tempfile::tempdir().unwrap();
        let out = OutDir::create(d.path()).unwrap().force(true);
        let a = out.write("items/a.html", b"a").unwrap();
        let b = out.write("items/b.html", b"b").unwrap();
        out.record(&[a.clone(), b.clone()], false).unwrap();
        // the user's own file beside them is never santong's
        std::fs::write(d.path().join("items/mine.html"), "mine").unwrap();
        // a later run without b, not cleaning: b stays, and stays recorded
        let a = out.write("items/a.html", b"a2").unwrap();
        assert!(out
            .record(std::slice::from_ref(&a), false)
            .unwrap()
            .is_empty());
        assert!(b.exists());
        // cleaning: b goes, the user's file stays
        let removed = out.record(std::slice::from_ref(&a), true).unwrap();
        assert_eq!(removed, vec![b.clone()]);
        assert!(!b.exists() && a.exists());
        assert!(d.path().join("items/mine.html").exists());
        let manifest = std::fs::read_to_string(d.path().join(MANIFEST)).unwrap();
        assert!(manifest.contains("items/a.html") && !manifest.contains("items/b.html"));
    }

    #[test]
    fn clean_never_follows_a_recorded_path_out() {
        let d = tempfile::tempdir().unwrap();
        let outside = d.path().join("outside.html");
        std::fs::write(&outside, "keep").unwrap();
        let root = d.path().join("site");
        let out = OutDir::create(&root).unwrap();
        std::fs::write(root.join(MANIFEST), "../outside.html\n/etc/passwd\n").unwrap();
        assert!(out.record(&[], true).unwrap().is_empty());
        assert!(outside.exists());
    }

    #[test]
    fn stems_cannot_climb_or_inject() {
        assert_eq!(safe_stem("../../etc/x").as_deref(), Some("etcx"));
        assert_eq!(safe_stem("<script>").as_deref(), Some("script"));
        assert_eq!(safe_stem("..").as_deref(), None);
        assert_eq!(safe_stem("事项").as_deref(), None);
        assert_eq!(
            safe_stem("11450702MB1234567X4000111001000").as_deref(),
            Some("11450702MB1234567X4000111001000")
        );
    }

    #[test]
    fn stems_are_unique_without_case_and_never_reserved() {
        let mut s = Stems::default();
        assert_eq!(s.unique("X"), "X");
        assert_eq!(s.unique("X"), "X-2");
        // a code that is itself X-2 does not take the page of the second X
        assert_eq!(s.unique("X-2"), "X-2-2");
        assert_eq!(s.unique("x"), "x-3");
        assert_eq!(s.unique("con"), "con_");
        assert_eq!(s.unique("COM1"), "COM1_");
        assert_eq!(s.unique("CONSOLE"), "CONSOLE");
    }

    #[test]
    fn out_dir_refuses_relative_escapes() {
        let d = tempfile::tempdir().unwrap();
        let out = OutDir::create(&d.path().join("o")).unwrap();
        assert!(out.write("../x", b"x").is_err());
        assert!(out.write("/etc/x", b"x").is_err());
        assert!(out.write("items/a.html", b"x").is_ok());
        assert!(d.path().join("o/items/a.html").is_file());
        // an existing file needs force
        assert!(out.write("items/a.html", b"y").is_err());
        let out = out.force(true);
        assert!(out.write("items/a.html", b"y").is_ok());
        #[cfg(unix)]
        {
            let elsewhere = d.path().join("elsewhere");
            std::fs::create_dir(&elsewhere).unwrap();
            std::os::unix::fs::symlink(&elsewhere, d.path().join("o/linked")).unwrap();
            assert!(out.write("linked/x.html", b"x").is_err());
            assert!(!elsewhere.join("x.html").exists());
        }
        let input = d.path().join("o/index.md");
        std::fs::write(&input, "input").unwrap();
        let out = out.protect(std::slice::from_ref(&input));
        assert!(out.write("index.md", b"x").is_err());
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "input");
    }
}
