//! `santong score`: every index computed on small lists whose right answer
//! is worked out by hand.

use crate::common::*;
use assert_cmd::Command;
use serde_json::Value;

#[test]
fn indices_match_hand_computation() {
    let dir = tmp();
    // Region A: the three items, clean; limits 20 → 10 (compression 0.5).
    let codes = ["000111001000", "000111002000", "000120001000"];
    let a: Vec<Row> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| clean_item(c, i + 1))
        .collect();
    // Region B: two items; one needs a visit (with a reason) and is offered
    // at the window only, online depth stops at 预审; one has an error
    // (promised above statutory) and promises 15 of 20.
    let mut b: Vec<Row> = codes[..2]
        .iter()
        .enumerate()
        .map(|(i, c)| clean_item(c, i + 1))
        .collect();
    for (k, v) in [
        ("到办事现场次数", "1"),
        ("必须现场办理原因说明", "核验原件"),
        ("办理形式", "窗口办理"),
        ("网上办理深度", "互联网咨询、互联网预审"),
    ] {
        b[0].insert(k.into(), v.into());
    }
    b[1].insert("承诺办结时限".into(), "25".into());
    // and one uniform element that departs: its conditions
    b[0].insert("受理条件".into(), "申请人须另行提交证明。".into());
    let pa = path_in(&dir, "a.csv");
    let pb = path_in(&dir, "b.csv");
    write_csv(&pa, &headers_of(&a), &a);
    write_csv(&pb, &headers_of(&b), &b);
    let out = Command::cargo_bin("santong")
        .unwrap()
        .args([
            "score",
            "--format",
            "json",
            "--basic",
            "sample",
            "--baseline",
            "majority",
        ])
        .arg(&pa)
        .arg(&pb)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let regions = v["regions"].as_array().unwrap();
    let get = |name: &str| {
        regions
            .iter()
            .find(|r| r["region"] == name)
            .unwrap()
            .clone()
    };
    let a = get("a");
    let b = get("b");
    let n = sample_items().len();
    // every index is a share with what it is made of
    let is = |x: &Value, num: usize, den: usize| {
        x["numerator"] == num && x["denominator"] == den && {
            let want = num as f64 / den as f64;
            (x["value"].as_f64().unwrap() - want).abs() < 1e-3
        }
    };
    assert!(is(&a["coverage"], 3, n), "{a}");
    assert!(is(&b["coverage"], 2, n));
    assert!(is(&a["accuracy"], 3, 3));
    assert!(is(&b["accuracy"], 1, 2));
    assert!(is(&a["zero_visit"], 3, 3));
    assert!(is(&b["zero_visit"], 1, 2));
    assert!(is(&a["online_accept"], 3, 3));
    assert!(is(&b["online_accept"], 1, 2));
    assert!(is(&a["channels"], 9, 9));
    // window only on one item, all three on the other: 4 of 6
    assert!(is(&b["channels"], 4, 6));
    // A: 20→10 on each of three items; B: 20→10 and 20→25 (a mean over
    // the items with both limits: numerator, of the items: denominator)
    let mean = |x: &Value, want: f64, num: usize, den: usize| {
        (x["value"].as_f64().unwrap() - want).abs() < 1e-3
            && x["numerator"] == num
            && x["denominator"] == den
    };
    assert!(mean(&a["compression"], 0.5, 3, 3));
    assert!(mean(&b["compression"], (0.5 + -0.25) / 2.0, 2, 2));
    // Local commitments (visits, channels, depth, promised limit) never
    // count; the conditions do, and two regions have no majority, so the
    // difference counts against both. Only items both list were compared:
    // A's third item, which B lacks, is neither identical nor different.
    assert!(is(&a["standardisation"], 1, 2), "{a}");
    assert!(is(&b["standardisation"], 1, 2), "{b}");
    assert_eq!(a["rank"], 1);
    assert_eq!(b["rank"], 2);
    assert_eq!(regions[0]["region"], "a");
    // the human table carries the same numbers
    let human = Command::cargo_bin("santong")
        .unwrap()
        .args(["score", "--basic", "sample", "--baseline", "majority"])
        .arg(&pa)
        .arg(&pb)
        .output()
        .unwrap();
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(
        text.contains("50.0% (1/2)") && text.contains("100.0% (3/3)"),
        "{text}"
    );
}

