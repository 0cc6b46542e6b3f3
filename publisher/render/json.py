"""The model as JSON: documents the contract and makes golden tests easy."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from publisher.document.model import Document, ImageData
from publisher.render import RenderOptions
from publisher.render.layout import Layout


def _default(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # strings are the language's fixed words; references_file is a build input's absolute path; a figure's
        # image bytes are not part of the model's contract as JSON (its path is).
        data = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)
                if f.name not in ("strings", "references_file") and not isinstance(getattr(value, f.name), ImageData)}
        return {"type": type(value).__name__, **data}
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def render(doc: Document, layout: Layout, options: RenderOptions) -> bytes:
    return (json.dumps(doc, default=_default, ensure_ascii=False, indent=1) + "\n").encode()
