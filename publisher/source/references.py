"""References: CSL fields of the source (and of format 1) to the model, and ``references_file`` (CSL-JSON, BibTeX).

A reference manager exports CSL-JSON (Zotero, Mendeley, pandoc) or BibTeX; either file can
sit beside the source. Its items pass the same schema as the source's own ``references:``,
so a problem in a file is reported at ``file:line`` like one in the YAML. CSL variables that
no style here prints (abstract, ISSN, note, …) are accepted in files and left out; anything
else is a mistake and gets "did you mean".
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from publisher.document import model as m
from publisher.errors import Diagnostic, Location, SourceError
from publisher.source import schema as s
from publisher.source.files import NotReadable, TooLarge, read_regular

MAX_FILE_BYTES = 5_000_000
MAX_ITEMS = 5_000


def to_model(r: s.ReferenceSource) -> m.Reference:
    """One validated reference as the model's, format 1 fields read as the CSL fields they meant."""
    url = r.URL or r.url or ""
    container = r.container_title or r.container or ""
    kind = r.type or ("webpage" if url else "book")
    if r.type is None and kind == "webpage" and not container and r.publisher:
        # Format 1 named a web site's owner as its publisher; CSL styles print a web page's
        # site as its container title (AMA: "Name of the website") and leave the publisher out.
        container = r.publisher
    if r.issued is not None:
        issued: m.PartialDate | None = m.PartialDate(tuple(r.issued.date_parts[0]) if r.issued.date_parts else (),
                                                     r.issued.literal or "")
    else:
        issued = m.PartialDate(literal=r.date) if r.date else None
    return m.Reference(
        key=r.id, number=0, id="", title=r.title, type=kind,
        authors=tuple(_name(n) for n in r.author) or tuple(m.Name(literal=a) for a in r.authors),
        editors=tuple(_name(n) for n in r.editor), container=container, publisher=r.publisher or "",
        place=r.publisher_place or "", volume=r.volume or "", issue=r.issue or "", page=r.page or "",
        edition=r.edition or "", report_number=r.number or "", issued=issued, url=url, accessed=r.accessed,
        doi=r.DOI or "", pmid=r.PMID or "", language=r.language or "",
    )


def _name(n: s.NameSource) -> m.Name:
    return m.Name(n.family or "", n.given or "", n.literal or "")


# ----------------------------------------------------------------- references_file


def _allowed() -> dict[str, str]:
    """Our fields by their CSL spelling."""
    return {(f.alias or name): name for name, f in s.ReferenceSource.model_fields.items()}


def _ignorable() -> frozenset[str]:
    """CSL-JSON variables and common export extras that no style here prints."""
    from citeproc import VARIABLES

    extras = {"citation-key", "shortTitle", "journalAbbreviation", "container-title-short", "title-short",
              "abstract", "note", "source", "ISSN", "ISBN", "PMCID", "keyword", "event-place", "archive",
              "archive_location", "call-number", "dimensions", "medium", "status", "version", "genre",
              "collection-title", "number-of-pages", "number-of-volumes", "original-date", "submitted",
              "event-date", "issued-raw", "custom", "_graph", "key"}
    return frozenset({v.replace("_", "-") for v in VARIABLES} | {v for v in VARIABLES if v.isupper()} | extras)


