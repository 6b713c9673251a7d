"""A cell's text is what a browser shows of it: markup, comments, declarations and cut tags
removed, character references decoded once (the real sheet 092 changed)."""

from __future__ import annotations

import pytest

from tests.parse.helpers import assert_valid, changed, parse_one


@pytest.mark.parametrize(
    ("cell", "purpose"),
    [
        (
            "特区プロジェクト<![等の推進",
            ("特区プロジェクト",),
        ),  # <![ opens a bogus comment; html.parser raised AssertionError
        ("前<!-- 注 -->後", ("前後",)),
        ("前<!DOCTYPE html>後", ("前後",)),
        ("前<?xml version?>後", ("前後",)),
        ("前</ 3>後", ("前後",)),
        ("前<![CDATA[内容]]>後", ("前後",)),
        ('前<a href="javascript:x', ("前",)),  # a tag cut off by the end of the cell
        ('<ul style="list-style-type:', ()),  # a <ul style=…> cut by a line break
        (
            "国の補助制度<R5年度新設>を活用し",
            ("国の補助制度<R5年度新設>を活用し",),
        ),  # no element: text
        (
            "国の補助制度&lt;R5年度新設&gt;を活用し",
            ("国の補助制度<R5年度新設>を活用し",),
        ),  # decoded once
        ("&amp;lt;は &lt; と書く", ("&lt;は < と書く",)),
        ("<p>一つ目</p><p>二つ目</p>", ("一つ目", "二つ目")),
    ],
)
def test_text_is_what_a_browser_shows(tmp_path, cell, purpose):
    sheet = parse_one(
        tmp_path,
        changed(
            "目的\t特区プロジェクト等の推進や新たなプロジェクトを創出、推進するため",
            f"目的\t{cell}",
        ),
    )
    assert sheet.overview.purpose == purpose
    assert_valid(sheet)
