//! Any bytes as a provincial standard's rules.yaml (expressions, messages,
//! params) and elements.yaml: loading must succeed or fail with a message,
//! and a loaded standard must check a list, never panic or run away.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("standard.yaml"), "id: fz\nextends: national\n").unwrap();
    // half the input as rules, half as elements, split at a line
    let cut = text.find("\n---\n").unwrap_or(text.len());
    std::fs::write(d.join("rules.yaml"), &text[..cut]).unwrap();
    if cut < text.len() {
        std::fs::write(d.join("elements.yaml"), &text[cut + 5..]).unwrap();
    }
    let Ok(std) = santong::standard::Standard::from_dir(d) else {
        return;
    };
    let list = d.join("list.csv");
    std::fs::write(
        &list,
        "事项名称,基本编码,实施编码,事项类型\n食品经营许可,000111001000,11450721MB155808114000111001000,行政许可\n",
    )
    .unwrap();
    let _ = santong::check::check_file(&list, &std, &Default::default());
});
