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

/// "cannot read PATH: why", in the run's language.
pub fn cannot_read(path: &std::path::Path, e: &std::io::Error) -> String {
    tr!(
        "无法读取 {}：{}",
        "cannot read {}: {}",
        path.display(),
        io_error(e)
    )
}

/// "cannot create PATH: why", in the run's language.
pub fn cannot_create(path: &std::path::Path, e: &std::io::Error) -> String {
    tr!(
        "无法创建 {}：{}",
        "cannot create {}: {}",
        path.display(),
        io_error(e)
    )
}

/// A JSON parser's error in the run's language, without its position
/// (callers name the line and column): the syntax faults people make by
/// hand in words of their own.
pub fn json_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let what = text.split(" at line ").next().unwrap_or_default();
    if !is_zh() {
        return what.to_string();
    }
    use serde_json::error::Category;
    let known: &[(&str, &str)] = &[
        (
            "EOF while parsing a list",
            "列表（[…]）未结束，文件就结束了",
        ),
        (
            "EOF while parsing an object",
            "对象（{…}）未结束，文件就结束了",
        ),
        (
            "EOF while parsing a string",
            "字符串未结束（缺少右引号），文件就结束了",
        ),
        ("EOF while parsing a value", "此处应有一个值，文件却结束了"),
        ("expected `,` or `]`", "此处应为 `,` 或 `]`"),
        ("expected `,` or `}`", "此处应为 `,` 或 `}`"),
        ("expected `:`", "此处应为 `:`"),
        ("expected value", "此处应有一个值"),
        ("expected ident", "此处应为 true、false 或 null"),
        ("trailing comma", "多余的逗号"),
        ("trailing characters", "JSON 结束后还有多余的内容"),
        ("key must be a string", "对象的键必须是带引号的字符串"),
        ("invalid escape", "无效的转义序列"),
        ("invalid number", "无效的数字"),
        ("number out of range", "数字超出范围"),
        ("invalid unicode code point", "无效的 Unicode 码点"),
        ("control character", "字符串中有控制字符（换行等须转义）"),
        ("lone leading surrogate", "无效的 Unicode 代理对"),
        ("recursion limit exceeded", "嵌套层数过多"),
    ];
    if let Some((_, zh)) = known.iter().find(|(en, _)| what.starts_with(en)) {
        return zh.to_string();
    }
    // serde's words for a document of the wrong shape
    let field = |rest: &str| rest.split('`').nth(1).unwrap_or_default().to_string();
    if let Some(rest) = what.strip_prefix("missing field ") {
        return format!("缺少字段 `{}`", field(rest));
    }
    if let Some(rest) = what.strip_prefix("unknown field ") {
        return format!("未知的字段 `{}`", field(rest));
    }
    if let Some(rest) = what.strip_prefix("unknown variant ") {
        return format!("未知的取值 `{}`", field(rest));
    }
    if what.starts_with("invalid type") || what.starts_with("invalid value") {
        return "类型或取值不对".into();
    }
    match e.classify() {
        Category::Eof => "文件意外结束".into(),
        Category::Io => "读取出错".into(),
        Category::Syntax => "JSON 语法错误".into(),
        Category::Data => "内容与预期的结构不符".into(),
    }
}

/// A regular expression's compile error in the run's language, on one
/// line: what is wrong and at which character (the regex crate draws a
/// multi-line diagram).
pub fn regex_error(e: &regex::Error) -> String {
    let text = match e {
        regex::Error::CompiledTooBig(limit) => {
            return tr!(
                "正则表达式编译后超过 {} 字节的上限",
                "the regular expression compiles to more than {} bytes",
                limit
            )
        }
        e => e.to_string(),
    };
    let lines: Vec<&str> = text.lines().collect();
    // "regex parse error:", "    PATTERN", "    ^^^", "error: WHAT"
    let at = lines
        .iter()
        .find(|l| l.trim_start().starts_with('^'))
        .and_then(|l| l.find('^'))
        .map(|col| col.saturating_sub(4) + 1);
    let what = lines
        .iter()
        .find_map(|l| l.strip_prefix("error: "))
        .unwrap_or("syntax error");
    const ZH: [(&str, &str); 9] = [
        ("unclosed character class", "字符类 `[` 没有闭合"),
        ("unclosed group", "分组 `(` 没有闭合"),
        ("unopened group", "多余的 `)`"),
        (
            "repetition operator missing expression",
            "重复符号前缺少内容",
        ),
        ("invalid escape sequence", "无效的转义"),
        ("unrecognized escape sequence", "无法识别的转义"),
        ("decimal literal invalid", "重复次数不是有效的数"),
        (
            "invalid character class range",
            "字符范围无效（起点大于终点）",
        ),
        ("empty character class", "空的字符类"),
    ];
    let zh = ZH
        .iter()
        .find(|(en, _)| what.starts_with(en))
        .map_or("语法错误", |(_, zh)| zh);
    match at {
        Some(at) => tr!(
            "正则表达式第 {} 个字符处：{}",
            "regular expression, character {}: {}",
            at,
            if is_zh() { zh } else { what }
        ),
        None => tr!(
            "正则表达式：{}",
            "regular expression: {}",
            if is_zh() { zh } else { what }
        ),
    }
}

/// A template or expression error (minijinja) in the run's language: its
/// kind and line, and under English its own detail.
pub fn template_error(e: &minijinja::Error) -> String {
    if !is_zh() {
        return e.to_string();
    }
    match e.line() {
        Some(line) => format!("第 {line} 行：{}", template_error_kind(e)),
        None => template_error_kind(e),
    }
}

/// What kind of template error `e` is, in the run's language (Chinese
/// for the kinds a template author meets, minijinja's words otherwise).
pub fn template_error_kind(e: &minijinja::Error) -> String {
    if !is_zh() {
        return e.kind().to_string();
    }
    use minijinja::ErrorKind as K;
    let kind = match e.kind() {
        K::SyntaxError => "语法错误",
        K::UndefinedError => "用到了未定义的值",
        K::UnknownFunction => "未知的函数",
        K::UnknownFilter => "未知的过滤器",
        K::UnknownTest => "未知的测试",
        K::UnknownMethod => "未知的方法",
        K::InvalidOperation => "无效的运算",
        K::TooManyArguments => "参数过多",
        K::MissingArgument => "缺少参数",
        K::BadEscape => "无效的转义",
        K::CannotUnpack => "无法拆开该值",
        K::OutOfFuel => "计算量超出上限",
        K::TemplateNotFound => "找不到模板",
        K::NonKey => "该值不能作为键",
        K::NonPrimitive => "该值不是基本类型",
        K::BadSerialization => "无法序列化该值",
        _ => "模板错误",
    };
    kind.to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn io_errors_in_words() {
        let e = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(super::io_error(&e), "no such file or directory");
    }
}
