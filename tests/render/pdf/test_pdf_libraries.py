"""The fast library search used while importing WeasyPrint finds what CPython's full search finds."""

from __future__ import annotations

import ctypes.util
import sys

import pytest

from publisher.render.pdf.libraries import fast_library_search, ldconfig_lookup

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the ldconfig lookup is Linux-only")

# The names under which WeasyPrint 70 finds its libraries on Linux (weasyprint/text/ffi.py).
LINUX_NAMES = ["gobject-2.0", "pango-1.0", "harfbuzz", "harfbuzz-subset", "fontconfig", "pangoft2-1.0"]
# Names it tries first, for Windows and macOS: these are what sent CPython to gcc and ld.
OTHER_NAMES = ["libgobject-2.0-0", "gobject-2.0-0", "libpango-1.0-0", "libfontconfig-1"]


def test_the_lookup_agrees_with_cpythons_find_library() -> None:
    find = ldconfig_lookup()
    assert find is not None
    for name in LINUX_NAMES:
        expected = ctypes.util.find_library(name)
        assert expected is not None, f"{name} is not installed: WeasyPrint could not work here"
        assert find(name) == expected
    for name in OTHER_NAMES:
        assert find(name) is None


def test_the_original_find_library_is_restored_after_the_import() -> None:
    original = ctypes.util.find_library
    with fast_library_search():
        assert ctypes.util.find_library is not original
    assert ctypes.util.find_library is original


def test_weasyprint_is_usable_after_the_fast_import() -> None:
    from publisher.render.pdf.libraries import weasyprint  # imported through the fast search

    assert weasyprint.HTML(string="<p lang=en>x</p>").write_pdf().startswith(b"%PDF-")
