"""The search record of a page, made from its context: the texts the page shows (as in
``templates/project.html`` and ``department.html``, without the parts they mark
``data-pagefind-ignore``), its metadata and its filter values.

Japanese has no spaces, so :func:`content` writes each text as its ICU words (the cut the
browser's ``Intl.Segmenter`` makes of a query) followed by a space, and a space of the page
as the word :data:`SPACE` (U+2063); the search page drops the plain spaces from an excerpt
and turns each :data:`SPACE` back into one (``assets/search.js``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from builder.pages.at_a_glance import Amount
from builder.pages.figures import Cell
from builder.pages.index_pages import DepartmentPage
from builder.pages.project_page import Headline, ProjectPage
from builder.search.text import searchable

SPACE = "\u2063"


@dataclass(frozen=True)
class Record:
    """What Pagefind indexes of one page."""

    url: str
    texts: tuple[str, ...]  # as search compares them (builder.search.text)
    meta: tuple[tuple[str, str], ...]
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def plain(self) -> list[object]:
        """The record as plain data, for the build cache."""
        return [
            self.url,
            list(self.texts),
            [list(m) for m in self.meta],
            [[k, list(v)] for k, v in self.filters],
        ]

    @staticmethod
    def from_plain(plain: list[object] | None) -> Record | None:
        """A record from :meth:`plain` (None: a page not indexed)."""
        if plain is None:
            return None
        url, texts, meta, filters = cast(
            tuple[str, list[str], list[list[str]], list[tuple[str, list[str]]]], plain
        )
        return Record(
            str(url),
            tuple(map(str, texts)),
            tuple((str(k), str(v)) for k, v in meta),
            tuple((str(k), tuple(map(str, v))) for k, v in filters),
        )


def _texts(*parts: object) -> tuple[str, ...]:
    return tuple(searchable(str(part)) for part in parts if part)


def _cell(cell: Amount | Cell) -> str:
    if isinstance(cell, Amount):
        return cell.short + cell.exact
    return f"{cell.text}（{cell.note}）" if cell.note else cell.text


def _change(h: Headline) -> str:
    if isinstance(h.change, Amount):
        return f"前年度（{h.previous_year}）から{h.change.short}（{h.change.exact}）"
    return f"前年度（{h.previous_year}）から：{_cell(h.change)}"


def _per_resident(page: ProjectPage) -> str | None:
    if not page.per_resident.population:
        return None
    _, year, day = page.per_resident.lines[-1]
    return f"市民1人あたり 年{year}・1日あたり{day}"


def _items(items: tuple[str, ...], empty: str = "—（記載なし）") -> tuple[str, ...]:
    return items or (empty,)


def project_record(page: ProjectPage) -> Record | None:
    """The record of a project page (None for the latest page of a sheet indexed by its year
    page): its texts in the order of ``templates/project.html``."""
    if not page.searchable:
        return None
    s, h, year = page.sheet, page.headline, page.year_label
    org = " ".join(part for part in (s.department, s.division, s.section) if part)
    texts = _texts(
        f"事業番号 {s.code}・{year}のシート",
        s.name,
        page.former_names and "旧名称：" + "、".join(page.former_names),
        f"担当：{org}",
        f"新規・継続：{s.status or '—'}",
        page.abolished
        and f"この事業は廃止されます（{s.fiscal_year_label}のシートの方向性：「{s.direction.decision}」）。",
        *page.lifecycle,
        not page.is_latest_page
        and f"{year}のシートをそのまま残したものです。最新は事業のページへ。",
        f"ひと目でわかる数字（{s.fiscal_year_label}）",
        _cell(h.full_cost),
        _change(h),
        _per_resident(page),
        _cell(h.settlement),
        _cell(h.personnel),
        s.direction.decision or "—",
        f"理由：{s.direction.reason or '—（記載なし）'}",
        s.notes and "このシートの数値についての注意",
        *(note.message for note in s.notes),
        *(_corrections(page) if page.open_data.corrections else ()),
        "事業の概要",
        "対象",
        *_items(s.overview.target),
        "目的",
        *_items(s.overview.purpose),
        "取組内容",
        *_items(s.overview.activities),
        "基本情報",
        *(f.value or "—（記載なし）" for f in page.facts),
        "コストの推移",
        "指標の推移",
        *(
            text
            for i in page.indicators
            for text in (
                f"指標{i.number}：{i.name or '（名称なし）'}",
                i.until and f"この指標は{i.until}のシートまで設定されていました。",
                *i.description,
            )
        ),
        "市民参加の取組状況",
        *(stage.value or "—（取組なし）" for stage in page.participation),
        "事業の成果と課題",
        *(text for group in page.results for text in (group.label, *_items(group.items))),
        "評価",
        "評価（5段階）",
        *(row.comment or "—" for row in page.scores),
        "関連するSDGsの目標",
        *(f"目標{g.number}：{g.name}" for g in page.sdgs),
        "担当部署と問い合わせ先",
        f"担当：{org}",
        "出典とデータ",
    )
    meta = {
        "title": page.meta.title,
        "name": s.name,
        "code": s.code,
        "department": s.department,
        "division": s.division or "",
        "fiscal_year": page.year_label,
        "settlement": "" if h.settlement_value is None else str(h.settlement_value),
    }
    filters = {
        "fiscal_year": [page.year_label],
        "department": [s.department],
        "division": [s.division or ""],
        "sdg": [f"目標{g.number}：{g.name}" for g in page.sdgs],
        "direction": [s.direction.decision or "—"],
        "status": [s.status or "—"],
    }
    return Record(
        page.meta.path,
        texts,
        _pairs(meta),
        tuple((k, tuple(map(searchable, v))) for k, v in filters.items() if any(v)),
    )


def _corrections(page: ProjectPage) -> tuple[str, ...]:
    return (
        "公表後の訂正",
        (
            "このシートの次の値は、公表後に市が訂正しました。このページとダウンロード用のデータは訂正後の値です。"
            "すべての訂正は訂正の一覧にあります。"
        ),
        "このシートの訂正",
        "項目",
        "訂正日",
        "訂正前",
        "訂正後",
        "理由",
        *(
            text
            for c in page.open_data.corrections
            for text in (c.label, c.date.isoformat(), c.old_text, c.new_text, c.reason)
        ),
    )


def department_record(page: DepartmentPage) -> Record:
    """The record of a department page: its name, its divisions and the projects it lists."""
    texts = _texts(
        page.name,
        f"{page.year_label}に{page.name}が担当した事業は{page.totals.count}件",
        *(
            text
            for block in page.divisions
            for text in (block.name, *(f"{row.code} {row.name}" for row in block.table.rows))
        ),
    )
    meta = {
        "title": page.meta.title,
        "name": page.name,
        "kind": "department",
        "department": page.name,
        "divisions": "、".join(block.name for block in page.divisions),
        "fiscal_year": page.year_label,
    }
    return Record(page.meta.path, texts, _pairs(meta))


def search_record(context: object) -> Record | None:
    """The record of a page context, or None for a page that search does not index."""
    if isinstance(context, ProjectPage):
        return project_record(context)
    return department_record(context) if isinstance(context, DepartmentPage) else None


def _pairs(meta: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((key, searchable(value)) for key, value in meta.items() if value)


def content(texts: Sequence[str], segments: Mapping[str, Sequence[str]]) -> str:
    """The record's texts as Pagefind indexes them: ICU words, each followed by a space, a
    space of the page (and the edge between two texts) written as :data:`SPACE`."""
    words: list[str] = []
    for text in texts:
        for segment in [" ", *segments[text]]:
            if not segment.isspace():
                words.append(segment)
            elif words and words[-1] != SPACE:
                words.append(SPACE)
    if words and words[-1] == SPACE:
        words.pop()
    return " ".join(words)
