"""Helpers of the hostile-input tests (issue 21): a good source beside each bad one, the real CLI, binary inputs
made here (no binary fixture), and the one check every refusal must pass."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal" / "minimal.yaml"
BASE = MINIMAL.read_text(encoding="utf-8")
GOOD_OUTPUTS = {"good.json", "good.html"}


@dataclass(frozen=True)
class Result:
    status: int
    err: str
    out: Path


def project(tmp_path: Path) -> Path:
    """A project folder with the good source in it and an images/ folder."""
    folder = tmp_path / "src"
    (folder / "images").mkdir(parents=True, exist_ok=True)
    shutil.copy(MINIMAL, folder / "good.yaml")
    return folder


def source(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    return path


def with_body(body: str) -> str:
    """The minimal document with the first section's body replaced (a block scalar, 6 spaces in)."""
    indented = "".join(f"      {line}\n" if line else "\n" for line in body.split("\n"))
    return BASE.replace("      Treatment is described here, citing two sources.[@two; @one]\n", indented)


def with_blocks(blocks: str) -> str:
    """The minimal document with blocks (4 spaces in, YAML) in place of its empty subsection."""
    return BASE.replace("    sections:\n      - title: Nothing here\n", "    blocks:\n" + blocks)


def image_block(file: str) -> str:
    return f"      - image:\n          file: {file}\n          alt: A diagram.\n"


def build(folder: Path, *sources: Path, formats: str = "json,html", jobs: int = 1, timeout: float = 300,
          extra: tuple[str, ...] = ()) -> Result:
    """``publisher build`` in a process of its own (a hang fails the test instead of freezing it), with
    the good source last."""
    out = folder.parent / "out"
    done = subprocess.run([sys.executable, "-m", "publisher", "build", "-q", "-j", str(jobs), "-f", formats,
                           "-o", str(out), *extra, *map(str, sources), str(folder / "good.yaml")],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env())
    return Result(done.returncode, done.stderr, out)


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def outputs(out: Path) -> set[str]:
    return {p.name for p in out.iterdir() if not p.name.startswith(".")} if out.is_dir() else set()


def with_bundles(names: set[str]) -> set[str]:
    """Output names and the FHIR bundle each built source gets beside them (publisher/handoff/)."""
    return names | {f"{name.split('.')[0]}.fhir.json" for name in names}


def refused(result: Result, bad: Path | str, where: str, message: str, good: set[str] = GOOD_OUTPUTS) -> str:
    """The refusal every bad input gets: exit 2, one ``path:line:col: what — how to fix`` line for the bad
    file, no traceback or internal error, nothing of it in the output folder, the good source built."""
    assert result.status == 2, result.err
    assert "Traceback" not in result.err and "internal error" not in result.err, result.err
    # where: "line:col"; "" when the problem has no position; "*" any position (it depends on a limit's value)
    prefix = f"{bad}:" if where == "*" else f"{bad}:{where}: " if where else f"{bad}: "
    lines = [line for line in result.err.splitlines() if line.startswith(f"{bad}:")]
    assert lines, f"no diagnostic for {bad}:\n{result.err}"
    assert lines[0].startswith(prefix), f"expected {prefix!r}, got {lines[0]!r}"
    assert message in lines[0], lines[0]
    assert " — " in lines[0], f"no hint: {lines[0]}"
    assert outputs(result.out) == with_bundles(good), "the bad source wrote something, or the good one did not build"
    return lines[0]


# ---------------------------------------------------------------- binary inputs


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width: int = 4, height: int = 4, *, depth: int = 8, color: int = 2, channels: int = 3,
        before_idat: bytes = b"", idat: bytes | None = None) -> bytes:
    """A PNG written chunk by chunk, so each chunk can be made hostile."""
    row = b"\x00" + bytes(range(channels * depth // 8)) * width
    header = struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, 0)
    data = zlib.compress(row * height) if idat is None else idat
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + before_idat + chunk(b"IDAT", data)
            + chunk(b"IEND", b""))


def ztxt_bomb() -> bytes:
    """A 4x4 PNG with a text chunk that inflates to 256 MB (about 250 KB on disk)."""
    inflater = zlib.compressobj(9)
    packed = b"".join(inflater.compress(b"\0" * (1 << 20)) for _ in range(256)) + inflater.flush()
    return png(before_idat=chunk(b"zTXt", b"Comment\x00\x00" + packed))


def saved(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def without_jfif(jpeg: bytes) -> bytes:
    """The same JPEG with its JFIF (APP0) segment removed: valid, but Word cannot size it."""
    assert jpeg[2:4] == b"\xff\xe0"
    length = struct.unpack(">H", jpeg[4:6])[0]
    return jpeg[:2] + jpeg[4 + length:]
