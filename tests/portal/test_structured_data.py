"""JSON-LD on /data/ and every project page: valid JSON, schema.org terms used where
schema.org allows them, the licence of content/site.yaml, the canonical URL and the dates."""

from __future__ import annotations

import json
import re
from pathlib import Path

from builder.records.model import Sheet
from builder.settings.licence import LICENCES
from builder.settings.site import load_site_config
from tests.portal.portalkit import CONTENT

VOCABULARY = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "schemaorg-vocabulary.json").read_text(
        "utf-8"
    )
)
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')


def _ancestors(schema_type: str) -> set[str]:
    found: set[str] = set()
    current: str | None = schema_type
    while current:
        found.add(current)
        current = VOCABULARY["types"][current]
    return found


def _check_node(node: object, where: str) -> None:
    """Every typed node: a known type, and only properties schema.org allows on it."""
    if isinstance(node, list):
        for item in node:
            _check_node(item, where)
        return
    if not isinstance(node, dict):
        return
    kinds = _ancestors(node["@type"]) if "@type" in node else None
    for key, value in node.items():
        if key.startswith("@"):
            continue
        assert key in VOCABULARY["properties"], f"{where}: {key} is not in the committed vocabulary"
        if kinds is not None:
            assert kinds & set(VOCABULARY["properties"][key]), (
                f"{where}: {key} not used on {node['@type']}"
            )
        _check_node(value, where)


def _structured(page: Path) -> tuple[dict, str]:
    html = page.read_text("utf-8")
    (text,) = SCRIPT.findall(html)
    assert "<" not in text
    return json.loads(text), CANONICAL.search(html).group(1)


def test_the_data_page_is_a_dataset_with_every_download(site: Path) -> None:
    data, canonical = _structured(site / "data" / "index.html")
    _check_node(data, "/data/")
    licence = load_site_config(CONTENT).licence
    assert (
        data["@type"] == "Dataset"
        and data["url"] == canonical == "https://mieruka.example.jp/data/"
    )
    assert data["license"] == licence.url == "https://creativecommons.org/licenses/by/4.0/deed.ja"
    assert data["publisher"] == {"@type": "GovernmentOrganization", "name": "つくば市"}
    assert (
        data["temporalCoverage"] == "2022-04-01/2023-03-31"
    )  # the repository's sheets are of 令和4年度
    assert data["datePublished"] == "2026-11-28" and data["dateModified"] >= "2026-11-28"
    urls = {d["contentUrl"] for d in data["distribution"]}
    assert "https://mieruka.example.jp/data/datapackage.json" in urls
    assert all((site / u.removeprefix("https://mieruka.example.jp/")).is_file() for u in urls)
    assert {d["@type"] for d in data["distribution"]} == {"DataDownload"}


def test_every_project_page_is_a_dataset_of_its_sheet(site: Path, sheets: dict[str, Sheet]) -> None:
    pages = sorted(site.glob("projects/*/index.html")) + sorted(
        site.glob("projects/*/20*/index.html")
    )
    assert len(pages) == 2 * len(sheets)
    for page in pages:
        data, canonical = _structured(page)
        code = page.relative_to(site).parts[1]
        _check_node(data, str(page))
        assert data["url"] == canonical and data["@id"] == canonical + "#dataset"
        assert data["identifier"] == code and sheets[code].name in data["name"]
        assert data["license"] == "https://creativecommons.org/licenses/by/4.0/deed.ja"
        assert data["datePublished"] == "2026-11-28"
        assert data["isPartOf"] == {"@id": "https://mieruka.example.jp/data/#dataset"}
        downloads = {d["contentUrl"] for d in data["distribution"]}
        assert f"https://mieruka.example.jp/data/2022/{code}.yaml" in downloads
    data, _ = _structured(site / "projects" / "092" / "index.html")
    assert data["temporalCoverage"] == "2020-04-01/2025-03-31"  # 令和2年度 to 令和6年度 (plan)
    assert "指標1：連携企業数" in data["variableMeasured"]


def test_a_licence_other_than_the_default(tmp_path: Path) -> None:
    text = (CONTENT / "site.yaml").read_text("utf-8")
    (tmp_path / "site.yaml").write_text(
        text.replace("licence: CC-BY-4.0", "licence: PDL-1.0"), "utf-8"
    )
    licence = load_site_config(tmp_path).licence
    assert licence == LICENCES["PDL-1.0"] and licence.url.startswith("https://www.digital.go.jp/")
    (tmp_path / "site.yaml").write_text(text.replace("licence: CC-BY-4.0\n", ""), "utf-8")
    assert load_site_config(tmp_path).licence == LICENCES["CC-BY-4.0"]  # the default


def test_the_licence_is_named_with_its_link(site: Path) -> None:
    """On /data/, in the citation box and the footer of every page, and in datapackage.json."""
    url = "https://creativecommons.org/licenses/by/4.0/deed.ja"
    data = (site / "data" / "index.html").read_text("utf-8")
    assert (
        f'<p class="licence">ライセンス：<a href="{url}" rel="license">'
        "クリエイティブ・コモンズ 表示 4.0 国際 パブリック・ライセンス（CC BY 4.0）</a>" in data
    )
    assert "公共データ利用規約（第1.0版）・政府標準利用規約（第2.0版）と互換性があります" in data
    project = (site / "projects" / "092" / "2022" / "index.html").read_text("utf-8")
    cite = project[project.index('<section id="cite"') :]
    assert f'<dt>ライセンス</dt><dd><a href="{url}" rel="license">' in cite
    for page in (data, project, (site / "index.html").read_text("utf-8")):
        footer = page[page.index('<footer class="site-footer">') :]
        assert f'ライセンス：<a href="{url}" rel="license">CC BY 4.0</a>' in footer
    package = json.loads((site / "data" / "datapackage.json").read_text("utf-8"))
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": url,
            "title": "クリエイティブ・コモンズ 表示 4.0 国際 パブリック・ライセンス（CC BY 4.0）",
        }
    ]