def read_file(source: Path, name: str, root: Path) -> tuple[Path, list[tuple[s.ReferenceSource, Location]]]:
    """The references of ``references_file: name`` with where each one starts; SourceError on any problem."""
    shown = str(source)
    if "://" in name:
        raise SourceError(Diagnostic(Location(shown), f"references_file '{name}' is not a local file",
                                     "download it into the project and give its relative path"))
    path = (source.parent / name).resolve()
    if not path.is_relative_to(root):
        raise SourceError(Diagnostic(Location(shown), f"references_file '{name}' is outside the project",
                                     "keep it beside the source"))
    if path.suffix.lower() not in (".json", ".bib"):
        raise SourceError(Diagnostic(Location(shown), f"references_file '{name}' is neither .json nor .bib",
                                     "export CSL-JSON (.json) or BibTeX (.bib) from your reference manager"))
    try:
        data = read_regular(path, MAX_FILE_BYTES)  # a FIFO would block, /dev/zero never end (files.py)
    except TooLarge:
        raise SourceError(Diagnostic(Location(str(path)), f"the file is larger than {MAX_FILE_BYTES:,} bytes",
                                     "split it, or keep only the references this page uses")) from None
    except NotReadable as exc:
        raise SourceError(Diagnostic(Location(shown), f"references_file '{name}' {exc.what}", exc.hint)) from None
    except OSError as exc:
        raise SourceError(Diagnostic(Location(shown), f"cannot read references_file '{name}': {exc.strerror}",
                                     "check the path, relative to this source file")) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(Diagnostic(Location(str(path)), "the file is not UTF-8 text",
                                     "export it again as UTF-8")) from None
    raw = _csl_json(text, path) if path.suffix.lower() == ".json" else _bibtex(text, path)
    if len(raw) > MAX_ITEMS:
        raise SourceError(Diagnostic(Location(str(path)), f"more than {MAX_ITEMS} references",
                                     "keep only the references this page uses"))
    return path, [(_validate(item, where), where) for item, where in raw]


def _validate(item: dict[str, Any], where: Location) -> s.ReferenceSource:
    allowed, ignorable = _allowed(), _ignorable()
    kept: dict[str, Any] = {}
    for key, value in item.items():
        if key in allowed:
            kept[key] = value
        elif key not in ignorable:
            close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "CSL-JSON fields: " + ", ".join(sorted(allowed)[:12])
            raise SourceError(Diagnostic(where, f"unknown field '{key}'", hint))
    try:
        return s.ReferenceSource.model_validate(kept)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"] if not (isinstance(p, str) and p[:1].isupper() and not p.isupper()))
        msg = str(err["msg"]).removeprefix("Value error, ")
        raise SourceError(Diagnostic(where, f"{field or 'reference'}: {msg}" if field else msg,
                                     "see docs/source-format.md, 'References'")) from None


