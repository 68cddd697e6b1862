//! The large-data generator (benches/support/lists.rs, `cargo run
//! --example lists`) writes lists santong reads as real ones: the only
//! findings are the defects it put in, at about the rate asked for, and
//! every region's items align with the others' by basic code.

#[path = "../../benches/support/lists.rs"]
mod lists;

use assert_cmd::Command;

fn rules(out: &[u8]) -> Vec<(String, u64)> {
    let v: serde_json::Value = serde_json::from_slice(out).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn generated_lists_carry_only_the_defects_put_in() {
    let dir = crate::common::tmp();
    let spec = lists::Spec {
        items: 3_000,
        regions: 3,
        defects_per_mille: 10,
        seed: 7,
        materials: true,
    };
    let paths = lists::write_all(&spec, &["csv", "xlsx"], dir.path()).unwrap();
    assert_eq!(paths.len(), 6);
    // the defects and what they set off
    let expected = [
        "promise-exceeds-statutory",
        "invalid-credit-code",
        "body-code-variants",
        "invalid-phone",
        "missing-required",
        "invalid-value",
        "duplicate-material",
    ];
    for p in &paths {
        let out = Command::cargo_bin("santong")
            .unwrap()
            .args(["--lang", "en", "check", "--format", "json"])
            .arg(p)
            .output()
            .unwrap();
        let found = rules(&out.stdout);
        let stray: Vec<_> = found
            .iter()
            .filter(|(r, _)| !expected.contains(&r.as_str()))
            .collect();
        assert!(stray.is_empty(), "{}: {stray:?}", p.display());
        let errors: u64 = found
            .iter()
            .filter(|(r, _)| r != "body-code-variants" && r != "duplicate-material")
            .map(|(_, n)| n)
            .sum();
        // about one in a hundred items, never none
        assert!(
            (10..=60).contains(&errors),
            "{}: {errors} defects",
            p.display()
        );
    }
    // near miss: no defects asked for, none found
    let clean = crate::common::tmp();
    let spec0 = lists::Spec {
        defects_per_mille: 0,
        ..spec.clone()
    };
    let p = lists::write_csv(&spec0, 0, clean.path()).unwrap();
    let out = Command::cargo_bin("santong")
        .unwrap()
        .args(["--lang", "en", "check", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{:?}", rules(&out.stdout));
    // the regions implement the same items: every one aligns by basic code
    let csvs: Vec<_> = paths
        .iter()
        .filter(|p| p.extension().unwrap() == "csv")
        .collect();
    let out = Command::cargo_bin("santong")
        .unwrap()
        .args(["diff", "--format", "json"])
        .args(&csvs)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let coverage = v["coverage"].as_array().unwrap();
    assert_eq!(coverage.len(), spec.items);
    assert!(coverage
        .iter()
        .all(|c| c["regions"].as_array().unwrap().len() == 3 && c["basic_code"].is_string()));
    // the same seed writes the same bytes
    let again = crate::common::tmp();
    let q = lists::write_csv(&spec0, 0, again.path()).unwrap();
    assert_eq!(std::fs::read(&p).unwrap(), std::fs::read(&q).unwrap());
}

/// `check` at 1, 2 and 3 threads, and with its key logs on disk, writes
/// the same bytes, on lists of
/// several chunks with defects, materials on their own sheet, and items
/// repeated far apart (so the rules that look across items see them from
/// different workers' runs).
#[test]
fn check_writes_the_same_bytes_at_any_thread_count() {
    let dir = crate::common::tmp();
    let spec = lists::Spec {
        items: 2_500,
        regions: 2,
        defects_per_mille: 40,
        seed: 11,
        materials: true,
    };
    let mut paths = lists::write_all(&spec, &["csv", "xlsx"], dir.path()).unwrap();
    // the first rows again at the end: duplicate items and codes ~2,500 rows apart
    let flat = lists::Spec {
        materials: false,
        ..spec
    };
    std::fs::create_dir_all(dir.path().join("flat")).unwrap();
    let one = lists::write_csv(&flat, 0, &dir.path().join("flat")).unwrap();
    let text = std::fs::read_to_string(&one).unwrap();
    let repeated: String = text
        .lines()
        .skip(1)
        .take(20)
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&one, format!("{text}{repeated}")).unwrap();
    paths.push(one);
    let run = |threads: &str, format: &str| {
        // "2s": two threads, and the logs of the rules across items
        // spilled to disk every few records
        let (threads, window) = match threads.strip_suffix('s') {
            Some(t) => (t, "2048"),
            None => (threads, "100000000"),
        };
        let out = Command::cargo_bin("santong")
            .unwrap()
            .env("SANTONG_THREADS", threads)
            .env("SANTONG_SPILL_WINDOW", window)
            .args(["--lang", "en", "check", "--format", format])
            .args(&paths)
            .output()
            .unwrap();
        assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
        out.stdout
    };
    for format in ["json", "sarif"] {
        let one = run("1", format);
        let found = String::from_utf8_lossy(&one);
        for rule in ["duplicate-impl-code", "duplicate-material", "invalid-phone"] {
            assert!(found.contains(rule), "{format}: no {rule}");
        }
        assert_eq!(one, run("2", format), "{format}: 1 and 2 threads differ");
        assert_eq!(one, run("3", format), "{format}: 1 and 3 threads differ");
        assert_eq!(
            one,
            run("2s", format),
            "{format}: spilled to disk, it differs"
        );
    }
}
