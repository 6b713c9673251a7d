"""Whom to ask (issue 20): every project page names its 担当課 and how to reach it, from
content/contacts.yaml: the 課's own contact, else the city's general one; nothing made up."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.build import build_site
from builder.errors import ConfigError
from builder.settings.contacts import Contact, Contacts, load_contacts
from tests.portal.portalkit import Element, copy_content, page

CODES = ("009", "045", "092", "093", "094", "095", "096", "097")
OWN = """general:
  name: つくば市役所
  address: 〒305-8555 茨城県つくば市研究学園一丁目1番地1
divisions:
  政策イノベーション部:
    科学技術振興課:
      name: 政策イノベーション部 科学技術振興課
      phone: 029-000-0000
"""


def _contact(doc: Element) -> dict[str, str]:
    (facts,) = doc.by_id("organisation").find_all("dl")
    return {
        div.find_all("dt")[0].text(): div.find_all("dd")[0].text() for div in facts.find_all("div")
    }


def test_every_project_page_names_its_division_and_the_citys_general_contact(site: Path) -> None:
    for code in CODES:
        for url in (f"/projects/{code}/", f"/projects/{code}/2022/"):
            doc = page(site, url)
            section = doc.by_id("organisation")
            assert "科学技術振興課" in section.find_all("p")[0].text(), url
            contact = _contact(doc)
            assert contact["問い合わせ先"].startswith("つくば市役所（つくば市の代表の窓口です。"), (
                url
            )
            assert contact["所在地"] == "〒305-8555 茨城県つくば市研究学園一丁目1番地1", url
            assert "電話" not in contact, url  # the shipped file gives no number: none is shown
            assert [a.attrs["href"] for a in doc.find_all("a") if a.text() == "問い合わせ先"] == [
                "#organisation"
            ], url


def test_a_divisions_own_contact_wins(tmp_path: Path) -> None:
    content = copy_content(tmp_path / "content")
    (content / "contacts.yaml").write_text(OWN, encoding="utf-8")
    build_site(content, tmp_path / "site")
    contact = _contact(page(tmp_path / "site", "/projects/092/"))
    assert contact == {
        "問い合わせ先": "政策イノベーション部 科学技術振興課",
        "電話": "029-000-0000",
    }
    (link,) = (
        page(tmp_path / "site", "/projects/092/")
        .by_id("organisation")
        .find_all("a", href="tel:0290000000")
    )
    assert link.text() == "029-000-0000"


def test_the_lookup_falls_back_to_the_general_contact_or_nothing() -> None:
    general = Contact("市役所", general=True)
    own = Contact("科学技術振興課", phone="029-000-0000")
    contacts = Contacts(general, {("政策イノベーション部", "科学技術振興課"): own})
    assert contacts.of("政策イノベーション部", "科学技術振興課") is own
    assert contacts.of("政策イノベーション部", "別の課") is general
    assert Contacts().of("政策イノベーション部", "科学技術振興課") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "general:\n  phone: 029-000-0000\n",
            "contacts.yaml:2: 期待 キー name、実際 ありません",
        ),
        (
            "general:\n  name: 市役所\n  phone: でんわ\n",
            "contacts.yaml:3: 期待 phone は 電話番号（例 029-000-0000）、実際 「でんわ」",
        ),
        (
            "general:\n  name: 市役所\n  url: javascript:alert(1)\n",
            "contacts.yaml:3: 期待 url は https:// で始まるページのアドレス、実際 「javascript:alert(1)」",
        ),
        (
            "generl:\n  name: 市役所\n",
            "contacts.yaml:1: 期待 キー general か divisions、実際 「generl」",
        ),
    ],
)
def test_a_bad_contacts_file_is_reported_at_its_line(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "contacts.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as failure:
        load_contacts(tmp_path)
    assert message in failure.value.report()
