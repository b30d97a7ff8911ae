"""What the text says about its figures, and what the template asks it to say.

Against the narrative's own figures (kind `narrative_vs_table`):
- `direction_vs_figures`: "决算数大于/小于/与…持平 预算数" (narrative_claims, final_vs_budget) against the
  final and budget amounts the narrative states for the same subject (a 项 by its code, or a total):
  大于 needs final > budget, 小于 final < budget, 持平 equal as printed (flat_steps of a rounding step),
  基本持平 within roughly_flat_pct of the budget;
- `change_direction_consistent`: a change stated both as an amount and as a rate ("减少 0.15 万元，下降
  27.78%") has one sign: the rate takes the amount's.

Disclosure findings (kind `disclosure`) — what a reviewer asks of the text, not a failure of the numbers:
- `reason_given`: where the final differs from the budget (大于 / 小于), and where a total the template
  explains year on year (收入支出总计, 财政拨款收入支出总计, 一般公共预算财政拨款支出, 三公经费, 机关运行经费)
  changed, the template asks for the reason (主要原因：…); none printed (or only the template's XXXX)
  is a finding;
- `template_phrase_edited`: the template's alternatives or instructions left in the text ("下降（增长）",
  "（如持平作持平表述）", "仍保留该表格式，并在本表下方作下述说明："), each with its page;
- `item_explained`: every 项 of table 5 with figures is explained in the text (a fact of its code,
  or of its name where the path did not resolve), and every 类 is given its share — judged only where
  the narrative explains at least one 项 (or states one 类's share);
- `empty_table_stated`: a table printed empty says so (本表无数据, or a 说明 under it).
"""
from __future__ import annotations

from decimal import Decimal

import pandas as pd

from expectations.batch import Batch
from expectations.rows import decimal_rows
from reference.statements import BY_KEY, statement_label

_ONE, _ZERO, _FEN = Decimal(1), Decimal(0), Decimal("0.01")
# The totals whose year-on-year change the template explains, by their change facts.
REASONED_CHANGES = ("total_income_expenditure_change", "fiscal_total_change", "gpb_expenditure_change",
                    "three_public_final_change", "org_running_cost_change")
_BUDGET_PREFERENCE = ("budget_full_year", "budget_initial", "budget")


def run(batch: Batch) -> tuple[list[pd.DataFrame], list[pd.DataFrame]]:
    out = [_directions(batch), _change_signs(batch), _reasons(batch), _template_phrases(batch),
           _items_explained(batch), _empty_stated(batch)]
    return [], [o for o in out if o is not None and len(o)]


def _fact_keys(subject: str) -> tuple[str, str]:
    """(final fact, budget fact prefix) of a claim's subject (transform/narrative.py keys)."""
    if subject == "item":
        return "item_final", "item"
    if subject == "three_public":
        return "three_public_final", "three_public"
    return subject, subject


def _directions(batch: Batch) -> pd.DataFrame | None:
    cl, f = batch.claims, batch.facts
    if cl is None or f is None:
        return None
    claims = cl[(cl["claim"] == "final_vs_budget") & cl["subject"].notna()]
    if claims.empty:
        return None
    amounts = f[f["unit"] == "yuan"]
    by_key: dict[tuple, list] = {}
    for r in amounts.itertuples():
        by_key.setdefault((r.doc_id, r.fact, r.code), []).append(r)
        if r.item:
            by_key.setdefault((r.doc_id, r.fact, "item:" + r.item), []).append(r)
    t = batch.tolerances
    step = batch.step_of_doc()

    def pick(doc, fact, code, item, page):
        found = by_key.get((doc, fact, code or "")) or (by_key.get((doc, fact, "item:" + item)) if item else None)
        if not found:
            return None
        return min(found, key=lambda r: (r.page != page, abs(r.page - page)))

    rows = []
    for c in claims.itertuples():
        final_key, base = _fact_keys(c.subject)
        code = c.code if isinstance(c.code, str) else ""
        item = c.item if isinstance(c.item, str) else ""
        final = pick(c.doc_id, final_key, code, item, c.page)
        wanted = [c.budget] if c.budget and c.budget != "budget" else []
        budgets = [b for b in (pick(c.doc_id, f"{base}_{k}", code, item, c.page)
                               for k in dict.fromkeys(wanted + list(_BUDGET_PREFERENCE))) if b is not None]
        if final is None or not budgets:
            continue
        budget = next((b for b in budgets if b.value != 0), budgets[0]) if not wanted else budgets[0]
        diff = final.value - budget.value
        flat = Decimal(int(step.get(c.doc_id, 10000))).scaleb(-2) * t.flat_steps
        if c.direction == "less":
            exp, tol, rule = (diff if diff < 0 else -_FEN), _ZERO, "final < budget (0)"
        elif c.direction == "greater":
            exp, tol, rule = (diff if diff > 0 else _FEN), _ZERO, "final > budget (0)"
        elif c.direction == "roughly_equal":
            exp, tol = _ZERO, max(flat, (abs(budget.value) * t.roughly_flat_pct / 100).quantize(_FEN))
            rule = t.rule("flat_steps", "roughly_flat_pct")
        else:
            exp, tol, rule = _ZERO, flat, t.rule("flat_steps") + " × step"
        label = f" {code}" if code else ""
        rows.append((c.doc_id, f"narrative “{c.words}” {c.subject}{label}: {final.fact} − {budget.fact} "
                     f"(p.{final.page})", diff, exp, tol, int(c.page), int(c.mark), [int(final.mark), int(budget.mark)],
                     c.words, f"{final.value} − {budget.value}", rule))
    if not rows:
        return None
    d = pd.DataFrame(rows, columns=["doc_id", "subject", "obs", "exp", "tol", "page", "om", "em", "said", "figs",
                                    "rule"])
    return decimal_rows(d["doc_id"], "direction_vs_figures", "narrative_vs_table", d["subject"], d["obs"], d["exp"],
                        d["tol"], d["page"], d["rule"], om=d["om"], em=d["em"], observed_text=d["said"],
                        expected_text=d["figs"])


