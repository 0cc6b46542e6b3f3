"""Accented Latin, Greek, Cyrillic, CJK, Arabic (right to left) and emoji come out whole in every
format: the exact text, its language and direction, and in the PDF real glyphs (never .notdef)
from the fonts planned for each script."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pikepdf
import pytest
from lxml import etree
from pdfminer.high_level import extract_text

from publisher.cli import main
from robustness.outputs import ALL_FORMATS, W, outputs, text

SAMPLES = {  # language tag -> text
    "fr": "Crème brûlée, naïve façade, Øresund, Łódź, ǅ",
    "el": "Ωμέγα και Ελληνικά",
    "ru": "Привет, мир",
    "zh-Hans": "你好世界，欢迎",
    "ja": "こんにちは、日本語",
    "ko": "안녕하세요 한국어",
    "ar": "مرحبا بالعالم",
}
EMOJI = "😀 👍🏽 👨‍👩‍👧 🇺🇸 ❤️"
SPANS = " ".join(f"[{t}]{{lang={lang}}}" for lang, t in SAMPLES.items())
MIXED = f"""title: "Unicode: {SAMPLES['fr']} {SAMPLES['zh-Hans']} {EMOJI}"
language: en
publisher:
  name: "Zoë's Clinic"
last_reviewed: 2024-01-15
summary: "{SPANS} {EMOJI}"
sections:
  - title: "{SAMPLES['el']}"
    body: "{SAMPLES['ru']}"
"""
ARABIC = f"""title: "{SAMPLES['ar']}"
language: ar
publisher:
  name: مركز المعلومات الصحية
last_reviewed: 2024-01-15
summary: "الساركوما العضلية الملساء ورم نادر في 2024. [Leiomyosarcoma]{{lang=en}}."
sections:
  - title: التشخيص
    body: "نص عربي مع أرقام 123 و{EMOJI}."
