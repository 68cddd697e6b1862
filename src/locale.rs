//! The language of the run, for messages composed far from the command
//! line (a reader's error, an output directory's refusal), below the
//! message catalogue so that every layer may use it: set once by the
//! binary before anything else runs (`i18n::set_process_lang`); English
//! until then, and in library tests.

use std::sync::atomic::{AtomicBool, Ordering};

static ZH: AtomicBool = AtomicBool::new(false);

/// Make the run's messages Chinese (or English).
pub fn set_zh(zh: bool) {
    ZH.store(zh, Ordering::Relaxed);
}

/// Whether the run's messages are Chinese.
pub fn is_zh() -> bool {
    ZH.load(Ordering::Relaxed)
}

/// A message in the run's language: `tr!("中文 {}", "English {}", x)`,
/// both format strings taking the same arguments.
#[macro_export]
macro_rules! tr {
    ($zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        if $crate::locale::is_zh() {
            format!($zh $(, $arg)*)
        } else {
            format!($en $(, $arg)*)
        }
    };
}

/// An operating-system error in the run's language: the common kinds in
/// words of their own, the rest as the system says them.
pub fn io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let (zh, en) = match e.kind() {
        K::NotFound => ("文件或目录不存在", "no such file or directory"),
        K::PermissionDenied => ("没有权限", "permission denied"),
        K::AlreadyExists => ("已存在", "already exists"),
        K::IsADirectory => ("这是一个目录，不是文件", "is a directory, not a file"),
        K::NotADirectory => (
            "路径中有一项不是目录",
            "a part of the path is not a directory",
        ),
        K::StorageFull => ("磁盘已满", "no space left on the device"),
        K::ReadOnlyFilesystem => ("文件系统只读", "read-only file system"),
        K::InvalidData => ("内容无效", "invalid data"),
        K::UnexpectedEof => ("文件意外结束", "the file ends too early"),
        K::BrokenPipe => ("输出管道已关闭", "broken pipe"),
        K::Interrupted => ("操作被中断", "interrupted"),
        K::OutOfMemory => ("内存不足", "out of memory"),
        _ if is_zh() => return format!("系统错误：{e}"),
        _ => return e.to_string(),
    };
    if is_zh() { zh } else { en }.to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn io_errors_in_words() {
        let e = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(super::io_error(&e), "no such file or directory");
    }
}
