"""Each project page shows every number of its sheet exactly, compared with the data file."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.records.model import Sheet
from builder.util.formatting import short_yen
from tests.portal.portalkit import CONTENT, Element, TableCell, page, table_rows

CODES = sorted(p.stem for p in CONTENT.glob("data/2022/*.yaml"))
URLS = [(code, url) for code in CODES for url in (f"/projects/{code}/", f"/projects/{code}/2022/")]


def test_all_eight_sheets_are_published() -> None:
    assert CODES == ["009", "045", "092", "093", "094", "095", "096", "097"]


def _expect(value: float | bool | None, cell: TableCell, plan: bool) -> None:
    if value is None:
        assert cell.value is None and cell.note == ("未確定" if plan else "記載なし")
    else:
        assert cell == TableCell(value, None)


@pytest.mark.parametrize(("code", "url"), URLS)
def test_cost_tables_hold_every_cost_of_the_sheet(
    site: Path, sheets: dict[str, Sheet], code: str, url: str
) -> None:
    sheet, doc = sheets[code], page(site, url)
    rows: dict[str, list[TableCell]] = {}
    for figure in ("costs-budget", "costs-sources", "costs-personnel"):
        rows.update(table_rows(doc.by_id(figure).find_all("table")[0]))
    fields = {
        "予算額": "budget",
        "決算額": "settlement",
        "一般財源": "general_fund",
        "国庫・県支出金・地方債": "national_prefectural_bonds",
        "その他": "other",
        "人件費計": "personnel",
        "正職員従事割合": "staff_fte",
        "正職員時間外勤務": "overtime_hours",
        "会計年度任用職員の有無": "fiscal_year_staff",
    }
    assert set(rows) == set(fields) | {
        "市民1人あたりの決算額"
    }  # per resident: tests/portal/test_per_resident.py
    for label, name in fields.items():
        assert len(rows[label]) == len(sheet.costs)
        for cost, cell in zip(sheet.costs, rows[label]):
            _expect(getattr(cost, name), cell, plan=cost.fiscal_year > sheet.fiscal_year)


@pytest.mark.parametrize(("code", "url"), URLS)
def test_indicator_tables_hold_every_value(
    site: Path, sheets: dict[str, Sheet], code: str, url: str
) -> None:
    sheet, doc = sheets[code], page(site, url)
    blocks = [e for e in doc.find_all("section") if e.attrs.get("id", "").startswith("indicator-")]
    assert [b.attrs["id"] for b in blocks] == [f"indicator-{i.number}" for i in sheet.indicators]
    for indicator, block in zip(sheet.indicators, blocks):
        assert indicator.name in block.find_all("h3")[0].text()
        rows = table_rows(block.find_all("table")[0])
        for value, target, actual in zip(
            indicator.values, rows["目標値"], rows["実績"], strict=True
        ):
            plan = value.fiscal_year > sheet.fiscal_year
            if value.target is None:
                assert target.value is None and target.note in ("設定なし", "記載なし")
            else:
                assert target == TableCell(value.target, None)
            if value.actual is None:
                assert actual.value is None and actual.note in (
                    ("未確定",) if plan else ("設定なし", "記載なし")
                )
            else:
                assert actual == TableCell(value.actual, None)


def _dd(doc: Element, label: str) -> str:
    for item in doc.by_id("summary").find_all("div"):
        if item.find_all("dt")[0].text().startswith(label):
            return item.find_all("dd")[0].text().replace("\n", "")
    raise AssertionError(label)


@pytest.mark.parametrize("code", CODES)
def test_headline_figures(site: Path, sheets: dict[str, Sheet], code: str) -> None:
    sheet, doc = sheets[code], page(site, f"/projects/{code}/")
    this, last = sheet.cost_for(2022), sheet.cost_for(2021)
    assert this and last and this.settlement is not None and this.personnel is not None
    # each amount rounded in 億円・万円, then exactly in 千円 as the sheet prints it
    assert _dd(doc, "決算額") == f"{short_yen(this.settlement)}{this.settlement:,}千円"
    assert _dd(doc, "人件費") == f"{short_yen(this.personnel)}{this.personnel:,}千円"
    full = this.settlement + this.personnel
    assert _dd(doc, "総コスト（").startswith(
        f"{short_yen(full)}{full:,}千円前年度（令和3年度）から"
    )
    assert (last.settlement or 0) + (last.personnel or 0) - this.settlement - this.personnel != 0
    diff = abs(this.settlement + this.personnel - (last.settlement or 0) - (last.personnel or 0))
    assert f"から{short_yen(diff)}" in _dd(doc, "総コスト（") and f"（{diff:,}千円" in _dd(
        doc, "総コスト（"
    )
    direction = _dd(doc, "今後の方向性")
    assert direction.startswith(sheet.direction.decision or "")
    assert (sheet.direction.reason or "記載なし") in direction


def test_headline_of_092_in_words(site: Path) -> None:
    doc = page(site, "/projects/092/")
    assert _dd(doc, "決算額") == "約931万円9,307千円"
    assert _dd(doc, "人件費") == "約217万円2,166千円"
    assert _dd(doc, "総コスト（") == (
        "約1,147万円11,473千円"
        "前年度（令和3年度）から約455万円減（-28.4%）（4,554千円減）"  # 16,027 -> 11,473
        "市民1人あたり 年45.5円・1日あたり0.12円"
    )


def test_092_answers_first_indicators_met_evaluation_and_contents(site: Path) -> None:
    """Of 092's two indicators only the second has a 2022 target and actual (360, 0): 0 of 1
    reached its target; the evaluation's four scores; the contents list names every section."""
    doc = page(site, "/projects/092/")
    assert (
        _dd(doc, "指標の実績が目標値以上")
        == "0件／1件令和4年度に実績と目標値を比べられる指標1件のうち（指標は全2件）。指標の推移"
    )
    assert doc.by_id("glance-indicators").find_all("a")[-1].attrs["href"] == "#indicators"
    assert _dd(doc, "評価") == "市民ニーズ 3進捗状況 4市の関与 —優先度 —評価の説明"
    assert (
        doc.find_all("p", **{"class": "what"})[0].text()
        == "特区プロジェクト等の推進や新たなプロジェクトを創出、推進するため"
    )
    (contents,) = [
        nav for nav in doc.find_all("nav") if nav.attrs.get("aria-labelledby") == "contents-title"
    ]
    targets = [a.attrs["href"] for a in contents.find_all("a")]
    assert targets[0] == "#notes" and "#indicators" in targets and "#evaluation" in targets
    assert all(doc.find_all(id=t[1:]) for t in targets)


