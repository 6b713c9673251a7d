"""Japanese era years (和暦) to Western fiscal years (西暦) and back."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The year before an era's first year: 令和1 = 2019, 平成1 = 1989, 昭和1 = 1926.
_ERA_OFFSETS = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988, "昭和": 1925, "S": 1925}
_ERA_LABEL = re.compile(r"(令和|平成|昭和|R|H|S)\s*(元|[0-9]{1,2})\s*(?:年度|年)?")
_WESTERN_LABEL = re.compile(r"([0-9]{4})\s*(?:年度|年)?")
# The fiscal years a data file can hold (the schema's range): from 昭和元年 to 2200.
FIRST_YEAR, LAST_YEAR = 1926, 2200


@lru_cache(maxsize=4096)
def parse_fiscal_year(label: str) -> int | None:
    """The Western year of a label such as 令和 4年度, R01年度, 令和元年度, 平成30年度, H29 or 2022年度.

    Full-width digits are read as ASCII (NFKC); other digits are not. Returns None when
    the text is not a year label or names a year outside FIRST_YEAR-LAST_YEAR.
    """
    text = unicodedata.normalize("NFKC", label).strip()
    era = _ERA_LABEL.fullmatch(text)
    if era:
        number = 1 if era.group(2) == "元" else int(era.group(2))
        year = _ERA_OFFSETS[era.group(1)] + number if number > 0 else None
    else:
        western = _WESTERN_LABEL.fullmatch(text)
        year = int(western.group(1)) if western else None
    return year if year is not None and FIRST_YEAR <= year <= LAST_YEAR else None


def era_label(fiscal_year: int) -> str:
    """The 和暦 label of a fiscal year: 2022 -> 令和4年度, 2019 -> 令和元年度, 2018 -> 平成30年度."""
    for era, offset in (("令和", 2018), ("平成", 1988), ("昭和", 1925)):
        number = fiscal_year - offset
        if number >= 1:
            return f"{era}{'元' if number == 1 else number}年度"
    return f"{fiscal_year}年度"
