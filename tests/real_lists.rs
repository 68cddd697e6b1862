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

fn checked_every_row(rows: &[Row]) -> FileReport {
    let dir = tmp();
    let p = path_in(&dir, "list.csv");
    write_csv(&p, &headers_of(rows), rows);
    let std = national();
    let opts = santong::check::CheckOptions {
        every_row: true,
        ..Default::default()
    };
    santong::check::check_file(&p, &std, &opts).unwrap()
}

/// The clean list with a value set on every item row.
fn every_item(key: &str, value: &str) -> Vec<Row> {
    let mut rows = clean_list();
    for r in rows.iter_mut().filter(|r| r.contains_key("事项名称")) {
        r.insert(key.into(), value.into());
    }
    rows
}

fn of_rule<'a>(r: &'a FileReport, rule: &str) -> Vec<&'a santong::check::Finding> {
    r.findings.iter().filter(|f| f.rule == rule).collect()
}

#[test]
fn a_structural_note_on_every_row_is_one_finding_with_the_count() {
    let rows = every_item("行政区划代码", "511602000000");
    let items = rows.iter().filter(|r| r.contains_key("事项名称")).count();
    assert!(items > 3);
    let rep = checked(&rows, false);
    let notes = of_rule(&rep, "area-code-nonstandard");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].count(), items);
    assert_eq!(notes[0].rows().count(), items);
    // --every-row restores one finding per row
    let rep = checked_every_row(&rows);
    assert_eq!(of_rule(&rep, "area-code-nonstandard").len(), items);
    // different causes are not merged: bad credit codes stay one per value
    let mut rows = clean_list();
    let mut n = 0;
    for r in rows
        .iter_mut()
        .filter(|r| r.contains_key("事项名称"))
        .take(3)
    {
        n += 1;
        r.insert("实施主体编码".into(), format!("11450721MB1558081{n}"));
    }
    let rep = checked(&rows, false);
    let bad: Vec<_> = of_rule(&rep, "invalid-credit-code");
    assert!(bad.len() >= 2, "{bad:?}");
}

#[test]
fn a_run_of_unknown_columns_is_one_finding() {
    let mut rows = vec![item()];
    for h in ["自定义1", "自定义2", "自定义3"] {
        rows[0].insert(h.into(), "x".into());
    }
    let rep = checked(&rows, false);
    let u = of_rule(&rep, "unknown-column");
    assert_eq!(u.len(), 1, "{u:?}");
    assert_eq!(u[0].params["count"].to_string(), "3");
    // near miss: one unknown column is reported as before
    let mut rows = vec![item()];
    rows[0].insert("自定义1".into(), "x".into());
    assert_eq!(of_rule(&checked(&rows, false), "unknown-column").len(), 1);
}

#[test]
fn rules_that_depend_on_an_unreadable_value_are_skipped_for_the_item() {
    // a type that cannot be read: the time limits it would make required
    // are not demanded on a wrong reading
    let mut r = item();
    r.insert("事项类型".into(), "99".into());
    r.insert("法定办结时限".into(), String::new());
    r.insert("承诺办结时限".into(), String::new());
    let rep = checked(&[r.clone()], false);
    assert!(of_rule(&rep, "missing-required")
        .iter()
        .all(|f| f.element != national().element_index("statutory_days")));
    assert_eq!(of_rule(&rep, "invalid-value").len(), 1);
    // near miss: an administrative power with a readable type still needs them
    r.insert("事项类型".into(), "行政许可".into());
    let rep = checked(&[r], false);
    assert!(of_rule(&rep, "missing-required")
        .iter()
        .any(|f| f.element == national().element_index("statutory_days")));
}
