"""Each stream is serialised once per write, and the file is the same as without that."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pydyf
import pytest
from handouts import FIGURES, SEED

from publisher.build import BuildPlan, load
from publisher.render import RenderOptions
from publisher.render import pdf as pdf_renderer
from publisher.render.pdf.streams import serialise_streams_once


class CountingStream(pydyf.Stream):  # type: ignore[misc]  # pydyf ships no types
    """A pydyf stream that counts how often it is serialised."""

    serialised = 0

    @property
    def data(self) -> bytes:
        CountingStream.serialised += 1
        result: bytes = pydyf.Stream.data.fget(self)
        return result


def small_pdf(memoised: bool) -> tuple[bytes, int]:
    document = pydyf.PDF()
    for text in ("one", "two", "three"):
        document.add_object(CountingStream([f"BT /F1 12 Tf ({text}) Tj ET".encode()], compress=True))
    if memoised:
        serialise_streams_once(document)
    CountingStream.serialised = 0
    out = io.BytesIO()
    document.write(out, b"1.7", b"an-identifier", compress=True)
    return out.getvalue(), CountingStream.serialised


def test_with_an_identifier_pydyf_serialises_each_stream_twice_and_once_when_memoised() -> None:
    plain, plain_count = small_pdf(memoised=False)
    once, once_count = small_pdf(memoised=True)
    assert plain_count == 6  # the problem this module exists for: written, then hashed for /ID
    assert once_count == 3
    assert once == plain
    assert b"/ID" in once


@pytest.mark.parametrize("source", [SEED, FIGURES], ids=["seed", "figures"])
@pytest.mark.parametrize("large_print", [False, True], ids=["standard", "large-print"])
def test_handout_bytes_do_not_change(source: Path, large_print: bool, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    plan = BuildPlan(out_dir=tmp_path)
    doc = load(source, plan)
    options = RenderOptions(large_print=large_print)
    memoised = pdf_renderer.render(doc, plan.layout, options)
    monkeypatch.setattr(pdf_renderer, "serialise_streams_once", lambda _pdf: None)
    plain: Any = pdf_renderer.render(doc, plan.layout, options)
    assert memoised == plain
