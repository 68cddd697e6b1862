//! Fixed words of the reports, pages, workbooks and commands, in both
//! languages: the other half of the message catalogue (sentences built
//! from data are in `messages`).

use super::T;

pub const ALIGNED_BY_NAME_SIMILARITY: T = T("按名称相似度对齐", "aligned by name similarity");
pub const ALIGNED_BY_NEAR_NAME: T = T("按相近名称对齐", "aligned by near name");
pub const NO_MAJORITY: T = T("无多数，列出各地取值", "no majority; every region's value");
pub const LOCAL_COMMITMENTS: T = T(
    "地方承诺（各地可不同，不计为差异）",
    "Local commitments (may vary by region; not differences)",
);
pub const LOCAL_COMMITMENTS_2: T = T("处地方承诺不同", "local commitments differ");
pub const AND_MORE: T = T("另有", "and more:");
pub const LEVEL: T = T("层级", "level");
pub const ITEM_KEY: T = T("基本编码（或对齐键）", "Basic code (or key)");
pub const WITHOUT_MAJORITY: T = T("处无多数", "without a majority");
pub const ALL: T = T("全部", "All");
pub const ALL_ELEMENTS: T = T("全部要素", "All elements");
pub const A_WHOLE_NUMBER: T = T("应为整数", "A whole number");
pub const BASELINE: T = T("基准", "Baseline");
pub const BASELINE_2: T = T("基准", "baseline");
pub const BASIC_CATALOGUE_ITEMS_IMPLEMENTED_ITEMS: T = T(
    "实施的基本目录事项数 ÷ 基本目录事项数",
    "basic-catalogue items implemented ÷ items in the catalogue",
);
pub const BASIC_CODE: T = T("基本编码", "Basic code");
pub const BLANK: T = T("（空）", "(blank)");
pub const BY_ELEMENT: T = T("按要素", "By element");
pub const BY_RULE: T = T("按规则汇总", "By rule");
pub const CANNOT_READ: T = T("无法读取", "cannot read");
pub const CELL: T = T("单元格", "Cell");
pub const CELL_2: T = T("位置", "Cell");
pub const CHANGE_FROM_BASELINE: T = T("与基准的差异", "change from baseline");
pub const CHECK_RESULTS: T = T("实施清单检查结果", "Check results");
pub const COMPRESSION: T = T("时限压缩", "compression");
pub const COULD_NOT_READ: T = T("无法读取", "Could not read");
pub const COUNT: T = T("差异数", "Count");
pub const COUNT_2: T = T("数量", "Count");
pub const COVERAGE_HEAT_MAP: T = T("事项覆盖热力图", "Coverage heat map");
pub const DESCRIPTION: T = T("说明", "Description");
pub const DEVIATES: T = T("有差异", "deviates");
pub const DEVIATIONS: T = T("偏离处数", "Deviations");
pub const DEVIATIONS_BY_REGION: T = T("按地区统计偏离", "Deviations by region");
pub const DIFFERENCES: T = T("差异", "Differences");
pub const DIFFERENCES_2: T = T("处差异", "differences");
pub const DIFFERENCES_3: T = T("差异数", "Differences");
pub const DIFFERENCES_BY_ELEMENT: T = T("按要素统计差异", "Differences by element");
pub const ELEMENT: T = T("要素", "Element");
pub const EN: T = T("zh-CN", "en");
pub const ENTER_A_WHOLE_NUMBER_WORKING: T = T(
    "请填写整数（工作日；即办填0）",
    "Enter a whole number (working days; 0 for immediate)",
);
pub const ERROR: T = T("错误", "error");
pub const ERRORS: T = T("错误", "errors");
pub const ERRORS_2: T = T("错误", "Errors");
pub const EXTRA: T = T("多出", "extra");
pub const FILE: T = T("文件", "File");
pub const FILES: T = T("文件", "Files");
pub const FINDINGS: T = T("问题明细", "Findings");
pub const FINDINGS_BY_RULE: T = T("按规则统计", "Findings by rule");
pub const FIX: T = T("修改建议：", "Fix: ");
pub const FIX_2: T = T("修改建议", "Fix");
pub const FIX_3: T = T("修改建议", "fix");
pub const IDENTICAL_EVERYWHERE: T = T("各地完全一致", "Identical everywhere");
pub const IDENTICAL_IN_EVERY_REGION: T = T("各地完全一致", "identical in every region");
pub const IMPLEMENTATION_LIST_CHECK_REPORT: T =
    T("实施清单检查报告", "Implementation-list check report");
