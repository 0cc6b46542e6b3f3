"""Hypothesis strategies for valid source documents with arbitrary Unicode in every text field.

"Valid" means what the reader accepts: no control or bidirectional-override characters,
no text that is only whitespace, Markdown fields with their syntax characters escaped
(so a generated '[@x]' or '[a](b)' stays text instead of becoming a citation or a link).
The document is dumped with ruamel.yaml, so quoting is YAML's business, not ours.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import string
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

from publisher.source.yamlpos import FORBIDDEN

_MD_SPECIAL = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def _allowed(ch: str) -> bool:
    return not any(pattern.match(ch) for pattern, _, _ in FORBIDDEN)


def characters(alphabet: str | None = None) -> st.SearchStrategy[str]:
    if alphabet is not None:
        return st.sampled_from(alphabet)
    return st.characters(blacklist_categories=("Cs",)).filter(_allowed)


def plain(chars: st.SearchStrategy[str], max_size: int = 40) -> st.SearchStrategy[str]:
    """A one-field text with at least one visible character."""
    return st.text(chars, min_size=1, max_size=max_size).filter(lambda t: t.strip() != "")


def markdown(chars: st.SearchStrategy[str], max_size: int = 80) -> st.SearchStrategy[str]:
    """Markdown whose every ASCII punctuation is escaped: it reads as the literal text."""
    return plain(chars, max_size).map(lambda t: _MD_SPECIAL.sub(r"\\\1", t))


def unescape(text: str) -> str:
    return re.sub(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])", r"\1", text)


_URL_PATH = st.text(string.ascii_letters + string.digits + "-._~/", max_size=20)


@st.composite
def documents(draw: st.DrawFn, alphabet: str | None = None) -> dict[str, Any]:
    chars = characters(alphabet)
    text, md = plain(chars), markdown(chars)
    keys = draw(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), max_size=3, unique=True))
    cited = draw(st.lists(st.sampled_from(keys), max_size=3, unique=True)) if keys else []
    summary = draw(md) + ("[" + "; ".join(f"@{k}" for k in cited) + "]" if cited else "")

    def section(depth: int) -> st.SearchStrategy[dict[str, Any]]:
        children = st.lists(st.deferred(lambda: section(depth + 1)), max_size=2) if depth < 3 else st.just([])
        return st.fixed_dictionaries(
            {"title": text, "sections": children},
            optional={"body": md, "blocks": st.lists(block(), min_size=1, max_size=2)},
        )

    def block() -> st.SearchStrategy[dict[str, Any]]:
        return st.one_of(
            st.fixed_dictionaries({"text": md}),
            st.fixed_dictionaries({"note": md, "note_kind": st.sampled_from(["note", "disclaimer", "tip", "warning"])}),
            st.fixed_dictionaries({"resources": st.lists(st.fixed_dictionaries(
                {"name": text, "url": _URL_PATH.map(lambda p: f"https://example.org/{p}"), "description": md}),
                min_size=1, max_size=2)}),
            st.fixed_dictionaries({"questions": st.lists(st.fixed_dictionaries(
                {"question": md}, optional={"answer": md}), min_size=1, max_size=2)}),
            st.integers(1, 3).flatmap(lambda n: st.fixed_dictionaries({"table": st.fixed_dictionaries({
                "caption": text, "header": st.lists(md, min_size=n, max_size=n),
                "rows": st.lists(st.lists(md, min_size=n, max_size=n), min_size=1, max_size=2)})})),
        )

    doc: dict[str, Any] = {
        "title": draw(text),
        "language": draw(st.sampled_from(["en", "es", "fr-CA", "el", "ar", "de"])),
        "publisher": {"name": draw(text)},
        "last_reviewed": draw(st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31))).isoformat(),
        "summary": summary,
        "sections": draw(st.lists(section(2), max_size=3)),
        "references": [{"id": k, "title": draw(text)} for k in keys],
    }
    for key, strategy in (("description", text), ("rights", text), ("keywords", st.lists(text, max_size=2))):
        if draw(st.booleans()):
            doc[key] = draw(strategy)
    return doc


def to_yaml(doc: dict[str, Any]) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.default_flow_style = False  # ruamel emits [?0] unquoted in flow lists, then reads it as a mapping
    yaml.representer.ignore_aliases = lambda data: True  # shared lists would be dumped as &id/*id
    buffer = io.StringIO()
    yaml.dump(doc, buffer)
    return buffer.getvalue()
