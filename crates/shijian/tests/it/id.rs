//! `shijian id …`: exact output, because other tools read it.

use crate::{shijian, shijian_in};

#[test]
fn uscc_prints_one_tab_separated_line_per_input() {
    let r = shijian(&["id", "uscc", "91420100MA4K2X5T27", " ９１４２０１００ｍａ４ｋ２ｘ５ｔ２７"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "91420100MA4K2X5T27\tvalid\t91420100MA4K2X5T27\t-\n \
         ９１４２０１００ｍａ４ｋ２ｘ５ｔ２７\tvalid\t91420100MA4K2X5T27\t-\n"
    );
}

#[test]
fn uscc_exits_1_when_any_is_invalid_and_names_the_reason() {
    let r = shijian(&["id", "uscc", "91420100MA4K2X5T27", "91110000600037341N", "12345", "9111000060003IOZSV"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "91420100MA4K2X5T27\tvalid\t91420100MA4K2X5T27\t-\n\
         91110000600037341N\tinvalid\t-\tuscc_check\n\
         12345\tinvalid\t-\tuscc_length\n\
         9111000060003IOZSV\tinvalid\t-\tuscc_charset\n"
    );
}

#[test]
fn uscc_lists_warnings_in_the_fourth_column() {
    // Division 420199 is not a unit today; the code is otherwise correct.
    let r = shijian(&["id", "uscc", "91420199MA4K2X5T2L"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "91420199MA4K2X5T2L\tvalid\t91420199MA4K2X5T2L\tuscc_division_unlisted\n");
}

#[test]
fn uscc_json_has_messages_details_and_parts() {
    let r = shijian(&["id", "uscc", "--json", "91110000600037341N", "91420100MA4K2X5T27"]);
    assert_eq!(r.code, 1);
    let lines: Vec<serde_json::Value> = r.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["valid"], false);
    assert_eq!(lines[0]["error"]["code"], "uscc_check");
    assert_eq!(lines[0]["error"]["details"]["expected"], "L");
    assert_eq!(lines[0]["error"]["message_en"], "wrong check character: position 18 should be 'L', not 'N'");
    assert_eq!(lines[0]["error"]["message_zh"], "统一社会信用代码校验码错误：第18位应为“L”，实际为“N”");
    assert_eq!(lines[1]["valid"], true);
    assert_eq!(lines[1]["normalised"], "91420100MA4K2X5T27");
    assert_eq!(lines[1]["parts"]["division_name"], "湖北省武汉市");
    assert_eq!(lines[1]["parts"]["category_name"], "企业");
    assert_eq!(lines[1]["parts"]["organization_code"], "MA4K2X5T2");
}

#[test]
fn uscc_reads_standard_input_without_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let r = shijian_in(dir.path(), &["id", "uscc"], "91420100MA4K2X5T27\n\n91110000600037341L\n");
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.lines().count(), 2);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(shijian(&["id", "uscc", "--no-such-flag"]).code, 2);
    assert_eq!(shijian(&["id"]).code, 2);
}

#[test]
fn rid_prints_the_same_shape() {
    let r =
        shijian(&["id", "rid", "44011320141005001x", "412723199010050012", "360426199113010079", "36042619910102009X"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "44011320141005001x\tvalid\t44011320141005001X\t-\n\
         412723199010050012\tvalid\t412723199010050012\trid_region_unlisted\n\
         360426199113010079\tinvalid\t-\trid_birth_date\n\
         36042619910102009X\tinvalid\t-\trid_check\n"
    );
    let r = shijian(&["id", "rid", "--json", "44011320141005001X"]);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(v["parts"]["birth_date"], "2014-10-05");
    assert_eq!(v["parts"]["sex"], "male"); // 17th digit 1: odd
}

#[test]
fn division_show_prints_the_parent_chain() {
    let r = shijian(&["division", "show", "420102"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        "420102\t江岸区\tcounty\t市辖区\n420100\t武汉市\tprefecture\t地级市\n420000\t湖北省\tprovince\t省\n"
    );
    let r = shijian(&["division", "show", "429021"]);
    assert_eq!(r.stdout, "429021\t神农架林区\tprefecture\t林区\n420000\t湖北省\tprovince\t省\n");
    let r = shijian(&["division", "children", "420000"]);
    assert_eq!(r.stdout.lines().count(), 17);
}

#[test]
fn division_errors_are_typed_and_bilingual() {
    let r = shijian(&["division", "show", "429000"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "错误 [division_unknown] 行政区划代码“429000”不在行政区划代码表中\n\
         error [division_unknown] division code '429000' is not in the division list\n"
    );
}
