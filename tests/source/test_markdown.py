"""Markdown fields: what becomes which model node, what is refused, and where errors point."""

from __future__ import annotations

import pytest

from publisher.document import model as m
from publisher.errors import Location, SourceError
from publisher.source.markdown import Converter, Field

LINES = ("summary: >-", "  first line", "  second line [@nope] here", "  third [@a; @a]")


def _convert(text: str, keys: tuple[str, ...] = ("a", "b")) -> tuple[m.Block, ...]:
    def cite(key: str, where: Location) -> None:
        if key not in keys:
            raise SourceError([])

    return Converter(Field("f.yaml", 2, 3, LINES), cite).blocks(text)


def _error(text: str) -> str:
    with pytest.raises(SourceError) as exc:
        _convert(text)
    return str(exc.value.diagnostics[0])


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "<b>bold</b> &lt;i&gt;", "{{ 7*7 }} {% if x %}", "]]> <![CDATA[ x",
    "\\# not a heading", "#hashtag", "    not code", "```\nnot a fence\n```", "---",
])
def test_raw_html_jinja_and_disabled_syntax_stay_text(text: str) -> None:
    plain = "".join(m.inline_text(b.children) for b in _convert(text) if isinstance(b, m.Paragraph))
    for fragment in ("<script>", "{{ 7*7 }}", "]]>", "# not a heading", "#hashtag", "not code", "not a fence"):
        if fragment in text:
            assert fragment in plain


@pytest.mark.parametrize("text", ["# A heading", "Text first.\n\n## A heading", "A heading\n===", "A heading\n---"])
def test_markdown_headings_are_errors(text: str) -> None:
    """docs/source-format.md: headings come only from sections; a '#' line would silently become text."""
    message = _error(text)
    assert "a Markdown heading" in message and "make it a section" in message


def test_inline_kinds() -> None:
    (para,) = _convert("*em* **strong** `code` [link](https://example.org) [hola]{lang=es} cite[@a; @b]")
    assert isinstance(para, m.Paragraph)
    kinds = [type(n).__name__ for n in para.children]
    assert kinds == ["Emphasis", "Text", "Strong", "Text", "Code", "Text", "Link", "Text", "Span", "Text",
                     "Citation", "Citation"]


def test_only_lang_attributes() -> None:
    assert "span language '' is not a BCP 47 tag" in _error("[x]{onclick=steal .evil #id}")
    (para,) = _convert("[x]{onclick=alert(1)}")  # not attribute syntax at all: stays text
    assert isinstance(para, m.Paragraph) and m.inline_text(para.children) == "[x]{onclick=alert(1)}"


def test_citation_errors_point_into_folded_scalars() -> None:
    # '>' joins the YAML lines: the Markdown has one line, the file three.
    located: list[Location] = []
    Converter(Field("f.yaml", 2, 3, LINES), lambda key, where: located.append(where)).blocks(
        "first line second line [@nope] here third")
    assert located == [Location("f.yaml", 3, 16)]


def test_repeated_key_in_one_bracket() -> None:
    assert _error("first line second line third [@a; @a]").startswith(
        "f.yaml:4:10: citation key 'a' repeated in '[@a; @a]'")


@pytest.mark.parametrize(("text", "message"), [
    ("![alt](https://example.org/x.png)", "image 'https://example.org/x.png' in Markdown text is remote"),
    ("![alt](images/x.png)", "image 'images/x.png' in Markdown text —"),
    ("[x](javascript:alert(1))", "'javascript:' links are not allowed"),
    ("<javascript:alert(1)>", "'javascript:' links are not allowed"),
    ("[x](&#x6A;avascript:alert(1))", "'javascript:' links are not allowed"),
    ("[x][r]\n\n[r]: data:text/html,x", "'data:' links are not allowed"),
    ("[x](<file:///etc/passwd>)", "'file:' links are not allowed"),
    ("[x](#anchor)", "relative links are not allowed"),
])
def test_refused_markdown(text: str, message: str) -> None:
    assert message in _error(text)


def test_inlines_field_must_be_one_paragraph() -> None:
    converter = Converter(Field("f.yaml", 1, 1), lambda key, where: None)
    assert converter.inlines("") == ()
    with pytest.raises(SourceError, match="single paragraph"):
        converter.inlines("one\n\ntwo")
