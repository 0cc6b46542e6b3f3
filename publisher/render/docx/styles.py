"""The DOCX style map (``layouts/docx/styles.toml``): loading it and applying it to a template."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Inches, Pt
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from publisher.errors import Diagnostic, Location, RenderError
from publisher.render.docx import ooxml
from publisher.render.layout import DEFAULT_ROOT, Layout

Hex = str
_TYPES = {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "character": WD_STYLE_TYPE.CHARACTER, "table": WD_STYLE_TYPE.TABLE}
_HEADING = re.compile(r"^Heading ([1-9])$")


class StyleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    type: Literal["paragraph", "character", "table"]
    based_on: str | None = None
    next: str | None = None
    font: str | None = None
    size_pt: float | None = Field(None, ge=1)
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    color: Hex | None = Field(None, pattern=r"^[0-9A-Fa-f]{6}$")
    line_spacing: float | None = Field(None, gt=0)
    space_before_pt: float | None = Field(None, ge=0)
    space_after_pt: float | None = Field(None, ge=0)
    left_indent_in: float | None = None
    hanging_in: float | None = None
    keep_with_next: bool | None = None
    shading: Hex | None = Field(None, pattern=r"^[0-9A-Fa-f]{6}$")
    border: Hex | None = Field(None, pattern=r"^[0-9A-Fa-f]{6}$")
    border_sides: tuple[Literal["top", "left", "bottom", "right"], ...] = ("top", "left", "bottom", "right")
    header_fill: Hex | None = Field(None, pattern=r"^[0-9A-Fa-f]{6}$")
    header_bold: bool | None = None


class StyleMap(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    font: str
    size_pt: float = Field(ge=1)
    color: Hex = Field(pattern=r"^[0-9A-Fa-f]{6}$")
    margins_in: float = Field(ge=0)
    list_indent_in: float = Field(gt=0)
    list_hanging_in: float = Field(ge=0)
    styles: dict[str, StyleSpec]


def style_map_path(layout: Layout) -> Path:
    """The layout's own map, or the bundled one when a custom layout folder has none."""
    own = layout.folder("docx") / "styles.toml"
    return own if own.is_file() else DEFAULT_ROOT / "docx" / "styles.toml"


def load_style_map(path: Path) -> StyleMap:
    try:
        return StyleMap.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RenderError(Diagnostic(Location(str(path)), f"cannot read the DOCX style map: {exc}",
                                     "check the TOML syntax")) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise RenderError(Diagnostic(Location(str(path)), f"invalid DOCX style map at {where}: {first['msg']}",
                                     "see the comments at the top of the bundled layouts/docx/styles.toml")) from exc


def apply_style_map(document: DocxDocument, style_map: StyleMap, *, override: bool) -> None:
    """Create every style of the map; with ``override`` also restyle the ones the template has.

    ``override`` is for python-docx's own template, whose look is not ours; an
    organisation's template keeps its styles and only gains the missing ones.
    """
    styles = document.styles
    styles_el = styles.element
    if override:
        defaults = ooxml.get_or_add(styles_el, "docDefaults", ("docDefaults", "latentStyles", "style"))
        rpr = ooxml.get_or_add(ooxml.get_or_add(defaults, "rPrDefault", ("rPrDefault", "pPrDefault")), "rPr", ("rPr",))
        ooxml.set_fonts(rpr, style_map.font)
        ooxml.set_size(rpr, style_map.size_pt)
        ooxml.set_color(rpr, style_map.color)
    for name, spec in style_map.styles.items():
        exists = _find(document, name) is not None
        if exists and not override:
            continue
        style = _find(document, name) or styles.add_style(name, _TYPES[spec.type])
        _apply(document, style, spec)
        heading = _HEADING.match(name)
        if heading and spec.type == "paragraph":
            ooxml.set_outline_level(style.element.get_or_add_pPr(), int(heading.group(1)) - 1)
        if not exists:
            style.quick_style = spec.type != "table"


def ensure_heading_styles(document: DocxDocument, deepest: int) -> None:
    """Headings deeper than the map defines (a template may lack them) copy the deepest one we have."""
    for level in range(2, deepest + 1):
        name = f"Heading {level}"
        if _find(document, name) is None:
            style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = document.styles[f"Heading {level - 1}"]
            ooxml.set_outline_level(style.element.get_or_add_pPr(), level - 1)


def _find(document: DocxDocument, name: str) -> Any:
    try:
        return document.styles[name]
    except KeyError:
        return None


def _apply(document: DocxDocument, style: Any, spec: StyleSpec) -> None:
    # Any: the attributes used depend on the style's type (paragraph, character, table).
    el = style.element
    if spec.based_on and (base := _find(document, spec.based_on)) is not None and base.type == style.type:
        style.base_style = base
    if spec.next and (nxt := _find(document, spec.next)) is not None:
        style.next_paragraph_style = nxt
    if spec.type == "table":
        tbl_pr = ooxml.get_or_add(el, "tblPr", ooxml.STYLE_ORDER)
        if spec.border:
            ooxml.table_borders(tbl_pr, spec.border)
        ooxml.table_style_header(el, spec.header_fill or "", bool(spec.header_bold))
        return
    rpr = el.get_or_add_rPr()
    if spec.font:
        ooxml.set_fonts(rpr, spec.font)
    if spec.size_pt:
        ooxml.set_size(rpr, spec.size_pt)
    for prop, value in (("b", spec.bold), ("i", spec.italic)):
        if value is not None:
            ooxml.set_toggle(rpr, prop, value)
    if spec.underline is not None:
        style.font.underline = spec.underline
    if spec.color:
        ooxml.set_color(rpr, spec.color)
    if spec.type != "paragraph":
        return
    fmt = style.paragraph_format
    if spec.line_spacing is not None:
        fmt.line_spacing = spec.line_spacing
    if spec.space_before_pt is not None:
        fmt.space_before = Pt(spec.space_before_pt)
    if spec.space_after_pt is not None:
        fmt.space_after = Pt(spec.space_after_pt)
    if spec.left_indent_in is not None:
        fmt.left_indent = Inches(spec.left_indent_in)
    if spec.hanging_in is not None:
        fmt.first_line_indent = Inches(-spec.hanging_in)
    if spec.keep_with_next is not None:
        fmt.keep_with_next = spec.keep_with_next
    ppr = el.get_or_add_pPr()
    if spec.shading:
        ooxml.set_shading(ppr, spec.shading)
    if spec.border:
        ooxml.set_border(ppr, spec.border_sides, spec.border)
