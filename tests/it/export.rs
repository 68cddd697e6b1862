//! `santong export`: the bundled examples as SQLite, Parquet, CSV and JSON
//! Lines, read back by SQLite, pyarrow and serde; the README's queries
//! (docs/queries/*.sql) return the rows the examples hold.

use assert_cmd::Command;
use std::path::Path;

const EXAMPLES: [&str; 3] = [
    "docs/examples/钦南区-实施清单.xlsx",
    "docs/examples/浦北县-实施清单.csv",
    "docs/examples/灵山县-实施清单-GBK.csv",
];

fn santong() -> Command {
    let mut c = Command::cargo_bin("santong").unwrap();
    c.env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

fn export(format: &str, out: &Path) {
    santong()
        .args(["export", "--findings", "--format", format, "--output"])
        .arg(out)
        .args(EXAMPLES)
        .assert()
        .success();
}

fn query(db: &rusqlite::Connection, file: &str) -> Vec<Vec<String>> {
    let sql = std::fs::read_to_string(Path::new("docs/queries").join(file)).unwrap();
    let mut st = db.prepare(&sql).unwrap();
    let n = st.column_count();
    st.query_map([], |r| {
        (0..n)
            .map(|i| {
                r.get::<_, rusqlite::types::Value>(i).map(|v| match v {
                    rusqlite::types::Value::Text(s) => s,
                    rusqlite::types::Value::Integer(n) => n.to_string(),
                    rusqlite::types::Value::Null => String::new(),
                    other => format!("{other:?}"),
                })
            })
            .collect()
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn sqlite_holds_every_region_and_answers_the_readme_queries() {
    let d = tempfile::tempdir().unwrap();
    let db_path = d.path().join("清单.sqlite");
    export("sqlite", &db_path);
    let db = rusqlite::Connection::open(&db_path).unwrap();
    let count = |sql: &str| db.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(count("SELECT count(*) FROM items"), 14);
    assert_eq!(count("SELECT count(DISTINCT region) FROM items"), 3);
    assert_eq!(count("SELECT count(*) FROM materials"), 14);
    assert!(count("SELECT count(*) FROM findings") > 0);
    // a code element: its national code, and its label beside it
    assert_eq!(
        count("SELECT count(*) FROM items WHERE case_kind = '2' AND case_kind_label = '承诺件'"),
        count("SELECT count(*) FROM items WHERE case_kind_label = '承诺件'")
    );
    assert_eq!(
        query(&db, "materials-not-required-everywhere.sql"),
        vec![vec!["000111001000", "其他材料", "1/2", "浦北县-实施清单"]]
    );
    assert_eq!(
        query(&db, "promise-over-statutory.sql"),
        vec![vec![
            "浦北县-实施清单",
            "公共场所卫生许可",
            "000111002000",
            "20",
            "25"
        ]]
    );
    assert_eq!(
        query(&db, "invalid-credit-codes.sql"),
        vec![vec![
            "钦南区-实施清单",
            "钦州市钦南区行政审批局",
            "11450702MB12345620"
        ]]
    );
    // refused over an existing file without --force
    santong()
        .args(["export", "--output"])
        .arg(&db_path)
        .args(EXAMPLES)
        .assert()
        .code(2);
}

#[test]
fn parquet_csv_and_jsonl_write_a_file_per_table() {
    let d = tempfile::tempdir().unwrap();
    for format in ["parquet", "csv", "jsonl"] {
        let out = d.path().join(format);
        export(format, &out);
        for t in ["items", "materials", "fees", "findings"] {
            assert!(out.join(format!("{t}.{format}")).is_file(), "{format} {t}");
        }
    }
    let jsonl = std::fs::read_to_string(d.path().join("jsonl/items.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), 14);
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert!(first["row"].is_i64() && first["region"].is_string());
    let csv = std::fs::read_to_string(d.path().join("csv/items.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}region,source,sheet,row,"));
    // pyarrow reads the Parquet files (CI installs it; skipped where absent)
    let py = std::process::Command::new("python3")
        .args(["-c", "import pyarrow"])
        .output();
    if !py.is_ok_and(|o| o.status.success()) {
        assert!(std::env::var_os("CI").is_none(), "CI must have pyarrow");
        eprintln!("pyarrow not installed: Parquet not read back");
        return;
    }
    let script = r#"
import sys, pyarrow.parquet as pq
t = pq.read_table(sys.argv[1] + "/items.parquet")
assert t.num_rows == 14, t.num_rows
assert str(t.schema.field("row").type) == "int64"
regions = sorted(set(t.column("region").to_pylist()))
print(len(regions))
m = pq.read_table(sys.argv[1] + "/materials.parquet").to_pylist()
assert any(r["material_name"] == "营业执照" for r in m)
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(d.path().join("parquet"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "3");
}

/// The findings of `check --format json` on a file: (rule, row) pairs
/// and the file's item count.
fn findings(path: &Path) -> (Vec<(String, u64)>, u64) {
    let out = santong()
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut hits: Vec<(String, u64)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["row"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    hits.sort();
    (hits, v["files"][0]["items"].as_u64().unwrap())
}

/// Round trips (issue 29): `check` reads santong's own CSV export, and a
/// list headed by element ids reads as the same list headed by labels.
#[test]
fn check_reads_its_own_export_and_lists_headed_by_element_ids() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("csv");
    export("csv", &out);
    let (hits, items) = findings(&out.join("items.csv"));
    let all: u64 = EXAMPLES.iter().map(|e| findings(Path::new(e)).1).sum();
    assert_eq!(items, all, "every exported item is read back");
    // every column is recognised: the metadata and label columns are the export's own
    for (rule, _) in &hits {
        assert!(
            rule != "unknown-column" && rule != "duplicate-column",
            "{hits:?}"
        );
    }
    assert!(
        !hits
            .iter()
            .any(|(r, row)| r == "missing-column" && *row > 1),
        "{hits:?}"
    );
    // the same list, headed by labels and by ids
    let text = std::fs::read_to_string(EXAMPLES[1]).unwrap();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let at = lines.iter().position(|l| l.contains("事项名称")).unwrap();
    let head = lines[at].trim_end();
    let std = santong::standard::Standard::national().unwrap();
    let ids: Vec<String> = head
        .split(',')
        .map(|h| {
            let el = std.match_header(h);
            match el.first() {
                Some(&i) => std.elements[i].id.clone(),
                None => h.to_string(),
            }
        })
        .collect();
    assert!(ids.iter().any(|h| h == "promised_days"), "{ids:?}");
    let by_id = dir.path().join("by-id.csv");
    let body: String = lines[at + 1..].concat();
    std::fs::write(&by_id, format!("{}\r\n{body}", ids.join(","))).unwrap();
    let by_label = dir.path().join("by-label.csv");
    std::fs::write(&by_label, format!("{}{body}", lines[at])).unwrap();
    assert_eq!(findings(&by_id), findings(&by_label));
}
