"""Tiny deterministic PNG drawing: filled rectangles on a palette canvas.

Hand-written with zlib and struct (the PNG format is three chunk types here) so
the catalog generator needs no imaging library and its bytes never depend on one.
"""

from __future__ import annotations

import struct
import zlib

Color = tuple[int, int, int]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


class Canvas:
    """An indexed-colour image; colour 0 is the background."""

    def __init__(self, width: int, height: int, background: Color = (255, 255, 255)) -> None:
        self.width = width
        self.height = height
        self.palette: list[Color] = [background]
        self.rows = [bytearray(width) for _ in range(height)]

    def color(self, rgb: Color) -> int:
        if rgb not in self.palette:
            self.palette.append(rgb)
        return self.palette.index(rgb)

    def rect(self, x0: int, y0: int, x1: int, y1: int, rgb: Color) -> None:
        """Fill [x0, x1) x [y0, y1), clipped to the canvas."""
        index = self.color(rgb)
        x0, x1 = max(0, x0), min(self.width, x1)
        if x1 <= x0:
            return
        run = bytes([index]) * (x1 - x0)
        for y in range(max(0, y0), min(self.height, y1)):
            self.rows[y][x0:x1] = run

    def frame(self, x0: int, y0: int, x1: int, y1: int, rgb: Color, thickness: int = 2) -> None:
        self.rect(x0, y0, x1, y0 + thickness, rgb)
        self.rect(x0, y1 - thickness, x1, y1, rgb)
        self.rect(x0, y0, x0 + thickness, y1, rgb)
        self.rect(x1 - thickness, y0, x1, y1, rgb)

    def png(self) -> bytes:
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 3, 0, 0, 0)  # 8-bit indexed colour
        palette = b"".join(bytes(rgb) for rgb in self.palette)
        raw = b"".join(b"\x00" + bytes(row) for row in self.rows)  # filter type 0 on every row
        return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"PLTE", palette)
                + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b""))