fn score_json(files: &[&std::path::Path]) -> Value {
    let out = Command::cargo_bin("santong")
        .unwrap()
        .args(["score", "--format", "json", "--basic", "sample"])
        .args(files)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn nothing_measured_is_no_score_and_a_missing_column_counts_against_accuracy() {
    let dir = tmp();
    // two regions with no item in common; B also lacks its limits and
    // the required 受理条件 column
    let a = vec![clean_item("000111001000", 1)];
    let mut b = vec![clean_item("000120001000", 1)];
    for k in ["法定办结时限", "承诺办结时限", "受理条件"] {
        b[0].remove(k);
    }
    let pa = path_in(&dir, "a.csv");
    let pb = path_in(&dir, "b.csv");
    write_csv(&pa, &headers_of(&a), &a);
    write_csv(&pb, &headers_of(&b), &b);
    let v = score_json(&[&pa, &pb]);
    for r in v["regions"].as_array().unwrap() {
        // compared with nothing: no standardisation, not 100 %
        assert!(r["standardisation"]["value"].is_null(), "{r}");
        assert_eq!(r["standardisation"]["denominator"], 0);
    }
    // one note says why
    let notes = v["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "{notes:?}");
    let note = notes[0].as_str().unwrap();
    assert!(note.contains("a, b") || note.contains("a、b"), "{notes:?}");
    let b = v["regions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["region"] == "b")
        .unwrap();
    assert!(b["compression"]["value"].is_null(), "{b}");
    assert_eq!(b["accuracy"]["numerator"], 0, "{b}");
    let human = Command::cargo_bin("santong")
        .unwrap()
        .args(["score", "--basic", "sample", "--lang", "en"])
        .arg(&pa)
        .arg(&pb)
        .output()
        .unwrap();
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(
        text.contains('—') && text.contains("aligns with another"),
        "{text}"
    );
    // near miss: the same lists sharing an item are compared
    let both = vec![clean_item("000111001000", 1), clean_item("000120001000", 2)];
    write_csv(&pa, &headers_of(&both), &both);
    let v = score_json(&[&pa, &pb]);
    let a = v["regions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["region"] == "a")
        .unwrap();
    assert_eq!(a["standardisation"]["denominator"], 1, "{a}");
}

/// `score` reads each list once (issue 30): the one read gives the check a
/// separate read gives, and the region a separate read gives.
#[test]
fn one_read_gives_the_check_and_the_region() {
    let std = santong::standard::Standard::national().unwrap();
    let files: Vec<std::path::PathBuf> = [
        "docs/examples/钦南区-实施清单.xlsx",
        "docs/examples/浦北县-实施清单.csv",
        "docs/examples/灵山县-实施清单-GBK.csv",
    ]
    .iter()
    .map(std::path::PathBuf::from)
    .collect();
    let opts = santong::check::CheckOptions {
        threads: 2,
        ..Default::default()
    };
    let names = vec!["甲".to_string(), "乙".to_string(), "丙".to_string()];
    let once = santong::score::check_regions(&files, &names, &std, &opts);
    for ((f, name), r) in files.iter().zip(&names).zip(once) {
        let (report, region) = r.unwrap();
        let alone = santong::check::check_file(f, &std, &opts).unwrap();
        let key = |r: &santong::check::FileReport| -> Vec<(String, Option<u32>, Option<u32>)> {
            r.findings
                .iter()
                .map(|x| (x.rule.to_string(), x.row, x.col))
                .collect()
        };
        assert_eq!(key(&report), key(&alone), "{}", f.display());
        assert_eq!(report.items, alone.items);
        let separate =
            santong::diff::Region::load(f, &std, &opts.read, Some(name.as_str())).unwrap();
        assert_eq!(region.name, *name);
        assert_eq!(region.items.len(), separate.items.len(), "{}", f.display());
        assert_eq!(region.columns, separate.columns);
        assert_eq!(region.has_materials, separate.has_materials);
    }
}
