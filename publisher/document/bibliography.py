"""How references read: CSL styles through citeproc-py, turned into model inlines shared by every format.

The style (AMA, the medical standard, unless a layout or ``--csl`` names another) formats
each entry once, here; renderers print ``Reference.entry`` and nothing else, so PDF, DOCX,
EPUB, HTML and JSON carry the same words. The numbers are ours (order of first citation),
so the style's own ``citation-number`` is left out of the entry: every format numbers the
list itself (an ``<ol>``, Word's "[N]").

What citeproc-py gives as HTML is read back into inlines; the item's URL, DOI and PMID
become links where the entry prints them, and a title in another language becomes a
``Span`` so screen readers switch voice. Two things citeproc-js and pandoc's citeproc do
that citeproc-py 0.11 does not are done here and in :mod:`publisher.document.csl` (without
changing citeproc-py: the style is rewritten as CSL): suppressing a variable that a
``cs:substitute`` already printed, and collapsing a style's full stop after a title that ends
in "?" or "!".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

from publisher.document import model as m
from publisher.document.csl import locale_for, parsed_style, style_path

# ----------------------------------------------------------------- CSL-JSON


# citeproc-py's HTML formatter escapes the style's own text but not the item's: a title with "<script>"
# would come back as markup. The item's text goes in with <, > and & as private-use characters, which
# no case change touches, and comes back as itself when the entry is read.
_HIDE = str.maketrans({"<": "\ue000", ">": "\ue001", "&": "\ue002"})
_SHOW = str.maketrans({"\ue000": "<", "\ue001": ">", "\ue002": "&"})


def _hidden(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_HIDE)
    if isinstance(value, list):
        return [_hidden(v) for v in value]
    if isinstance(value, dict):
        return {k: _hidden(v) for k, v in value.items()}
    return value


def csl_item(ref: m.Reference, key: str) -> dict[str, Any]:
    """The reference as a CSL-JSON item (what citeproc-py, Zotero and pandoc read)."""
    item: dict[str, Any] = {"id": key, "type": ref.type, "title": ref.title}
    if ref.authors:
        item["author"] = [_name(n) for n in ref.authors]
    if ref.editors:
        item["editor"] = [_name(n) for n in ref.editors]
    for field, value in (("container-title", ref.container), ("publisher", ref.publisher),
                         ("publisher-place", ref.place), ("volume", ref.volume), ("issue", ref.issue),
                         ("page", ref.page), ("edition", ref.edition), ("number", ref.report_number),
                         ("URL", ref.url), ("DOI", ref.doi), ("PMID", ref.pmid), ("language", ref.language)):
        if value:
            item[field] = value
    if ref.issued is not None:
        item["issued"] = {"date-parts": [list(ref.issued.parts)]} if ref.issued.parts \
            else {"literal": ref.issued.literal}
    if ref.accessed is not None:
        item["accessed"] = {"date-parts": [[ref.accessed.year, ref.accessed.month, ref.accessed.day]]}
    return item


def _name(name: m.Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.literal}
    return {k: v for k, v in (("family", name.family), ("given", name.given)) if v}


def citeproc_html(refs: tuple[m.Reference, ...], style: str, language: str) -> list[str]:
    """citeproc-py's own HTML for each reference, in the given order (number text left out; the
    item's own <, > and & still hidden as private-use characters)."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    keys = [f"item{i}" for i in range(len(refs))]  # citeproc-py lower-cases ids; ours may not be
    source = CiteProcJSON([_hidden(csl_item(r, k)) for r, k in zip(refs, keys, strict=True)])
    parsed = parsed_style(style_path(style), locale_for(language))
    bibliography = CitationStylesBibliography(parsed, source, formatter.html)
    for key in keys:
        bibliography.register(Citation([CitationItem(key)]))
    return [str(entry) for entry in bibliography.bibliography()]


def format_entries(refs: tuple[m.Reference, ...], style: str, language: str) -> tuple[m.Reference, ...]:
    """Every reference with its ``entry`` set: the style's text as inlines, with links and languages marked."""
    if not refs:
        return refs
    html = citeproc_html(refs, style, language)
    return tuple(_with_entry(ref, text, language) for ref, text in zip(refs, html, strict=True))


def _with_entry(ref: m.Reference, html: str, language: str) -> m.Reference:
    from dataclasses import replace

    return replace(ref, entry=entry_inlines(ref, html, language))


# ----------------------------------------------------------------- HTML → inlines


@dataclass
class _Char:
    char: str
    italic: bool = False
    bold: bool = False
    link: str = ""
    lang: str = ""