pub const INFO: T = T("提示", "note");
pub const ITEM: T = T("事项名称", "Item");
pub const ITEMS: T = T("事项数", "Items");
pub const ITEMS_2: T = T("个事项", "items");
pub const ITEMS_3: T = T("事项数", "items");
pub const ITEMS_COMPARED: T = T("比较事项", "Items compared");
pub const ITEMS_COMPARED_2: T = T("比较事项", "items compared");
/// The scorecard's sheet of numerators and denominators.
pub const SCORE_COUNTS: T = T("分子分母", "Counts");
pub const INDEX: T = T("指标", "Index");
pub const NUMERATOR: T = T("分子", "Numerator");
pub const DENOMINATOR: T = T("分母", "Denominator");
/// Items only one region lists, so compared with nothing.
pub const ONE_REGION_ONLY: T = T("仅一地有", "in one region only");
pub const ITEMS_IDENTICAL_TO_THE_BASELINE: T = T(
    "与基准在所有比较要素上一致的事项 ÷ 与其他地区对齐的事项（无对齐事项时为“—”）",
    "items identical to the baseline in every compared element ÷ items aligned with another region (— when none is)",
);
pub const ITEMS_NEEDING_ZERO_VISITS_ITEMS: T = T(
    "到办事现场次数为0的事项 ÷ 填写了次数的事项",
    "items needing zero visits ÷ items stating visits",
);
pub const ITEMS_ONLINE_AT_ACCEPTANCE_OR: T = T(
    "网上办理深度达到互联网受理及以上的事项 ÷ 填写了深度的事项",
    "items online at acceptance or beyond ÷ items stating depth",
);
pub const ITEMS_WITH_NO_ERROR_FINDING: T = T(
    "无错误的事项数 ÷ 事项数（缺少必填列时，每个事项都计为有误）",
    "items with no error finding ÷ items (a missing required column counts against every item)",
);
pub const ITEM_DETAILS: T = T("逐项明细", "Item details");
pub const MEAN_OF_STATUTORY_PROMISED_STATUTORY: T = T(
    "（法定时限 − 承诺时限）÷ 法定时限 的平均值；分子为两项时限都有的事项数，分母为事项数",
    "mean of (statutory − promised) ÷ statutory; numerator: items with both limits, denominator: items",
);
pub const MEAN_SHARE_OF_THE_THREE: T = T(
    "提供的办理形式数（窗口、网上、快递）÷（3 × 填写了办理形式的事项数）",
    "channels offered (window, online, express) ÷ (3 × items stating channels)",
);
pub const MESSAGE: T = T("问题", "Message");
pub const MISSING: T = T("缺少", "missing");
pub const MOST_DEVIATING_REGIONS: T = T("偏离最多的地区", "Most deviating regions");
pub const MOST_DIVERGENT_ITEMS: T = T("差异最多的事项", "Most divergent items");
pub const NOTES: T = T("提示", "notes");
pub const NOTES_2: T = T("提示", "Notes");
pub const NOT_IMPLEMENTED: T = T("未实施", "not implemented");
pub const NOT_IN_THE_VOCABULARY: T = T("不在代码表中", "Not in the vocabulary");
pub const NO_FINDINGS: T = T("未发现问题", "no findings");
pub const NO_FINDINGS_2: T = T("没有发现问题。", "No findings.");
pub const OFF: T = T("关闭", "off");
pub const TOO_LONG: T = T("内容过长", "Too long");
/// A region that has the item but not the element: not compared.
pub const NOT_APPLICABLE: T = T("未比较", "n/a");
/// A printed sheet's footer (Excel's header/footer codes).
pub const PAGE_FOOTER: T = T("&C第 &P 页，共 &N 页", "&CPage &P of &N");
pub const OPTIONAL: T = T("选填", "optional");
pub const OTHER: T = T("其他", "Other");
pub const NOT_ALIGNED: T = T(
    "无法对齐（无有效基本编码，名称也无足够相似的事项）",
    "not aligned (no valid basic code and no similar name)",
);
pub const OVERALL: T = T("综合", "Overall");
pub const OVERALL_2: T = T("综合", "overall");
pub const RANK: T = T("排名", "Rank");
pub const RANK_2: T = T("排名", "rank");
pub const REGION: T = T("地区", "Region");
pub const REGIONAL_COMPARISON_OF_SERVICE_ITEMS: T = T(
    "政务服务事项地区差异对比",
    "Regional comparison of service items",
);
pub const REGIONAL_STANDARDISATION_SCORECARD: T =
    T("地区标准化评分", "Regional standardisation scorecard");
pub const REGIONS: T = T("地区", "Regions");
pub const REGION_2: T = T("地区", "region");
pub const REQUIRED: T = T("必填", "required");
pub const REQUIRED_WHEN_APPLICABLE: T = T("条件必填", "required when applicable");
pub const RULE: T = T("规则", "Rule");
pub const SAME_AS_BASELINE: T = T("与基准一致", "same as baseline");
pub const SCORES: T = T("评分", "Scores");
pub const SEARCH_CODE_OR_NAME: T = T("按编码或名称搜索", "Search code or name");
pub const SEARCH_VALUES_AND_MESSAGES: T = T("搜索值或问题", "Search values and messages");
pub const SEVERITY: T = T("级别", "Severity");
pub const SHEET: T = T("工作表", "Sheet");
pub const SHOWN: T = T("显示", "Shown");
pub const STANDARD: T = T("标准", "Standard");
pub const SUMMARY: T = T("汇总", "Summary");
pub const SUMMARY_BY_RULE: T = T("按规则汇总", "Summary by rule");
pub const TEXT: T = T("：", ":");
pub const THE_HEAT_MAP_SHOWS_THE: T = T("热力图只显示前", "The heat map shows the first");
pub const THE_REGION_S_LIST_LACKS: T = T(
    "该地区清单无此要素，未比较",
    "the region's list lacks this element: not compared",
);
pub const VALUE: T = T("值", "Value");
pub const WARNING: T = T("警告", "warning");
pub const WARNINGS: T = T("警告", "warnings");
pub const WARNINGS_2: T = T("警告", "Warnings");
pub const WRONG_CODE_LENGTH: T = T("编码长度错误", "Wrong code length");
