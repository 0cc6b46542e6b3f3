"""Helpers of the robustness tests: a tiny PNG, the list of every format."""

from __future__ import annotations

import struct
import zlib

ALL = "json,html,epub,docx,pdf,large-print"


def png(width: int = 2, height: int = 2) -> bytes:
    """A valid RGB PNG, written here so no binary fixture is needed."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\x00" + b"\x40\x80\xc0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
