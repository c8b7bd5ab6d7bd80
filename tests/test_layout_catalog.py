"""Table layouts (tables.md) and the subject catalogs."""

from model.catalog import economic_groups, functional_catalog, normalize_name
from model.layout import CLASSES, T, chinese_ordinal, printed_number, row_number, table_order, title


def test_row_numbers_of_both_layouts():
    assert [row_number(T.SUMMARY, "A", k) for k in ("i_total", "i_surplus", "i_begin", "i_grand")] == [27, 28, 29, 30]
    assert [row_number(T.SUMMARY, "B", k) for k in ("i_total", "i_begin", "i_grand")] == [27, 29, 31]
    assert row_number(T.SUMMARY, "A", "c201") == 31 and row_number(T.SUMMARY, "B", "c201") == 32
    assert row_number(T.SUMMARY, "A", "c234") == 56 and row_number(T.SUMMARY, "B", "c234") == 57
    assert [row_number(T.SUMMARY, "A", k) for k in ("e_total", "e_dist", "e_end", "e_grand")] == [57, 58, 59, 60]
    assert [row_number(T.SUMMARY, "B", k) for k in ("e_total", "e_dist", "e_end", "e_grand")] == [58, 59, 60, 62]
    fiscal = {
        k: row_number(T.FISCAL, "A", k)
        for k in ("i_total", "i_begin", "i_begin3", "i_grand", "c201", "e_total", "e_end", "e_end3", "e_grand")
    }
    assert fiscal == {
        "i_total": 27,
        "i_begin": 28,
        "i_begin3": 31,
        "i_grand": 32,
        "c201": 33,
        "e_total": 59,
        "e_end": 60,
        "e_end3": 63,
        "e_grand": 64,
    }


def test_variant_order_and_titles():
    assert [printed_number(t, "2023") for t in (T.FUND, T.SOE, T.THREE)] == ["07", "08", "09"]
    assert [printed_number(t, "2020") for t in (T.THREE, T.FUND, T.SOE)] == ["07", "08", "09"]
    assert table_order("2020")[6] is T.THREE
    assert title(T.THREE, "2020").startswith("一般公共预算财政拨款")


def test_ordinals():
    assert [chinese_ordinal(n) for n in (1, 10, 11, 19, 20, 26)] == ["一", "十", "十一", "十九", "二十", "二十六"]
    assert len(CLASSES) == 26


def test_functional_catalog_holds_the_seed_subjects_and_all_classes():
    cat = functional_catalog()
    for code, name in CLASSES:
        assert cat.name_of(code) == name
    for code in (
        "2010301",
        "2013101",
        "2013102",
        "2013150",
        "2013199",
        "2013699",
        "2080505",
        "2080506",
        "2101101",
        "2101103",
        "2101199",
        "2210201",
        "2210202",
    ):
        assert cat.get(code) is not None, code
    assert cat.name_of("2013199") == "其他党委办公厅（室）及相关机构事务支出"
    for s in cat.subjects():
        if len(s.code) > 3:
            assert cat.get(s.code[: len(s.code) - 2]) is not None, s.code
    assert cat.full_name("2013101") == "一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）行政运行（项）"


def test_catalog_search_by_code_and_name():
    cat = functional_catalog()
    assert [s.code for s in cat.search("20131")][:2] == ["20131", "2013101"]
    hits = cat.search("住房公积金")
    assert hits and hits[0].code == "2210201"
    assert cat.search("") == []


def test_names_compare_like_a_reader_would():
    assert normalize_name("党委办公厅(室)及相关 机构事务") == normalize_name("党委办公厅（室）及相关机构事务")


def test_economic_rows_of_both_variants():
    codes_2023 = [g.code for g in economic_groups("2023")]
    codes_2020 = [g.code for g in economic_groups("2020")]
    assert codes_2023 == ["301", "303", "302", "310"]
    assert codes_2020 == ["301", "303", "302", "307", "310", "312", "399"]
    items_2020 = {i.code for g in economic_groups("2020") for i in g.items}
    items_2023 = {i.code for g in economic_groups("2023") for i in g.items}
    assert items_2020 - items_2023 == {"30701", "30703", "31019", "31204", "31299", "39908"}
