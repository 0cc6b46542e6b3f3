"""The fast library search used while importing WeasyPrint finds what CPython's full search finds."""

from __future__ import annotations

import ctypes.util
import json
import subprocess
import sys
import textwrap

import pytest

from publisher.patches.find_library import fast_library_search, ldconfig_lookup

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
    from publisher.patches.find_library import weasyprint  # imported through the fast search

    assert weasyprint.HTML(string="<p lang=en>x</p>").write_pdf().startswith(b"%PDF-")


def test_weasyprint_still_asks_for_library_names_that_miss() -> None:
    """The patch pays only while WeasyPrint tries names the loader cannot open (Windows and macOS
    names first): each such miss sends CPython's find_library to gcc and ld. If this fails, WeasyPrint
    (or cffi) no longer does that: remove publisher/patches/find_library.py and its import in
    publisher/render/pdf/__init__.py, and measure the cold build again."""
    script = textwrap.dedent("""
        import ctypes.util, json
        original, misses = ctypes.util.find_library, []
        def counting(name):
            found = original(name)
            if found is None:
                misses.append(name)
            return found
        ctypes.util.find_library = counting
        import weasyprint  # plainly, without publisher's patch
        print(json.dumps(misses))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    misses = json.loads(result.stdout)
    assert misses, "WeasyPrint's import no longer misses any library name: publisher/patches/find_library.py is dead"
