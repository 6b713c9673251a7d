"""The settings files are described by JSON Schemas (``builder/settings/schemas/``): each
file of ``content/`` names its schema, the schemas agree with the code, and a violation of a
schema is one ``file:line`` problem naming the key, from the schema alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import jsonschema
import pytest

from builder.errors import ConfigError
from builder.settings.licence import LICENCES
from builder.settings.read import read_settings
from builder.settings.schema import SCHEMAS, schema_of
from builder.util.routes import MAX_SEGMENT

CONTENT = Path(__file__).resolve().parents[2] / "content"
ENTRY = (
    '- date: 2026-12-01\n  code: "092"\n  fiscal_year: "2022"\n  field: name\n'
    "  old: a\n  new: b\n  reason: r\n"
)
# file: (text in the shipped file, the same line with one violation, the one problem)
VIOLATIONS = {
    "site.yaml": (
        "city: つくば市",
        "city: [つくば市]",
        "content/site.yaml:3: 期待 city（市の名前）（空でない文字列）、実際 リスト",
    ),
    "departments.yaml": (
        "slug: policy-innovation",
        "slug: Policy Innovation",
        (
            "content/departments.yaml:12: 期待 slug は 英小文字・数字・ハイフンのslug（100 文字まで、"
            "空なら読みから作ります）、実際 「Policy Innovation」"
        ),
    ),
    "contacts.yaml": (
        "  address: 〒305-8555",
        "  adress: 〒305-8555",
        "content/contacts.yaml:19: 期待 キー name, phone, url, address のどれか、実際 「adress」",
    ),
    "releases.yaml": (
        "2022: 2026-11-28",
        "2022: 2026/11/28",
        "content/releases.yaml:10: 期待 2022 は 2024-05-31 の形の掲載日、実際 「2026/11/28」",
    ),
    "population.yaml": (
        "reference_date: 2023-01-01",
        "reference_date: 2023年1月1日",
        (
            "content/population.yaml:14: 期待 reference_date は 2024-05-31 の形の基準日、"
            "実際 「2023年1月1日」"
        ),
    ),
    "corrections.yaml": (
        "\n[]\n",
        "\n" + ENTRY,
        (
            "content/corrections.yaml:31: 期待 fiscal_year（訂正するシートの年度（西暦））（整数）、"
            "実際 「2022」"
        ),
    ),
}


def _settings_copy(folder: Path) -> Path:
    """A folder ``content`` holding a copy of every settings file of the repository."""
    content = folder / "content"
    content.mkdir()
    for path in CONTENT.glob("*.yaml"):
        shutil.copyfile(path, content / path.name)
    return content


def test_every_settings_file_names_its_schema_and_every_schema_is_one_files() -> None:
    files = sorted(path.stem for path in CONTENT.glob("*.yaml"))
    schemas = sorted(path.name.removesuffix(".schema.json") for path in SCHEMAS.iterdir())
    assert files == schemas == sorted(name.removesuffix(".yaml") for name in VIOLATIONS)
    for name in files:
        lines = (CONTENT / f"{name}.yaml").read_text("utf-8").splitlines()
        comments = [line for line in lines if line.startswith("#")]
        assert any(f"builder/settings/schemas/{name}.schema.json" in c for c in comments), name
        jsonschema.Draft202012Validator.check_schema(schema_of(name))


def test_the_schemas_agree_with_the_code() -> None:
    assert schema_of("site")["properties"]["licence"]["enum"] == list(LICENCES)
    assert schema_of("departments")["$defs"]["slug"]["maxLength"] == MAX_SEGMENT


@pytest.mark.parametrize("name", VIOLATIONS)
def test_a_schema_violation_is_one_line_naming_the_key(tmp_path: Path, name: str) -> None:
    shipped, broken, expected = VIOLATIONS[name]
    content = _settings_copy(tmp_path)
    read_settings(content)  # the copy of the shipped files is valid
    text = (content / name).read_text("utf-8")
    assert text.count(shipped) == 1
    (content / name).write_text(text.replace(shipped, broken), encoding="utf-8")
    with pytest.raises(ConfigError) as failure:
        read_settings(content)
    assert [f"{problem.loc}: {problem.message}" for problem in failure.value.problems] == [expected]
