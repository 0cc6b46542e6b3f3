"""Segments as Markdown, checked by parsing the Markdown back with the source's own converter.

Word text may hold anything Markdown reads as markup (``*``, ``[``, a leading ``1.``); it is
escaped, and emphasis, spans and links are kept only if the result reads back as the same
text — otherwise a simpler form is written, never a different one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from publisher.authoring.importer.inlines import Inline, Seg
from publisher.document import model as m
from publisher.errors import PublisherError
from publisher.extract.text import normalize
from publisher.source.markdown import Converter, Field

_ESCAPE = re.compile(r"([\\`*_\[\]<>&])")
_LINE_START = re.compile(r"^(\s*)(?:([-+=#>|])|(\d{1,9})[.)])")


def escape(text: str) -> str:
    """Backslash-escape what CommonMark would read as markup (any ASCII punctuation may be escaped)."""
    return _ESCAPE.sub(r"\\\1", text)


def _line_start(markdown: str) -> str:
    """Text at a line's start that would begin a list, quote or heading is escaped."""
    out = []
    for line in markdown.split("\n"):
        match = _LINE_START.match(line)
        if match:
            at = match.end(1) if match.group(2) else match.end(3)  # before "-", or between "12" and "."
            line = line[:at] + "\\" + line[at:]
        out.append(line)
    return "\n".join(out)


def destination(url: str) -> str:
    if re.search(r"[\s()<>\\]", url):
        return "<" + url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E").replace("\\", "%5C") + ">"
    return url


def _styled(segs: list[Seg], emphasis: bool) -> str:
    out: list[str] = []
    for seg_group in _groups(segs, lambda s: (s.bold, s.italic) if emphasis else (False, False)):
        text = "".join(escape(s.text) if s.kind == "text" else "\\\n" for s in seg_group)
        first = seg_group[0]
        marker = ("**" if first.bold else "") + ("*" if first.italic else "") if emphasis else ""
        stripped = text.strip()
        if marker and stripped and "\n" not in text:
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
            out.append(f"{lead}{marker}{stripped}{marker[::-1]}{trail}")
        else:
            out.append(text)
    return "".join(out)


def _groups(segs: list[Seg], key: Callable[[Seg], object]) -> Iterator[list[Seg]]:
    current: list[Seg] = []
    for seg in segs:
        if current and key(seg) != key(current[-1]):
            yield current
            current = []
        current.append(seg)
    if current:
        yield current


def _flat(segs: list[Seg], emphasis: bool, spans: bool) -> str:
    out = []
    for group in _groups(segs, lambda s: s.lang if spans else ""):
        body = _styled(group, emphasis)
        lang = group[0].lang if spans else ""
        out.append(f"[{body}]{{lang={lang}}}" if lang and body.strip() else body)
    return "".join(out)


def to_markdown(inline: Inline, emphasis: bool = True, spans: bool = True, links: bool = True) -> str:
    out: list[str] = []
    segs = inline.segs

    def target(seg: Seg) -> tuple[int, str]:
        url = inline.external(seg) if links and seg.kind != "cite" else ""
        return (seg.link, url) if url else (0, "")

    i = 0
    while i < len(segs):
        if segs[i].kind == "cite":
            out.append(f"[@{segs[i].ref}]")
            i += 1
            continue
        here = target(segs[i])
        j = i + 1
        while j < len(segs) and segs[j].kind != "cite" and target(segs[j]) == here:
            j += 1
        body = _flat(segs[i:j], emphasis, spans)
        url = here[1]
        out.append(f"[{body.strip() or escape(url)}]({destination(url)})" if url else body)
        i = j
    return _line_start("".join(out).strip())


def checked_markdown(inline: Inline) -> str:
    """Markdown that reads back as the Word text: with emphasis if that parses cleanly, else simpler."""
    want = normalize(inline.plain())
    attempt = ""
    for options in ({}, {"emphasis": False}, {"emphasis": False, "spans": False},
                    {"emphasis": False, "spans": False, "links": False}):
        attempt = to_markdown(inline, **options)
        if _reads_as(attempt, want):
            return attempt
    return attempt


def _reads_as(markdown: str, want: str) -> bool:
    if not markdown:
        return not want
    try:
        blocks = Converter(Field("import", 1, 1), lambda key, where: None).blocks(markdown)
    except PublisherError:  # the converter refused it (an unsafe link, a bad span): try the simpler form
        return False
    if len(blocks) != 1 or not isinstance(blocks[0], m.Paragraph):
        return False
    got = m.inline_text(blocks[0].children)
    return normalize(got) == want
