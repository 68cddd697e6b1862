//! Lists as other systems really export them (portal indexes, provincial
//! code tables, county exchange records): every reported error must be a
//! real departure from the national standard, one cause one finding.
//! Inputs are built at test time, after the shapes in domain.md §8.

mod common;
use common::*;
use santong::check::FileReport;
use santong::standard::Severity;

/// (rule, severity) of every finding on `column` (an element label).
fn on_column(r: &FileReport, label: &str) -> Vec<(String, Severity)> {
    let std = national();
    r.findings
        .iter()
        .filter(|f| f.element.is_some_and(|e| std.elements[e].label == label))
        .map(|f| (f.rule.clone(), f.severity))
        .collect()
}

fn checked(rows: &[Row], with_basic: bool) -> FileReport {
    let dir = tmp();
    let p = path_in(&dir, "list.csv");
    write_csv(&p, &headers_of(rows), rows);
    check(&p, with_basic)
}

fn item() -> Row {
    clean_item("000111001000", 1)
}

#[test]
fn a_local_code_longer_than_its_exchange_field_is_a_warning_naming_the_field() {
    let mut r = item();
    // Sichuan's 地方实施编码: 55 characters, free format
    r.insert(
        "地方实施编码".into(),
        "511A0138000000-511602000000-000-115113010833722043-1-00".into(),
    );
    let rep = checked(&[r.clone()], false);
    assert_eq!(
        on_column(&rep, "地方实施编码"),
        vec![("invalid-value".to_string(), Severity::Warning)]
    );
    let f = rep
        .findings
        .iter()
        .find(|f| f.rule == "invalid-value")
        .unwrap();
    assert!(
        f.params["reason_en"]
            .to_string()
            .contains("LOCAL_TASK_CODE"),
        "{:?}",
        f.params
    );
    // near miss: 50 characters fit the field
    r.insert("地方实施编码".into(), "5".repeat(50));
    assert!(on_column(&checked(&[r], false), "地方实施编码").is_empty());
}

#[test]
fn an_unknown_code_is_an_error_only_in_a_closed_vocabulary() {
    let mut r = item();
    r.insert("网上办理深度".into(), "1,3,9,6".into());
    assert_eq!(
        on_column(&checked(&[r.clone()], false), "网上办理深度"),
        vec![("invalid-value".to_string(), Severity::Warning)]
    );
    r.insert("网上办理深度".into(), "1,3,6".into());
    assert!(on_column(&checked(&[r.clone()], false), "网上办理深度").is_empty());
    // 事项类型 is a closed national table
    r.insert("事项类型".into(), "99".into());
    assert!(on_column(&checked(&[r], false), "事项类型")
        .contains(&("invalid-value".to_string(), Severity::Error)));
}