class _Reader(HTMLParser):
    """citeproc-py's HTML formatter writes <i>, <b>, <span style=…>, <sup>, <sub>, <u>, <l> around escaped text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chars: list[_Char] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag):]

    def handle_data(self, data: str) -> None:
        italic, bold = "i" in self.stack, "b" in self.stack
        self.chars.extend(_Char(c, italic, bold) for c in data.translate(_SHOW))


def entry_inlines(ref: m.Reference, html: str, language: str) -> tuple[m.Inline, ...]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    chars = reader.chars
    text = "".join(c.char for c in chars)
    targets: list[tuple[int, int, str]] = []
    if ref.url:
        targets += _spans(text, ref.url, ref.url)
    if ref.doi:
        targets += _spans(text, ref.doi, "https://doi.org/" + quote(ref.doi, safe="/:;()._-<>[]"), fold=True)
    if ref.pmid:
        found = _pmid_spans(text, ref.pmid)
        if not found:  # the style leaves the PMID out (AMA does): it follows the entry, linked
            extra = " PMID: " if text.endswith(".") else ". PMID: "
            start = len(text) + len(extra)
            chars += [_Char(c) for c in extra + ref.pmid]
            text = "".join(c.char for c in chars)
            found = [(start, start + len(ref.pmid))]
        targets += [(a, b, f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/") for a, b in found]
    for start, end, url in targets:
        for c in chars[start:end]:
            c.link = c.link or url
    if ref.language and ref.language.split("-")[0].lower() != language.split("-")[0].lower():
        for start, end, _ in _spans(text, ref.title.strip(), "", fold=True)[:1]:
            for c in chars[start:end]:
                c.lang = ref.language
    return _group(_collapse(chars))


def _spans(text: str, needle: str, url: str, fold: bool = False) -> list[tuple[int, int, str]]:
    if not needle:
        return []
    haystack, pattern = (text.casefold(), needle.casefold()) if fold else (text, needle)
    out, start = [], haystack.find(pattern)
    while start >= 0 and len(haystack) == len(text):  # casefold kept the length (it does for these texts)
        out.append((start, start + len(needle), url))
        start = haystack.find(pattern, start + len(needle))
    return out


def _pmid_spans(text: str, pmid: str) -> list[tuple[int, int]]:
    return [(match.start(1), match.end(1)) for match in re.finditer(rf"PMID:?\s*({re.escape(pmid)})\b", text)]


def _collapse(chars: list[_Char]) -> list[_Char]:
    """Drop a style's full stop after "?", "!" or a single ".", outside links (CSL punctuation collapsing)."""
    out: list[_Char] = []
    for i, c in enumerate(chars):
        after = chars[i + 1].char if i + 1 < len(chars) else " "
        if c.char == "." and not c.link and out and after.isspace():
            before = out[-1].char
            doubled = before == "." and not (len(out) > 1 and out[-2].char == ".")
            if before in "?!" or doubled:
                continue
        out.append(c)
    return out


def _group(chars: list[_Char]) -> tuple[m.Inline, ...]:
    out: list[m.Inline] = []
    for link, run in _runs(chars, lambda c: c.link):
        inner: list[m.Inline] = []
        for lang, part in _runs(run, lambda c: c.lang):
            styled: list[m.Inline] = []
            for (italic, bold), piece in _runs(part, lambda c: (c.italic, c.bold)):
                node: m.Inline = m.Text("".join(c.char for c in piece))
                if bold:
                    node = m.Strong((node,))
                if italic:
                    node = m.Emphasis((node,))
                styled.append(node)
            inner.extend([m.Span(lang, m.merge_text(styled))] if lang else styled)
        out.extend([m.Link(link, m.merge_text(inner))] if link else inner)
    return m.merge_text(out)


def _runs(chars: list[_Char], key: Any) -> list[tuple[Any, list[_Char]]]:
    runs: list[tuple[Any, list[_Char]]] = []
    for c in chars:
        k = key(c)
        if runs and runs[-1][0] == k:
            runs[-1][1].append(c)
        else:
            runs.append((k, [c]))
    return runs


# ----------------------------------------------------------------- what renderers call


def reference_inlines(ref: m.Reference, doc: m.Document) -> tuple[m.Inline, ...]:
    """The entry as the style wrote it (kept as a function: templates and the DOCX walker call it)."""
    return ref.entry


def reference_text(ref: m.Reference, doc: m.Document) -> str:
    return m.inline_text(reference_inlines(ref, doc))


@dataclass(frozen=True)
class Backlink:
    """One link from a reference back to a citation: what it shows and what a screen reader announces."""

    target: str  # the citation's id
    text: str  # "Back to text" for a single citation, else "a", "b", …
    name: str  # the accessible name, distinct for every back-link of the document


def letter(index: int) -> str:
    """0 → "a", 25 → "z", 26 → "aa": the labels of a reference's several citations."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def backlinks(ref: m.Reference, doc: m.Document) -> list[Backlink]:
    """The back-links of a reference, one per citation, in reading order (shared by every format).

    A single citation reads "Back to text"; several read "Back to text: a b", and each link's
    name says which citation of which reference it returns to, so no two links of the list
    share a name while going to different places.
    """
    strings = doc.strings
    if len(ref.backlinks) == 1:
        name = strings["backlink_one"].format(number=ref.number)
        return [Backlink(ref.backlinks[0], strings["back_to_text"], name)]
    return [Backlink(target, letter(i), strings["backlink_many"].format(letter=letter(i), number=ref.number))
            for i, target in enumerate(ref.backlinks)]