@pytest.mark.parametrize("code", CODES)
def test_scores_codes_and_links(site: Path, sheets: dict[str, Sheet], code: str) -> None:
    sheet, doc = sheets[code], page(site, f"/projects/{code}/")
    scores = [
        tr.find_all("td")[0].text()
        for tr in doc.by_id("evaluation").find_all("tbody")[0].find_all("tr")
    ]
    expected = [
        sheet.evaluation.citizen_needs,
        sheet.evaluation.progress,
        sheet.evaluation.city_involvement,
        sheet.evaluation.priority,
    ]
    assert scores == [str(s.score) if s.score is not None else "—（評価なし）" for s in expected]
    sdg_links = [
        a.attrs["href"]
        for a in doc.by_id("sdgs").find_all("a")
        if a.attrs.get("class") != "self-link"
    ]
    assert sdg_links == [f"/sdgs/{n}/" for n in sorted(sheet.sdgs)]
    facts = doc.by_id("overview").text()
    for text in (
        sheet.code,
        sheet.budget_item.code,
        sheet.mayor_pledge,
        sheet.strategic_plan and sheet.strategic_plan.code,
    ):
        assert text is None or text in facts
    assert doc.find_all("h1")[0].text() == sheet.name
    assert f"{sheet.source.line}行目" in doc.by_id("source").text()
    # The sheet's file by its name, in words a resident reads, not the builder's internal path.
    source = doc.by_id("source").text()
    assert f"ファイル「{sheet.source.file.rsplit('/', 1)[-1]}」の{sheet.source.line}行目" in source
    assert "content/" not in source
    assert (
        doc.by_id("organisation").find_all("a")[1].attrs["href"]
        == "/departments/policy-innovation/"
    )  # [0]: #organisation


def test_abolished_project_is_marked(site: Path) -> None:
    notices = page(site, "/projects/096/").find_all("div", **{"class": "notice notice-abolished"})
    assert len(notices) == 1 and "廃止されます" in notices[0].text()
    for code in ("092", "095", "045"):
        assert not page(site, f"/projects/{code}/").find_all(
            "div", **{"class": "notice notice-abolished"}
        )
    for url in ("/", "/departments/policy-innovation/", "/sdgs/11/"):
        marked = page(site, url).find_all("strong", **{"class": "abolished"})
        assert [m.text() for m in marked] == ["廃止"]
        assert (
            next(a for a in marked[0].ancestors() if a.tag == "tr").find_all("a")[0].attrs["href"]
            == "/projects/096/"
        )


def test_special_sheets(site: Path) -> None:
    assert "拡大・拡充" in page(site, "/projects/095/").by_id("direction").text()
    new = page(site, "/projects/045/")
    assert "（旧：" in new.find_all("h1")[0].text()
    assert new.find_all("span", data_pagefind_filter="status")[0].text() == "新規"
    notes = page(site, "/projects/095/").by_id("notes").text()
    assert "-4,620" in notes and "-5,183" in notes


def test_a_value_not_yet_closed_is_never_drawn_as_zero(site: Path) -> None:
    doc = page(site, "/projects/092/")
    budget = doc.by_id("costs-budget")
    assert [th.text() for th in budget.find_all("th", **{"class": "plan"})] == [
        "令和6年度2024（計画）",
        "令和5年度2023（計画）",
    ]  # newest first
    spec = doc.by_id("costs-budget-spec").text()
    assert '"y":[8582,8973,9307,null,null]' in spec