def _csl_json(text: str, path: Path) -> list[tuple[dict[str, Any], Location]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(Diagnostic(Location(str(path), exc.lineno, exc.colno), f"not JSON: {exc.msg}",
                                     "export CSL JSON again from your reference manager")) from None
    if isinstance(data, dict) and "items" in data:
        data = data["items"]
    if not isinstance(data, list) or not all(isinstance(i, dict) for i in data):
        raise SourceError(Diagnostic(Location(str(path), 1, 1), "CSL-JSON is a list of items ([{...}, ...])",
                                     "export 'CSL JSON' from your reference manager"))
    lines = text.splitlines()
    out = []
    for index, item in enumerate(data):
        out.append((item, Location(str(path), *_line_of(lines, str(item.get("id", "")), index))))
    return out


def _line_of(lines: list[str], ident: str, index: int) -> tuple[int, int]:
    """Where an item's ``"id": "…"`` is written (JSON parsers keep no positions): line and column, 1-based."""
    pattern = re.compile(r'"id"\s*:\s*"?' + re.escape(ident) + r'"?')
    for number, line in enumerate(lines, start=1):
        match = pattern.search(line)
        if ident and match:
            return number, match.start() + 1
    return 1, 1


# ----------------------------------------------------------------- BibTeX

# BibTeX entry types as CSL types (the mapping of pandoc's and Zotero's BibTeX readers).
BIBTEX_TYPES = {
    "article": "article-journal", "book": "book", "booklet": "pamphlet", "inbook": "chapter",
    "incollection": "chapter", "inproceedings": "paper-conference", "conference": "paper-conference",
    "manual": "report", "mastersthesis": "thesis", "phdthesis": "thesis", "thesis": "thesis",
    "techreport": "report", "report": "report", "online": "webpage", "www": "webpage", "electronic": "webpage",
    "misc": "document", "unpublished": "manuscript", "proceedings": "book",
}
MONTHS = {name: i for i, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


def _bibtex(text: str, path: Path) -> list[tuple[dict[str, Any], Location]]:
    import bibtexparser
    from bibtexparser import middlewares

    # Names are split before LaTeX is decoded, so "{National Cancer Institute}" stays one organisation.
    library = bibtexparser.parse_string(text, append_middleware=[  # type: ignore[attr-defined]
        middlewares.SeparateCoAuthors(), middlewares.SplitNameParts(), middlewares.LatexDecodingMiddleware()])
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise SourceError(Diagnostic(Location(str(path), (block.start_line or 0) + 1, 1),
                                     f"cannot read this BibTeX entry: {type(block).__name__}",
                                     "check its braces, commas and that every field has 'name = value'"))
    out = []
    for entry in library.entries:
        where = Location(str(path), (entry.start_line or 0) + 1, 1)
        out.append((_bibtex_item(entry, where), where))
    return out


def _bibtex_item(entry: Any, where: Location) -> dict[str, Any]:
    fields = {k.lower(): v for k, v in entry.fields_dict.items()}

    def value(*names: str) -> str:
        for name in names:
            if name in fields:
                return _unbrace(str(fields[name].value))
        return ""

    kind = BIBTEX_TYPES.get(entry.entry_type.lower(), "document")
    if kind == "document" and value("url"):
        kind = "webpage"
    item: dict[str, Any] = {"id": entry.key, "type": kind, "title": value("title")}
    for role, name in (("author", "author"), ("editor", "editor")):
        if name in fields:
            item[role] = [_bibtex_name(n) for n in fields[name].value]
    container = value("journaltitle", "journal", "booktitle") or (value("howpublished") if kind == "webpage" else "")
    for csl, found in (("container-title", container), ("publisher", value("publisher", "institution",
                       "organization", "school")), ("publisher-place", value("address", "location")),
                       ("volume", value("volume")), ("page", value("pages").replace("--", "-").replace("\u2013", "-")),
                       ("edition", value("edition")), ("DOI", value("doi")), ("URL", value("url")),
                       ("PMID", value("pmid") or (value("eprint") if value("eprinttype").lower() == "pubmed" else "")),
                       ("language", value("langid", "language") if re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*",
                                                                               value("langid", "language")) else "")):
        if found:
            item[csl] = found
    number = value("number", "issue")
    if number:
        item["issue" if kind in ("article-journal", "article-magazine", "article-newspaper") else "number"] = number
    issued = _bibtex_date(value("date"), value("year"), value("month"), value("day"), where)
    if issued:
        item["issued"] = issued
    accessed = value("urldate")
    if accessed:
        item["accessed"] = accessed
    return item


def _unbrace(text: str) -> str:
    """BibTeX protects case with braces ("{MedlinePlus}"); a reader never sees them."""
    return re.sub(r"\s+", " ", text.replace("{", "").replace("}", "")).strip()


def _bibtex_name(name: Any) -> dict[str, str]:
    if isinstance(name, str):
        return {"literal": _unbrace(name)}
    last, first = _unbrace(" ".join(name.von + name.last)), _unbrace(" ".join(name.first))
    if name.jr:
        first = f"{first}, {_unbrace(' '.join(name.jr))}" if first else _unbrace(" ".join(name.jr))
    if not first:  # "{National Cancer Institute}": one braced word, an organisation
        return {"literal": last}
    return {"family": last, "given": first}


def _bibtex_date(date: str, year: str, month: str, day: str, where: Location) -> Any:
    if date:
        return date  # biblatex: YYYY, YYYY-MM or YYYY-MM-DD, as our issued field reads it
    if not year:
        return None
    if not year.isdigit():
        return {"literal": year}
    parts = [int(year)]
    found = MONTHS.get(month.lower()[:3]) if month and not month.isdigit() else (int(month) if month else None)
    if month and found is None:
        raise SourceError(Diagnostic(where, f"month '{month}' is not a month", "write e.g. month = mar or 3"))
    if found:
        parts.append(found)
        if day.isdigit():
            parts.append(int(day))
    return {"date-parts": [parts]}
