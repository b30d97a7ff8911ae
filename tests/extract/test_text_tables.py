"""The rule-less table reader (extract/text_tables/) on small pages typed here."""
from __future__ import annotations

from extract.text_tables import find_text_tables
from tests.extract.typed import chars as C
from tests.extract.typed import page_lines


def _read(*runs):
    tables, used = find_text_tables(1, page_lines(*runs), 595, 842)
    return tables, used


def _rows(table):
    return [[(c.text if c else "") for c in table.row_cells(r)] for r in range(table.n_rows)]


def _coded_table(top=100.0, project_figures=True):
    """表5's shape: a header of two levels with group labels centred over their columns, codes, a
    name wrapped over two lines with its figures on the second, right-aligned figures. Cells (not
    drawn): 科目编码 55–150, 科目名称 150–250, 合计 250–305, 基本支出 305–375, 项目支出 375–455."""
    y = top
    runs = [C("项目", 142.5, y), C("本年支出", 332.5, y),
            C("科目编码", 82.5, y + 16), C("科目名称", 180, y + 16), C("合计", 267.5, y + 16), C("基本支出", 320, y + 16),
            C("项目支出", 395, y + 16),
            C("合计", 155, y + 34), C("30.00", 300, y + 34, right=True), C("20.00", 370, y + 34, right=True),
            C("2080505", 60, y + 50), C("机关事业单位基本养老", 155, y + 50),
            C("保险缴费支出", 155, y + 62), C("30.00", 300, y + 62, right=True), C("20.00", 370, y + 62, right=True)]
    if project_figures:
        runs += [C("10.00", 450, y + 34, right=True), C("10.00", 450, y + 62, right=True)]
    return runs


def test_a_coded_table_without_rules_reads_as_a_grid():
    tables, _ = _read(*_coded_table())
    (t,) = tables
    assert t.source == "text" and t.header_rows == 2
    rows = _rows(t)
    assert rows[t.header_rows:] == [["", "合计", "30.00", "20.00", "10.00"],
                                    ["2080505", "机关事业单位基本养老保险缴费支出", "30.00", "20.00", "10.00"]]


def test_a_group_label_heads_the_columns_it_is_centred_over():
    tables, _ = _read(*_coded_table())
    t = tables[0]
    group = next(c for c in t.cells if c.text == "本年支出")
    assert (group.col, group.col_span) == (2, 3)  # over 合计 | 基本支出 | 项目支出
    item = next(c for c in t.cells if c.text == "项目")
    assert (item.col, item.col_span) == (0, 2)  # over 科目编码 | 科目名称


def test_a_column_printing_no_figure_is_found_from_its_header():
    tables, _ = _read(*_coded_table(project_figures=False))
    t = tables[0]
    assert t.n_cols == 5 and _rows(t)[-1] == ["2080505", "机关事业单位基本养老保险缴费支出", "30.00", "20.00", ""]


def test_a_continuation_page_without_a_header_has_no_header_rows():
    runs = [C("2010101", 60, 80), C("行政运行", 160, 80), C("1.00", 300, 80, right=True), C("1.00", 370, 80, right=True),
            C("2010102", 60, 96), C("一般行政管理事务", 160, 96), C("2.00", 300, 96, right=True)]
    (t,), _ = _read(*runs)
    assert t.header_rows == 0 and _rows(t) == [["2010101", "行政运行", "1.00", "1.00"], ["2010102", "一般行政管理事务", "2.00", ""]]


def test_two_sided_header_labels_split_the_table_between_them():
    y = 100
    # cells (not drawn): 项目 50–210, 决算数 210–270, 项目 290–450, 决算数 450–520
    runs = [C("收入", 150, y), C("支出", 395, y),
            C("项目", 120, y + 16), C("决算数", 225, y + 16), C("项目", 360, y + 16), C("决算数", 470, y + 16),
            C("一、一般公共预算财政拨款收入", 50, y + 32), C("100.00", 260, y + 32, right=True),
            C("一、一般公共服务支出", 300, y + 32), C("90.00", 510, y + 32, right=True),
            C("二、事业收入", 50, y + 48), C("二、教育支出", 300, y + 48), C("10.00", 510, y + 48, right=True)]
    (t,), _ = _read(*runs)
    heads = {c.text: (c.col, c.col_span) for c in t.cells if c.row == 0}
    assert heads == {"收入": (0, 2), "支出": (2, 2)}
    assert _rows(t)[2:] == [["一、一般公共预算财政拨款收入", "100.00", "一、一般公共服务支出", "90.00"],
                            ["二、事业收入", "", "二、教育支出", "10.00"]]


def test_running_text_and_a_contents_page_are_not_tables():
    text = [C("一、收入支出决算总表", 60, 100), C("5", 500, 100), C("二、收入决算表", 60, 120), C("6", 500, 120),
            C("本部门2024年度收入合计100.00万元，比上年增加10.00万元。", 60, 160)]
    tables, used = _read(*text)
    assert tables == [] and used == set()


def test_the_unit_line_and_a_note_stay_outside_the_table():
    runs = [C("单位：万元", 400, 80)] + _coded_table(100) + [C("注：本表反映部门本年度一般公共预算财政拨款支出情况。", 60, 190)]
    lines = page_lines(*runs)
    tables, used = find_text_tables(1, lines, 595, 842)
    outside = ["".join(ch["text"] for ch in lines[i]) for i in range(len(lines)) if i not in used]
    assert outside[0] == "单位：万元" and outside[-1].startswith("注：")
    assert len(tables) == 1
