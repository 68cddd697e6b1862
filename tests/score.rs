//! `santong score`: every index computed on small lists whose right answer
//! is worked out by hand.

mod common;
use assert_cmd::Command;
use common::*;
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
    let n = sample_items().len() as f64;
    let close = |x: &Value, want: f64| (x.as_f64().unwrap() - want).abs() < 1e-3;
    assert!(close(&a["coverage"], 3.0 / n), "{a}");
    assert!(close(&b["coverage"], 2.0 / n));
    assert!(close(&a["accuracy"], 1.0));
    assert!(close(&b["accuracy"], 0.5));
    assert!(close(&a["zero_visit"], 1.0));
    assert!(close(&b["zero_visit"], 0.5));
    assert!(close(&a["online_accept"], 1.0));
    assert!(close(&b["online_accept"], 0.5));
    assert!(close(&a["channels"], 1.0));
    assert!(close(&b["channels"], (1.0 / 3.0 + 1.0) / 2.0));
    // A: 20→10 on each of three items; B: 20→10 and 20→25
    assert!(close(&a["compression"], 0.5));
    assert!(close(&b["compression"], (0.5 + -0.25) / 2.0));
    // Local commitments (visits, channels, depth, promised limit) never
    // count; the conditions do, and two regions have no majority, so the
    // difference counts against both: A 2 of 3 items, B 1 of 2.
    assert!(close(&a["standardisation"], 2.0 / 3.0), "{a}");
    assert!(close(&b["standardisation"], 0.5), "{b}");
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
    assert!(text.contains("50.0%") && text.contains("100.0%"), "{text}");
}
