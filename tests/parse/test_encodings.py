"""What staff hand over: the real sheets re-saved in other encodings and line endings."""

from __future__ import annotations

import pytest

from builder.parse.stage import write_data
from builder.records.datafile import dump_sheet
from tests.parse.helpers import CONTENT, REAL_DISPLAY, copy_content, parse_bytes, real_text


def as_cp932(text: str) -> bytes:
    """Save text as Windows does in CP932: — (U+2014) becomes 0x815C (read back as ―, U+2015),
    and a character CP932 lacks becomes "?" (the sample's 096 has the simplified 术 in 技术)."""
    return text.replace("—", "―").encode("cp932", errors="replace")


SAVED_AS = {
    "UTF-8 with BOM": lambda text: "\ufeff".encode() + text.encode("utf-8"),
    "CP932 (Shift_JIS)": as_cp932,
    "CP932 with CRLF": lambda text: as_cp932(text.replace("\n", "\r\n")),
    "UTF-8 with CRLF": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "UTF-8 with CR only": lambda text: text.replace("\n", "\r").encode("utf-8"),
}


@pytest.mark.parametrize("encoding", sorted(SAVED_AS))
def test_re_saved_file_gives_identical_yaml(tmp_path, encoding):
    text = real_text()
    sheets, errors = parse_bytes(tmp_path, SAVED_AS[encoding](text), REAL_DISPLAY)
    assert errors == []
    assert [dump_sheet(s) for s in sheets] == [committed_yaml(s.code, encoding) for s in sheets]
    assert len(sheets) == 8


def committed_yaml(code: str, encoding: str) -> str:
    """The committed data file, with the one character CP932 cannot hold replaced as Windows does."""
    text = (CONTENT / "data" / "2022" / f"{code}.yaml").read_text(encoding="utf-8")
    return text.replace("技术", "技?") if "CP932" in encoding else text


def test_sample_as_cp932_crlf_rebuilds_the_committed_data_byte_for_byte(tmp_path):
    content = copy_content(tmp_path)
    sheet_file = next((content / "sheets" / "2022").glob("*.txt"))
    sheet_file.write_bytes(as_cp932(sheet_file.read_text(encoding="utf-8").replace("\n", "\r\n")))
    write_data(content)
    for committed in sorted((CONTENT / "data" / "2022").glob("*.yaml")):
        produced = (content / "data" / "2022" / committed.name).read_text(encoding="utf-8")
        assert produced == committed_yaml(committed.stem, "CP932")
    assert "技?" in (content / "data" / "2022" / "096.yaml").read_text(encoding="utf-8")


def test_undecodable_bytes_are_reported_with_the_file(tmp_path):
    sheets, errors = parse_bytes(tmp_path, b"\xff\xfe\xfa\x80\x81 not text")
    assert sheets == []
    assert [e.report() for e in errors] == [
        "sheet.txt:1: 期待 UTF-8 か Shift_JIS (CP932) の文字、実際 どちらとしても読めないバイト"
    ]
