"""The report of a build: sheets read, warnings, files written, time per stage; and what a
rebuild that finds nothing changed reports instead (``builder.publish.unchanged``)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.publish.unchanged import UNCHANGED_STAGE, LastBuild
from builder.search.pagefind import SearchReport
from builder.util.progress import stage_lines


@dataclass(frozen=True)
class BuildReport:
    """What a build did: sheets read per year, warnings, files written, time per stage."""

    out: Path
    sheets_per_year: tuple[tuple[int, int], ...]  # (fiscal year, sheets)
    warnings: int  # notes on the sheets (each printed as a warning)
    data_files_written: int  # data files created or changed
    pages: int  # HTML pages written
    pages_reused: int  # pages taken over from the previous build (their inputs hash the same)
    stages: tuple[tuple[str, float], ...]  # (stage, seconds), in order
    search: SearchReport

    def summary(self) -> str:
        """The report printed at the end of ``make``."""
        return f"{self.results()}\n{stage_lines(self.stages)}"

    def results(self) -> str:
        """The summary but the stage times."""
        years = "、".join(f"{year}年度 {count}件" for year, count in self.sheets_per_year)
        return (
            f"ビルド完了: {self.out}\n"
            f"  読み込んだシート: {years}\n"
            f"  警告: {self.warnings}件　更新したデータファイル: {self.data_files_written}件　"
            f"ページ: {self.pages}件（前回から再利用 {self.pages_reused}件）\n"
            f"  {self.search.summary()}"
        )

    def kept(self) -> BuildReport:
        """The report of a rebuild that finds nothing changed since this build (without
        stage times): every page reused, no data file written, no time on the search index."""
        return dataclasses.replace(
            self,
            data_files_written=0,
            pages_reused=self.pages,
            stages=(),
            search=dataclasses.replace(self.search, seconds=0.0),
        )

    def last_build(self, warnings: str) -> LastBuild:
        """What a rebuild that finds nothing changed reports (``warnings``: the summary of
        the sheets' warnings this build printed)."""
        kept = self.kept()
        plain = {
            "sheets_per_year": kept.sheets_per_year,
            "warnings": kept.warnings,
            "pages": kept.pages,
            "search": dataclasses.asdict(kept.search),
        }
        return LastBuild(plain, kept.results(), warnings)

    @classmethod
    def of_last_build(cls, out: Path, last: LastBuild, seconds: float) -> BuildReport:
        """The report of a rebuild of ``out`` that found nothing changed in ``seconds``."""
        plain: Any = last.report
        return cls(
            out=out,
            sheets_per_year=tuple((year, count) for year, count in plain["sheets_per_year"]),
            warnings=plain["warnings"],
            data_files_written=0,
            pages=plain["pages"],
            pages_reused=plain["pages"],
            stages=((UNCHANGED_STAGE, seconds),),
            search=SearchReport(**plain["search"]),
        )
