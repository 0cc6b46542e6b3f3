"""Make the handout a records PDF: PDF/A-2u and PDF/UA-1 at once, which WeasyPrint 70 cannot write (its issue 2783).

Records systems and archives ask for PDF/A (IHE's scanned-document profile, France's DMP);
accessibility law asks for PDF/UA. WeasyPrint's ``pdf/ua-1`` variant gives the tags; this
step, run in the finisher after the structure fixes, adds what PDF/A-2 level U needs on top:

- an sRGB output intent (``/GTS_PDFA1``) with an embedded ICC profile, so that DeviceRGB
  colour (all of WeasyPrint's) has a defined meaning (ISO 19005-2, 6.2.4.3);
- the Print flag on every annotation, and no Hidden/Invisible/NoView/ToggleNoView (6.3.2);
- no /Interpolate on images (6.2.8): WeasyPrint asks viewers to smooth images drawn with
  ``image-rendering: auto``, and PDF/A wants every viewer to draw the same pixels;
- no stream whose bytes end in a carriage return (6.1.7.1): pydyf writes ``data\nendstream``,
  and a CR there makes the end of line CRLF, one byte short of /Length (see :func:`clean_stream_ends`);
- the XMP identification (``pdfaid:part 2``, ``pdfaid:conformance U``, ``pdfuaid:part 1`` with its
  extension-schema declaration) in an uncompressed metadata stream, and /Info equal to it
  (:mod:`publisher.render.pdf.metadata`).

The rest PDF/A-2u asks for, WeasyPrint already does for a tagged handout: fonts embedded
with ToUnicode maps (the "u"), a file identifier, no JavaScript, no encryption, no external
content. The handout uses nothing PDF/A-2 forbids: its links are URI and GoTo actions (allowed),
it has no attachments (PDF/A-2 admits only PDF/A ones), and transparency (images with alpha)
is allowed from PDF/A-2 on, given the output intent. ``publisher check`` rule ``pdf.pdfa`` runs
page-validation's PDF/A-2u and PDF/UA-1 profiles on every handout.

The profile is the ICC's ``sRGB2014.icc`` (IEC 61966-2-1 sRGB, ICC v2, 3 KB), shipped beside this
module; see ``ICC-LICENSE.txt`` there: it may be copied, distributed and embedded without
restriction, unaltered.
"""

from __future__ import annotations

import zlib
from functools import cache
from importlib.resources import files

import pydyf

from publisher.document.model import Document
from publisher.render.pdf import metadata
from publisher.render.pdf.structure import number

PDFA = (2, "U")
PDFUA = 1
PROFILE_NAME = "sRGB IEC61966-2.1"
PRINT = 1 << 2
# Hidden, Invisible, NoView, ToggleNoView: PDF/A forbids them (ISO 19005-2, 6.3.2).
FORBIDDEN_FLAGS = (1 << 0) | (1 << 1) | (1 << 5) | (1 << 8)


@cache
def srgb_profile() -> bytes:
    return (files("publisher.render.pdf") / "sRGB2014.icc").read_bytes()


def add_output_intent(pdf: pydyf.PDF) -> None:
    """The sRGB output intent every PDF/A reader renders DeviceRGB through."""
    profile = pydyf.Stream([srgb_profile()], pydyf.Dictionary({"N": 3}), compress=True)
    pdf.add_object(profile)
    intent = pydyf.Dictionary({
        "Type": "/OutputIntent",
        "S": "/GTS_PDFA1",
        "OutputConditionIdentifier": pydyf.String(PROFILE_NAME),
        "Info": pydyf.String(PROFILE_NAME),
        "RegistryName": pydyf.String("http://www.color.org"),
        "DestOutputProfile": profile.reference,
    })
    pdf.catalog["OutputIntents"] = pydyf.Array([intent])


def flag_annotations(pdf: pydyf.PDF) -> int:
    """Set the Print flag (and clear the hiding ones) on every annotation; return how many there are."""
    count = 0
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("Type") == "/Annot":
            flags = obj.get("F", 0)
            obj["F"] = ((flags if isinstance(flags, int) else 0) | PRINT) & ~FORBIDDEN_FLAGS
            count += 1
    return count


def no_interpolation(pdf: pydyf.PDF) -> int:
    """Drop /Interpolate from every image (and soft mask); return how many had it."""
    count = 0
    for obj in pdf.objects:
        extra = obj.extra if isinstance(obj, pydyf.Stream) else None
        if extra is not None and extra.get("Subtype") == "/Image" and "Interpolate" in extra:
            del extra["Interpolate"]
            count += 1
    return count


CR = 0x0D


def _ends_in_cr(stream: pydyf.Stream) -> bool:
    """Whether the bytes pydyf will write for ``stream`` end in CR, without compressing it: a Flate
    stream ends with the data's Adler-32 checksum, big-endian, so its last byte is the checksum's."""
    data = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)  # exactly as pydyf 0.13 joins them
    last = zlib.adler32(data) & 0xFF if stream.compress else (data[-1] if data else 0)
    return last == CR


def clean_stream_ends(pdf: pydyf.PDF) -> int:
    """Make no stream end in CR (about one stream in 256 does, by chance); return how many changed.

    A content stream (a page's, a form's) gets a trailing newline, which changes its checksum and
    means nothing to a reader; any other stream is written uncompressed when that ends otherwise.
    """
    contents = {number(page.get("Contents")) for page in _pages(pdf)}
    changed = 0
    for obj in pdf.objects:
        if not isinstance(obj, pydyf.Stream) or not _ends_in_cr(obj):
            continue
        if getattr(obj, "number", None) in contents or obj.extra.get("Subtype") == "/Form":
            while _ends_in_cr(obj):
                obj.stream.append(b"")
        elif obj.compress:
            obj.compress = False
        changed += 1
    return changed


def _pages(pdf: pydyf.PDF) -> list[pydyf.Dictionary]:
    return [pdf.objects[n] for n in pdf.pages["Kids"][::3]]  # pydyf lists kids as number, 0, "R"


def make_records_ready(pdf: pydyf.PDF, doc: Document, large_print: bool = False) -> None:
    """PDF/A-2u + PDF/UA-1: output intent, annotation flags, images, and the metadata that claims both."""
    add_output_intent(pdf)
    flag_annotations(pdf)
    no_interpolation(pdf)
    metadata.apply(pdf, metadata.pdf_metadata(doc, large_print), pdfa=PDFA, pdfua=PDFUA)
    clean_stream_ends(pdf)  # last: after every stream's content is final
