//! `santong init`: set up a catalogue repository.

use super::Exit;
use anyhow::Context;
use santong::config::WorkflowSource;
use santong::i18n::Note;
use santong::tr;
use std::path::{Component, Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// The repository (default: the working directory)
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Where the CI workflow gets santong: a git URL, or santong's source tree inside the repository (a submodule or vendored copy); without it no workflow is written
    #[arg(long, value_name = "URL|PATH")]
    source: Option<String>,
    /// The branch, tag or full commit of a git --source to build (default: its default branch)
    #[arg(long, value_name = "REV", requires = "source")]
    rev: Option<String>,
    /// Overwrite files that exist (without it they are kept)
    #[arg(long)]
    force: bool,
}

pub fn run(a: Args, ui: &super::Ui) -> anyhow::Result<Exit> {
    let lang = ui.lang;
    let source = a
        .source
        .as_deref()
        .map(|s| workflow_source(&a.dir, s, a.rev.as_deref()))
        .transpose()?;
    let files = santong::config::init_files(source.as_ref(), lang);
    let (kept, write): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|(rel, _)| !a.force && a.dir.join(rel).symlink_metadata().is_ok());
    if write.is_empty() {
        // a repository already set up is not an error
        eprintln!(
            "{}",
            tr!(
                "{} 已设置好：init 要写的文件都已存在，未作改动（要重写请加 --force）",
                "{} is already set up: every file init writes exists, nothing changed (--force rewrites them)",
                a.dir.display()
            )
        );
        return Ok(0);
    }
    for (rel, text) in &write {
        let path = a.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| anyhow::anyhow!(santong::locale::cannot_create(parent, &e)))?;
        }
        super::write_atomic(&path, text.as_bytes())?;
        eprintln!("{}", Note::Wrote(&path.display().to_string()).text(lang));
    }
    for (rel, _) in &kept {
        eprintln!(
            "{}",
            tr!(
                "保留已有的 {}（要覆盖请加 --force）",
                "kept {}, which exists (--force overwrites it)",
                a.dir.join(rel).display()
            )
        );
    }
    if source.is_none() {
        eprintln!(
            "{}",
            tr!(
                "未写 CI 工作流：用 `santong init --source <git 地址或路径>` 指明从哪里构建 santong",
                "no CI workflow written: say where it builds santong from with `santong init --source <git URL or path>`"
            )
        );
    }
    Ok(0)
}

/// Reads `--source` (and `--rev`) as a git URL or a directory inside the
/// repository `dir` holding santong's `Cargo.toml`.
fn workflow_source(dir: &Path, source: &str, rev: Option<&str>) -> anyhow::Result<WorkflowSource> {
    if source.is_empty() || source.chars().any(char::is_control) {
        anyhow::bail!(tr!(
            "--source 不能为空，也不能含控制字符",
            "--source must not be empty or hold control characters"
        ));
    }
    if let Some(rev) = rev {
        if rev.is_empty() || rev.chars().any(|c| c.is_control() || c.is_whitespace()) {
            anyhow::bail!(tr!(
                "--rev {:?} 不是分支、标签或提交",
                "--rev {:?} is not a branch, tag or commit",
                rev
            ));
        }
    }
    if WorkflowSource::is_git_url(source) {
        return Ok(WorkflowSource::Git {
            url: source.to_string(),
            rev: rev.unwrap_or("HEAD").to_string(),
        });
    }
    if rev.is_some() {
        anyhow::bail!(tr!(
            "--rev 只用于 git 地址；路径 {} 构建的是仓库中检出的版本",
            "--rev goes with a git URL; the path {} builds what is checked out in the repository",
            source
        ));
    }
    let cwd = std::env::current_dir()
        .context(tr!("无法确定工作目录", "cannot tell the working directory"))?;
    let repo = normalise(&cwd.join(dir));
    let tree = normalise(&cwd.join(source));
    let Ok(rel) = tree.strip_prefix(&repo) else {
        anyhow::bail!(tr!(
            "{} 不在仓库 {} 之内：CI 只能看到仓库里的文件（git 子模块或复制的源码）；别处的 santong 请给出其 git 地址",
            "{} is not inside the repository {}: CI sees only the repository's files (a git submodule or a vendored copy); for santong elsewhere give its git URL",
            source,
            dir.display()
        ));
    };
    if !tree.join("Cargo.toml").is_file() {
        anyhow::bail!(tr!(
            "{} 中没有 Cargo.toml：--source 路径应是 santong 的源码目录",
            "{} holds no Cargo.toml: a --source path is santong's source tree",
            source
        ));
    }
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Ok(WorkflowSource::Path(if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }))
}

/// `p` with `.` and `..` resolved by its words alone (a link in it is
/// not followed: a submodule checked out through one stays inside).
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_is_a_git_url_or_a_tree_inside_the_repository() {
        let repo = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(repo.path().join("tools/santong")).unwrap();
        std::fs::write(repo.path().join("tools/santong/Cargo.toml"), "").unwrap();
        std::fs::create_dir_all(repo.path().join("empty")).unwrap();
        let git = |s: &str, rev: &str| WorkflowSource::Git {
            url: s.into(),
            rev: rev.into(),
        };
        for url in [
            "https://example.invalid/santong.git",
            "ssh://git@example.invalid/santong",
            "git@example.invalid:office/santong.git",
            "file:///srv/santong",
        ] {
            assert_eq!(
                workflow_source(repo.path(), url, None).unwrap(),
                git(url, "HEAD")
            );
        }
        assert_eq!(
            workflow_source(repo.path(), "https://x.invalid/s", Some("v1.2")).unwrap(),
            git("https://x.invalid/s", "v1.2")
        );
        let inside = repo.path().join("tools/./santong");
        assert_eq!(
            workflow_source(repo.path(), inside.to_str().unwrap(), None).unwrap(),
            WorkflowSource::Path("tools/santong".into())
        );
        // near misses: outside the repository, no Cargo.toml, --rev with a path
        let outside = repo.path().join("tools/santong/../../..");
        assert!(workflow_source(repo.path(), outside.to_str().unwrap(), None).is_err());
        let empty = repo.path().join("empty");
        assert!(workflow_source(repo.path(), empty.to_str().unwrap(), None).is_err());
        assert!(workflow_source(repo.path(), inside.to_str().unwrap(), Some("v1")).is_err());
        assert!(workflow_source(repo.path(), "https://x.invalid/s", Some("a b")).is_err());
        assert!(workflow_source(repo.path(), "", None).is_err());
    }
}