def _change_signs(batch: Batch) -> pd.DataFrame | None:
    f = batch.facts
    if f is None:
        return None
    changes = f[(f["unit"] == "yuan") & f["fact"].str.endswith("_change")]
    rates = f[(f["unit"] == "percent") & f["fact"].str.endswith("_change_pct")]
    if changes.empty or rates.empty:
        return None
    m = rates.assign(base=rates["fact"].str[: -len("_pct")]).merge(
        changes[["doc_id", "fact", "code", "evidence", "value", "mark", "page"]].rename(
            columns={"fact": "base", "value": "amount", "mark": "amount_mark", "page": "amount_page"}),
        on=["doc_id", "base", "code", "evidence"])
    if m.empty:
        return None
    exp = [abs(v) if a > 0 else -abs(v) if a < 0 else v for v, a in zip(m["value"], m["amount"])]
    code = m["code"].where(m["code"] == "", " " + m["code"])
    return decimal_rows(m["doc_id"], "change_direction_consistent", "narrative_vs_table",
                        "narrative " + m["fact"] + code + ": the sign of " + m["base"], m["value"], exp,
                        [_ZERO] * len(m), m["page"], "the amount's sign (0)", om=m["mark"], em=m["amount_mark"])


def _reasons(batch: Batch) -> pd.DataFrame | None:
    rows = []
    cl = batch.claims
    if cl is not None:
        asked = cl[(cl["claim"] == "final_vs_budget") & cl["direction"].isin(["less", "greater"])]
        for c in asked.itertuples():
            code = f" {c.code}" if isinstance(c.code, str) and c.code else ""
            reason = c.reason if isinstance(c.reason, str) and c.reason else None
            rows.append((c.doc_id, f"narrative “{c.words}” {c.subject or ''}{code}: the reason (主要原因) is given",
                         _ONE if reason else _ZERO, int(c.page), int(c.mark), reason or "none printed"))
    f = batch.facts
    if f is not None:
        changed = f[f["fact"].isin(REASONED_CHANGES) & (f["unit"] == "yuan")]
        for r in changed.itertuples():
            if r.value == 0:
                continue  # 持平: the template asks for no reason
            reason = r.reason if isinstance(r.reason, str) and r.reason else None
            rows.append((r.doc_id, f"narrative {r.fact}: the reason (主要原因) for the change is given",
                         _ONE if reason else _ZERO, int(r.page), int(r.mark), reason or "none printed"))
    if not rows:
        return None
    t = batch.tolerances
    d = pd.DataFrame(rows, columns=["doc_id", "subject", "obs", "page", "om", "reason"])
    return decimal_rows(d["doc_id"], "reason_given", "disclosure", d["subject"], d["obs"], [_ONE] * len(d),
                        [t.missing_allowed] * len(d), d["page"], t.rule("missing_allowed"), om=d["om"],
                        observed_text=d["reason"], expected_text="a reason")