"""
PDFS = ("pdf", "large-print")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    folder = tmp_path_factory.mktemp("unicode")
    (folder / "mixed.yaml").write_text(MIXED, encoding="utf-8")
    (folder / "arabic.yaml").write_text(ARABIC, encoding="utf-8")
    status = main(["build", "-j1", "-q", "-f", ",".join(ALL_FORMATS), "-o", str(folder / "out"),
                   str(folder / "mixed.yaml"), str(folder / "arabic.yaml")])
    assert status == 0
    return {slug: outputs(folder / "out", slug) for slug in ("mixed", "arabic")}


@pytest.mark.parametrize("fmt", [f for f in ALL_FORMATS if f not in PDFS])
def test_text_is_exact(built: dict[str, dict[str, bytes]], fmt: str) -> None:
    seen = unicodedata.normalize("NFC", text(fmt, built["mixed"][fmt]))
    for sample in [*SAMPLES.values(), EMOJI]:
        assert sample in seen, f"{fmt}: {sample!r} missing"


def _letters(sample: str) -> set[str]:
    """What extraction must give back, order aside (PDF text of Arabic comes in visual order)."""
    return {c for c in unicodedata.normalize("NFKC", sample) if not c.isspace() and unicodedata.category(c)[0] != "C"
            and c not in "\ufe0f\u200d" and unicodedata.category(c) != "Sk"}


@pytest.mark.parametrize("fmt", PDFS)
def test_pdf_text_extracts(built: dict[str, dict[str, bytes]], fmt: str) -> None:
    extracted = set(unicodedata.normalize("NFKC", extract_text(io.BytesIO(built["mixed"][fmt]))))
    for sample in [*SAMPLES.values(), EMOJI]:
        assert _letters(sample) <= extracted, f"{fmt}: {sorted(_letters(sample) - extracted)} not in the text layer"


def _shown_glyphs(pdf: pikepdf.Pdf) -> Iterator[tuple[str, int]]:
    """(font name, glyph id) of every glyph every page draws, inside form XObjects too."""
    def walk(stream: pikepdf.Object, resources: pikepdf.Dictionary) -> Iterator[tuple[str, int]]:
        fonts = resources.get("/Font", pikepdf.Dictionary())
        font = None
        for operands, operator in pikepdf.parse_content_stream(stream):
            op = str(operator)
            if op == "Tf":
                font = fonts[operands[0]]
            elif op in ("Tj", "TJ", "'", '"'):
                assert font is not None and font.Subtype == "/Type0" and font.Encoding == "/Identity-H", font
                assert font.DescendantFonts[0].get("/CIDToGIDMap", pikepdf.Name.Identity) == pikepdf.Name.Identity
                strings = operands[0] if op == "TJ" else [operands[-1]]
                for item in strings:
                    if isinstance(item, pikepdf.String):
                        data = bytes(item)
                        for i in range(0, len(data), 2):
                            yield str(font.BaseFont).split("+", 1)[-1], int.from_bytes(data[i:i + 2], "big")
        for xobject in resources.get("/XObject", pikepdf.Dictionary()).values():
            if xobject.get("/Subtype") == "/Form":
                yield from walk(xobject, xobject.get("/Resources", resources))

    for page in pdf.pages:
        yield from walk(page.obj, page.Resources)


@pytest.mark.parametrize("fmt", PDFS)
@pytest.mark.parametrize("slug", ["mixed", "arabic"])
def test_pdf_never_draws_notdef(built: dict[str, dict[str, bytes]], fmt: str, slug: str) -> None:
    with pikepdf.open(io.BytesIO(built[slug][fmt])) as pdf:
        glyphs = list(_shown_glyphs(pdf))
    assert glyphs
    assert [font for font, gid in glyphs if gid == 0] == []


@pytest.mark.parametrize("fmt", PDFS)
def test_pdf_uses_the_planned_font_for_each_script(built: dict[str, dict[str, bytes]], fmt: str) -> None:
    """Regional CJK faces by language, Noto Sans Arabic for Arabic, and no host fallback (DejaVu)."""
    with pikepdf.open(io.BytesIO(built["mixed"][fmt])) as pdf:
        mixed = {font for font, _ in _shown_glyphs(pdf)}
    with pikepdf.open(io.BytesIO(built["arabic"][fmt])) as pdf:
        arabic = {font for font, _ in _shown_glyphs(pdf)}
    for face in ("Noto-Sans-CJK-SC", "Noto-Sans-CJK-JP", "Noto-Sans-CJK-KR", "Noto-Sans-Arabic", "Noto-Color-Emoji"):
        assert face in mixed, f"{face} not used; used: {sorted(mixed)}"
    assert "Noto-Sans-Arabic" in arabic
    stray = {f for f in mixed | arabic if f.startswith("DejaVu")}
    assert not stray, f"text fell back to the host's default fonts: {stray}"


def _markup(fmt: str, data: bytes) -> etree._Element:
    if fmt == "html":
        return lxml.html.document_fromstring(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        content = [n for n in z.namelist() if n.endswith(".xhtml") and not n.endswith("nav.xhtml")]
        return etree.fromstring(z.read(content[0]))


def _attr(el: etree._Element, name: str) -> str:
    return str(el.get(name) or el.get(f"{{http://www.w3.org/XML/1998/namespace}}{name}") or "")


@pytest.mark.parametrize("fmt", ["html", "epub"])
def test_language_and_direction_are_marked(built: dict[str, dict[str, bytes]], fmt: str) -> None:
    root = _markup(fmt, built["arabic"][fmt])
    assert (_attr(root, "lang"), _attr(root, "dir")) == ("ar", "rtl")
    spans = {_attr(s, "lang"): s for s in root.iter("{*}span", "span") if _attr(s, "lang")}
    assert _attr(spans["en"], "dir") == "ltr", "English inside Arabic needs dir=ltr to keep its order"

    root = _markup(fmt, built["mixed"][fmt])
    assert (_attr(root, "lang"), _attr(root, "dir") or "ltr") == ("en", "ltr")
    spans = {_attr(s, "lang"): s for s in root.iter("{*}span", "span") if _attr(s, "lang")}
    assert set(SAMPLES) <= set(spans)
    assert _attr(spans["ar"], "dir") == "rtl", "Arabic inside English needs dir=rtl (bidi isolation)"
    assert all(_attr(spans[lang], "dir") in ("", "ltr") for lang in SAMPLES if lang != "ar")


def test_docx_language_and_direction(built: dict[str, dict[str, bytes]]) -> None:
    def part(slug: str, name: str) -> etree._Element:
        with zipfile.ZipFile(io.BytesIO(built[slug]["docx"])) as z:
            return etree.fromstring(z.read(name))

    def body(slug: str) -> etree._Element:
        return part(slug, "word/document.xml")

    # A paragraph is right-to-left by its own <w:bidi/> or by the document defaults' one.
    default_rtl = part("arabic", "word/styles.xml").find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}bidi") is not None
    arabic = body("arabic")
    paragraphs = [p for p in arabic.iter(f"{W}p") if "".join(t.text or "" for t in p.iter(f"{W}t")).strip()]

    def rtl(p: etree._Element) -> bool:
        own = p.find(f"{W}pPr/{W}bidi")
        return default_rtl if own is None else own.get(f"{W}val", "1") not in ("0", "false")

    assert paragraphs and all(rtl(p) for p in paragraphs), "RTL paragraphs"
    mixed = body("mixed")
    langs = {(el.get(f"{W}val"), el.get(f"{W}bidi"), el.get(f"{W}eastAsia")) for el in mixed.iter(f"{W}lang")}
    for lang in ("zh-Hans", "ja", "ko"):
        assert any(v == lang and ea == lang for v, _, ea in langs), f"no eastAsia language for {lang}: {langs}"
    assert any(b == "ar" for _, b, _ in langs)
    runs = [r for r in mixed.iter(f"{W}r") if SAMPLES["ar"] in "".join(t.text or "" for t in r.iter(f"{W}t"))]
    assert runs and all(r.find(f"{W}rPr/{W}rtl") is not None for r in runs)


def test_samples_are_what_they_claim() -> None:
    """Guard the test data: each sample really is in its script."""
    scripts = {"el": "GREEK", "ru": "CYRILLIC", "zh-Hans": "CJK", "ja": "HIRAGANA", "ko": "HANGUL", "ar": "ARABIC"}
    for lang, word in scripts.items():
        assert any(word in unicodedata.name(c, "") for c in SAMPLES[lang]), lang
    assert Path(__file__).read_text(encoding="utf-8").count("\u202e") == 0
