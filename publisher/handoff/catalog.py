"""``dist/index.html``: every condition with every format it has, in one accessible page that works from disk.

The page is a list, not an app: each condition is a heading with its languages and audience
versions under it, each version a list of download links saying what the file is and how
big ("Print this handout (PDF, 36 KB)"), in the version's language (``lang``, ``hreflang``).
A search box filters the list in the browser (a few lines of script, no server, no network);
without script the whole list is there. The page also names the OPDS feed for e-reader apps.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from publisher.document.i18n import format_date, strings_for
from publisher.handoff import opds, sitemap
from publisher.handoff.card import Card
from publisher.handoff.entries import Condition, Download, Version
from publisher.handoff.store import OutputFile
from publisher.render.kinds import kind
from publisher.render.layout import Layout

TEMPLATE = "index.html.j2"


def language_name(tag: str) -> str:
    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return tag
    name = locale.get_display_name(locale) or tag
    return name[:1].upper() + name[1:]


def size_text(size: int, language: str) -> str:
    """``36 KB``, ``1.2 MB``: a reader on a slow or metered connection decides before downloading."""
    locale = language.replace("-", "_")
    try:
        if size < 1_000_000:
            return f"{format_decimal(max(1, round(size / 1000)), locale=locale)} KB"
        return f"{format_decimal(round(size / 1_000_000, 1), locale=locale)} MB"
    except (UnknownLocaleError, ValueError):
        return f"{max(1, round(size / 1000))} KB"


def _version(card: Card, outputs: Sequence[OutputFile]) -> Version:
    strings = strings_for(card.language)
    ordered = sorted(outputs, key=lambda o: (kind(o.fmt, o.name).rank, o.fmt))
    downloads = []
    for o in ordered:
        what = kind(o.fmt, o.name)
        downloads.append(Download(o.name, strings.get(what.label, o.fmt), what,
                                  strings.get(what.kind, o.name.rsplit(".", 1)[-1].upper()),
                                  size_text(o.size, card.language)))
    page = next((o.name for o in ordered if o.fmt == "html"), ordered[0].name if ordered else "")
    return Version(card, page, language_name(card.language), tuple(downloads))


def conditions(cards: Sequence[tuple[Card, Sequence[OutputFile]]]) -> list[Condition]:
    """Versions grouped by condition (a translation joins its original), originals first, then by language."""
    groups: dict[str, list[Version]] = {}
    for card, outputs in cards:
        if outputs:
            groups.setdefault(card.work, []).append(_version(card, outputs))
    out = []
    for work, versions in groups.items():
        versions.sort(key=lambda v: (v.card.translation_of != "", v.card.language, v.card.variant))
        out.append(Condition(work, tuple(versions)))
    out.sort(key=lambda c: (c.title.casefold(), c.work))
    return out


def catalog_language(cards: Sequence[tuple[Card, Sequence[OutputFile]]]) -> str:
    """The page's own language: that of most originals (English when there is a tie or nothing)."""
    counts = Counter(card.language for card, _ in cards if not card.translation_of)
    if not counts:
        return "en"
    best = max(counts.values())
    return "en" if counts.get("en") == best else sorted(lang for lang, n in counts.items() if n == best)[0]


def index_html(items: list[Condition], language: str, layout: Layout) -> bytes:
    strings = strings_for(language)
    languages = sorted({v.card.language for c in items for v in c.versions})
    newest = max((v.card.edition_date for c in items for v in c.versions), default=dt.date(1970, 1, 1))
    template = layout.environment("catalog").get_template(TEMPLATE)
    text = template.render(
        conditions=items, language=language, strings=strings, languages=languages,
        language_name=language_name, format_date=format_date, newest=newest, version_strings=strings_for,
        css=(layout.folder("catalog") / "catalog.css").read_text(encoding="utf-8"),
        script=(layout.folder("catalog") / "search.js").read_text(encoding="utf-8"),
        opds=opds.FEED_NAME,
    )
    return text.encode("utf-8")


def files(cards: Sequence[tuple[Card, Sequence[OutputFile]]], layout: Layout, base_url: str) -> list[tuple[str, bytes]]:
    """index.html and opds.json for these cards, and sitemap.xml when the site's address is known."""
    items = conditions(cards)
    if not items:
        return []
    language = catalog_language(cards)
    out = [("index.html", index_html(items, language, layout)),
           (opds.FEED_NAME, opds.feed(items, strings_for(language), base_url))]
    if base_url:
        out.append((sitemap.NAME, sitemap.urlset(items, base_url)))
    return out
