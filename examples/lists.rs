//! Generate realistic implementation lists at any scale, for benchmarks
//! and manual runs:
//!
//! ```sh
//! cargo run --release --example lists -- --items 200000 --regions 2 --format csv,xlsx --out /tmp/lists
//! ```
//!
//! Every region implements the same items (so `diff` aligns them), with
//! valid codes of its own and about 1 % defects (`--defects` per mille).
//! The same arguments always write the same files.

#[path = "../benches/support/lists.rs"]
mod lists;

fn main() {
    let mut spec = lists::Spec::default();
    let mut formats = vec!["csv".to_string()];
    let mut out = std::path::PathBuf::from("lists");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| fail(&format!("{a} needs a value")))
        };
        let number = |v: String| {
            v.parse::<u64>()
                .unwrap_or_else(|_| fail(&format!("not a number: {v}")))
        };
        match a.as_str() {
            "--items" => spec.items = number(value()) as usize,
            "--regions" => spec.regions = number(value()) as usize,
            "--defects" => spec.defects_per_mille = number(value()),
            "--seed" => spec.seed = number(value()),
            "--format" => formats = value().split(',').map(str::to_string).collect(),
            "--out" => out = value().into(),
            "--no-materials" => spec.materials = false,
            "-h" | "--help" => {
                println!("lists [--items N] [--regions K] [--format csv,xlsx] [--defects PER_MILLE] [--seed S] [--no-materials] [--out DIR]");
                return;
            }
            other => fail(&format!("unknown argument {other}")),
        }
    }
    let formats: Vec<&str> = formats.iter().map(String::as_str).collect();
    match lists::write_all(&spec, &formats, &out) {
        Ok(paths) => {
            for p in paths {
                let size = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
                println!("{} ({:.1} MiB)", p.display(), size as f64 / 1048576.0);
            }
        }
        Err(e) => fail(&e),
    }
}

fn fail(message: &str) -> ! {
    eprintln!("lists: {message}");
    std::process::exit(2)
}