def _template_phrases(batch: Batch) -> pd.DataFrame | None:
    """One failing row per template phrase left; one passing row per document with a narrative but none."""
    cl, f = batch.claims, batch.facts
    docs: set[str] = set()
    for df in (cl, f):
        if df is not None:
            docs |= set(df["doc_id"])
    if not docs:
        return None
    left = cl[cl["claim"] == "template_phrase"] if cl is not None else pd.DataFrame(columns=["doc_id"])
    rows = []
    for c in left.itertuples():
        where = f" under {c.subject}" if isinstance(c.subject, str) and c.subject in BY_KEY else ""
        rows.append((c.doc_id, f"template phrase “{c.words}” left unedited{where} (p.{int(c.page)})", _ONE,
                     int(c.page), [int(c.mark)], c.words))
    for doc in sorted(docs - set(left["doc_id"])):
        rows.append((doc, "no template phrase left unedited", _ZERO, 1, [], None))
    t = batch.tolerances
    d = pd.DataFrame(rows, columns=["doc_id", "subject", "obs", "page", "om", "words"])
    return decimal_rows(d["doc_id"], "template_phrase_edited", "disclosure", d["subject"], d["obs"],
                        [_ZERO] * len(d), [t.missing_allowed] * len(d), d["page"], t.rule("missing_allowed"),
                        om=d["om"], observed_text=d["words"])


def _items_explained(batch: Batch) -> pd.DataFrame | None:
    li, f = batch.li, batch.facts
    if li is None or f is None:
        return None
    t = batch.tolerances
    # figures beyond what rounding alone leaves in a row (explain_min_steps)
    t5 = li[(li["statement"] == "gpb_expenditure") & (li["measure"] == "total") & (li["lvl"] > 0)
            & (li["absc"] > li["step"] * float(t.explain_min_steps))]
    t5 = t5.drop_duplicates(["doc_id", "code"])
    if t5.empty:
        return None
    coded = f[f["code"] != ""]
    item_facts = coded[coded["fact"].str.startswith("item_")]
    explained_items = {(d, c) for d, c in zip(item_facts["doc_id"], item_facts["code"]) if len(c) == 7}
    stated_classes = {(d, c[:3]) for d, c in zip(coded["doc_id"], coded["code"])
                      if len(c) == 3 and c.isdigit()}
    shares = {d for d, k in zip(coded["doc_id"], coded["fact"]) if k == "class_share_pct"}
    uncoded = f[(f["code"] == "") & (f["item"] != "")]
    names: dict[str, list[str]] = {}
    for d, item in zip(uncoded["doc_id"], uncoded["item"]):
        names.setdefault(d, []).append(item.replace(" ", ""))
    docs_items = {d for d, _ in explained_items}
    rows = []
    for r in t5.itertuples():
        if r.lvl == 3 and r.doc_id in docs_items:
            ok = (r.doc_id, r.code) in explained_items or any(r.item and r.item in n for n in names.get(r.doc_id, ()))
            what = "项"
        elif r.lvl == 1 and r.doc_id in shares:
            ok = (r.doc_id, r.code) in stated_classes
            what = "类"
        else:
            continue
        rows.append((r.doc_id, f"gpb_expenditure {what} {r.label} (p.{int(r.page)}) is explained in the narrative",
                     _ONE if ok else _ZERO, int(r.page), int(r.mark), r.label))
    if not rows:
        return None
    d = pd.DataFrame(rows, columns=["doc_id", "subject", "obs", "page", "om", "label"])
    return decimal_rows(d["doc_id"], "item_explained", "disclosure", d["subject"], d["obs"], [_ONE] * len(d),
                        [t.missing_allowed] * len(d), d["page"], t.rule("missing_allowed", "explain_min_steps"),
                        om=d["om"],
                        observed_text=d["label"], expected_text="explained in the text")


def _empty_stated(batch: Batch) -> pd.DataFrame | None:
    st = batch.statements
    if st is None:
        return None
    empty = st[(st["status"] == "empty") & st["statement"].map(lambda k: k in BY_KEY and BY_KEY[k].number is not None)]
    if empty.empty:
        return None
    t = batch.tolerances
    said = [isinstance(n, str) and bool(n.strip()) for n in empty["note"]] if "note" in empty else [False] * len(empty)
    return decimal_rows(empty["doc_id"], "empty_table_stated", "disclosure",
                        [f"{statement_label(k, ph)} printed empty (p.{int(p)}) says it holds no figures"
                         for k, p, ph in zip(empty["statement"], empty["first_page"],
                                             empty["phase"] if "phase" in empty else [None] * len(empty))],
                        [_ONE if s else _ZERO for s in said], [_ONE] * len(empty),
                        [t.missing_allowed] * len(empty), [int(p) for p in empty["first_page"]],
                        t.rule("missing_allowed"), om=empty["mark"],
                        observed_text=[n if isinstance(n, str) and n.strip() else "no 说明 printed"
                                       for n in (empty["note"] if "note" in empty else [None] * len(empty))],
                        expected_text="本表无数据 (or a 说明)")
