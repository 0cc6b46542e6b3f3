"""Read one source file into an un-normalised :class:`publisher.document.model.Document`."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from publisher.document import model as m
from publisher.document.i18n import direction, strings_for
from publisher.document.ids import RESERVED_IDS, is_reserved
from publisher.errors import Diagnostic, Location, SourceError, error
from publisher.source import schema as s
from publisher.source.bounds import check_bounds
from publisher.source.images import ImageProblem, read_image
from publisher.source.limits import MAX_IMAGE_BYTES_PER_SOURCE, MAX_IMAGE_PIXELS_PER_SOURCE
from publisher.source.markdown import Budget, Converter, Field
from publisher.source.references import read_file, to_model
from publisher.source.urls import check_url
from publisher.source.yamlpos import load_yaml, plain, position, read_text, text_start

MAX_LEVEL = 6  # h1 is the title; sections go h2..h6


@dataclass(frozen=True)
class ReadOptions:
    audience: str = "patient"
    project_root: Path | None = None  # images must live inside it; default: the source's parent


def read_source(path: Path, options: ReadOptions | None = None) -> m.Document:
    options = options or ReadOptions()
    text = read_text(path)
    shown = str(path)
    tree = load_yaml(text, shown)
    if not isinstance(tree, dict):
        raise error(shown, "the file must be a YAML mapping (key: value lines)",
                    "start with 'title: ...'; see docs/source-format.md", 1, 1)
    check_bounds(tree, shown)  # before the schema and the renderers: what this source may cost
    try:
        src = s.SourceDocument.model_validate(plain(tree))
    except ValidationError as exc:
        raise SourceError(_diagnostics(shown, tree, exc.errors())) from None
    return _Reader(path, tree, text.splitlines(), options).document(src)


# ---------------------------------------------------------------- validation errors


def _diagnostics(path: str, tree: Any, errors: list[Any]) -> list[Diagnostic]:
    """One diagnostic per problem, in file order; 'missing x' is left out when a misspelled x explains it."""
    suggested: set[tuple[Any, Any]] = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            loc = tuple(err["loc"])
            close = difflib.get_close_matches(str(loc[-1]), _allowed_keys(loc[:-1]), n=1, cutoff=0.6)
            suggested.update((loc[:-1], key) for key in close)
    kept = [e for e in errors if not (e["type"] == "missing" and (tuple(e["loc"])[:-1], e["loc"][-1]) in suggested)]
    found = [_diagnostic(path, tree, err) for err in kept]
    return sorted(found, key=lambda d: (d.location.line, d.location.col))[:20]


def _diagnostic(path: str, tree: Any, err: Any) -> Diagnostic:
    loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        line, col = position(tree, loc, key_itself=True)
        key = str(loc[-1])
        allowed = _allowed_keys(loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed keys here: {', '.join(allowed)}"
        return Diagnostic(Location(path, line, col), f"unknown key '{key}'", hint)
    # pydantic puts model names ("NameSource") in the path; CSL's own fields ("DOI", "URL") are capitals.
    where = ".".join(str(p) for p in loc if not (isinstance(p, str) and p[:1].isupper() and not p.isupper()))
    if err.get("input", "") is None and kind.endswith("_type"):
        # `title:` with nothing after it: the value's own position is the next line.
        line, col = position(tree, loc, key_itself=True)
        return Diagnostic(Location(path, line, col), f"{where}: has no value", "write a value after the colon")
    line, col = position(tree, loc)
    if kind == "missing":
        return Diagnostic(Location(path, line, col), f"missing required key '{loc[-1]}'",
                          f"add '{loc[-1]}:' here (see docs/source-format.md)")
    msg = str(err["msg"]).removeprefix("Value error, ")
    hint = {
        "date_from_datetime_parsing": "write dates as YYYY-MM-DD",
        "date_parsing": "write dates as YYYY-MM-DD",
        "date_type": "write dates as YYYY-MM-DD",
        "string_too_short": "write some text here",
        "string_too_long": "shorten it",
        "string_type": "quote the value so it is read as text",
        "literal_error": "use one of the values listed",
        "list_type": "write a list: one '- ' item per line",
        "model_type": "write a mapping: 'key: value' lines",
        "string_pattern_mismatch": "use lower-case letters, digits and hyphens (ids), or a letter first (keys)",
    }.get(kind, "see docs/source-format.md")
    if kind == "value_error" and " — " in msg:  # a validator's own "what — how to fix it"
        msg, hint = msg.split(" — ", 1)
    return Diagnostic(Location(path, line, col), f"{where}: {msg}", hint)


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    model: type[BaseModel] = s.SourceDocument
    for part in loc:
        fields = {(f.alias or name): f for name, f in model.model_fields.items()}
        if not isinstance(part, str) or part not in fields:
            continue
        annotation = fields[part].annotation
        found = _model_in(annotation)
        if found is not None:
            model = found
    return [field.alias or name for name, field in model.model_fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


# ---------------------------------------------------------------- model building


class _Reader:
    def __init__(self, path: Path, tree: Any, lines: list[str], options: ReadOptions) -> None:
        self.path = path
        self.shown = str(path)
        self.tree = tree
        self.lines = tuple(lines)
        self.options = options
        self.root = (options.project_root or path.parent).resolve()
        self.keys: list[str] = []
        self.image_bytes = 0
        self.image_pixels = 0
        self.budget = Budget()  # blocks of every Markdown field, sections and figures together
        self.references: list[s.ReferenceSource] = []
        self.references_file: Path | None = None

    def document(self, src: s.SourceDocument) -> m.Document:
        if src.slug is None and not s.SLUG.match(self.path.stem):
            # The slug names every output file: it must be safe as a file name and a URL path.
            raise error(self.shown, f"the file name '{self.path.stem}' cannot be used as the slug",
                        "rename the file with lower-case letters, digits and hyphens, or add 'slug: ...'", 1, 1)
        if src.slug is None and self.path.stem in s.RESERVED_SLUGS:
            raise error(self.shown, f"the file name '{self.path.stem}' is reserved: the catalog writes "
                        f"dist/{self.path.stem}.*", "rename the file, or add 'slug: ...' with another name", 1, 1)
        self._references(src)
        self._section_ids(src.sections, ("sections",), set())
        strings = strings_for(src.language)
        top = [m.Section(strings["summary"], "summary", 2, self._markdown_blocks(src.summary, ("summary",)),
                         role="summary")]
        for i, section in enumerate(src.sections):
            if self._wanted(section.audience):
                top.append(self._section(section, ("sections", i), 2))
        refs = tuple(to_model(r) for r in self.references)
        return m.Document(
            slug=src.slug or self.path.stem,
            title=src.title,
            language=src.language,
            publisher=m.Publisher(src.publisher.name, src.publisher.url or "", src.publisher.parent or ""),
            last_reviewed=src.last_reviewed,
            sections=tuple(top),
            references=refs,
            description=src.description or "",
            keywords=tuple(src.keywords),
            canonical_url=src.canonical_url or "",
            rights=src.rights or "",
            audience=self.options.audience,
            translation_of=src.translation_of or "",
            direction=src.direction or direction(src.language),
            edition=m.Edition(src.edition or src.last_reviewed, src.version or ""),
            codes=tuple(m.ConditionCode(c.system, c.code, c.display or "") for c in src.codes),
            owner=src.owner or "",
            review_by=src.review_by,
            references_file=str(self.references_file or ""),
            strings=strings,
        )

    def _references(self, src: s.SourceDocument) -> None:
        """The source's references, then its references_file's: ids unique across both, URLs safe."""
        seen: dict[str, Location] = {}
        found: list[tuple[s.ReferenceSource, Location | None, tuple[Any, ...]]] = [
            (ref, None, ("references", i)) for i, ref in enumerate(src.references)]
        if src.references_file:
            self.references_file, items = read_file(self.path, src.references_file, self.root)
            found += [(ref, where, ()) for ref, where in items]
        for ref, where, loc in found:
            here = where or self._location((*loc, "id"))
            if ref.id in seen:
                raise SourceError(Diagnostic(here, f"duplicate reference id '{ref.id}'",
                                             "give each reference its own id"))
            seen[ref.id] = here
            url = ref.URL or ref.url
            if url:
                problem = check_url(url)
                if problem:
                    at = where or self._location((*loc, "URL" if ref.URL else "url"))
                    raise SourceError(Diagnostic(at, f"unsafe or invalid link '{url[:80]}': {problem[0]}", problem[1]))
        self.references = [ref for ref, _, _ in found]
        self.keys = list(seen)
        if src.canonical_url:
            self._check_url(src.canonical_url, ("canonical_url",))
        if src.publisher.url:
            self._check_url(src.publisher.url, ("publisher", "url"))

    def _section_ids(self, sections: list[s.SectionSource], loc: tuple[Any, ...], seen: set[str]) -> None:
        """Explicit ids are anchors someone links to: a clash would silently move one."""
        for i, section in enumerate(sections):
            if not self._wanted(section.audience):
                continue  # variants for different audiences may share an anchor
            if section.id is not None:
                if is_reserved(section.id):
                    raise self._err((*loc, i, "id"), f"section id '{section.id}' is reserved",
                                    f"choose another; reserved: {', '.join(sorted(RESERVED_IDS))}, ref-N, cite-N-M, "
                                    "further-N")
                if section.id in seen:
                    raise self._err((*loc, i, "id"), f"duplicate section id '{section.id}'",
                                    "give each section its own id")
                seen.add(section.id)
            self._section_ids(section.sections, (*loc, i, "sections"), seen)

    def _wanted(self, audience: str | None) -> bool:
        return audience is None or audience == self.options.audience

    def _section(self, src: s.SectionSource, loc: tuple[Any, ...], level: int) -> m.Section:
        if level > MAX_LEVEL:
            raise self._err((*loc, "title"), f"section '{src.title[:60]}' would be a level-{level} heading; the "
                            f"deepest is {MAX_LEVEL} (the title is level 1)",
                            "flatten the outline: readers and screen readers lose their way in deep nesting")
        self.budget.spend(1, self._location((*loc, "title")))  # its heading
        blocks: list[m.Block] = []
        if src.body is not None:
            blocks.extend(self._markdown_blocks(src.body, (*loc, "body")))
        for i, block in enumerate(src.blocks):
            if self._wanted(block.audience):
                blocks.extend(self._block(block, (*loc, "blocks", i)))
        children = tuple(
            self._section(child, (*loc, "sections", j), level + 1)
            for j, child in enumerate(src.sections)
            if self._wanted(child.audience)
        )
        return m.Section(src.title, src.id or "", level, tuple(blocks), children)

    def _block(self, b: s.Block, loc: tuple[Any, ...]) -> list[m.Block]:
        if b.text is not None:
            return list(self._markdown_blocks(b.text, (*loc, "text")))
        if b.note is not None:
            return [m.Note(b.note_kind, self._markdown_blocks(b.note, (*loc, "note")))]
        if b.resources is not None:
            return [m.ResourceList(tuple(
                self._resource(r, (*loc, "resources", i))
                for i, r in enumerate(b.resources) if self._wanted(r.audience)
            ))]
        if b.questions is not None:
            return [m.QuestionList(tuple(
                m.Question(
                    self._inlines(q.question, (*loc, "questions", i, "question")),
                    self._markdown_blocks(q.answer, (*loc, "questions", i, "answer")) if q.answer else (),
                )
                for i, q in enumerate(b.questions) if self._wanted(q.audience)
            ))]
        if b.image is not None:
            return [self._image(b.image, (*loc, "image"))]
        assert b.table is not None
        t = b.table
        header = tuple(self._inlines(c, (*loc, "table", "header", i)) for i, c in enumerate(t.header))
        rows = []
        for r, row in enumerate(t.rows):
            if len(row) != len(t.header):
                raise self._err((*loc, "table", "rows", r), f"row {r + 1} has {len(row)} cells; the header has "
                                f"{len(t.header)}", "give every row as many cells as the header")
            rows.append(tuple(self._inlines(c, (*loc, "table", "rows", r, i)) for i, c in enumerate(row)))
        return [m.Table(t.caption or "", header, tuple(rows), t.summary or "")]

    def _resource(self, r: s.ResourceItem, loc: tuple[Any, ...]) -> m.Resource:
        self._check_url(r.url, (*loc, "url"))
        note = self._markdown_blocks(r.note, (*loc, "note")) if r.note else ()
        return m.Resource(r.name, r.url, self._inlines(r.description, (*loc, "description")), note)

    def _image(self, img: s.ImageBlock, loc: tuple[Any, ...]) -> m.Figure:
        where = (*loc, "file")
        if "://" in img.file or img.file.startswith(("data:", "//")):
            raise self._err(where, f"image '{img.file}' is not a local file",
                            "download it into the project (e.g. source/images/) and give its relative path")
        target = (self.path.parent / img.file).resolve()
        if not target.is_relative_to(self.root):
            raise self._err(where, f"image '{img.file}' is outside the project", "keep images under source/images/")
        if target.is_dir() or not target.exists():  # a FIFO or device exists: read_image says what it is
            raise self._err(where, f"image '{img.file}' does not exist", "check the path, relative to this source file")
        if target.suffix.lower() not in (".png", ".jpg", ".jpeg", ".svg", ".gif"):
            raise self._err(where, f"image '{img.file}' is not PNG, JPEG, GIF or SVG", "convert it to PNG or SVG")
        try:
            checked = read_image(target, self.root)  # read once: these bytes are checked and embedded
        except ImageProblem as problem:
            raise self._err(where, f"image '{img.file}' {problem.args[0]}", problem.args[1]) from None
        self.image_bytes += len(checked.data)
        self.image_pixels += checked.pixels
        if self.image_bytes > MAX_IMAGE_BYTES_PER_SOURCE:
            raise self._err(where, f"the images of this source add up to more than {MAX_IMAGE_BYTES_PER_SOURCE:,} "
                            "bytes", "compress them (HTML and EPUB carry each one), or split the source")
        if self.image_pixels > MAX_IMAGE_PIXELS_PER_SOURCE:
            raise self._err(where, f"the images of this source add up to more than "
                            f"{MAX_IMAGE_PIXELS_PER_SOURCE // 1_000_000} million pixels",
                            "scale them down (a handout prints at 300 dpi: 2,500 pixels cover a page's width)")
        self.budget.spend(1, self._location(where))
        caption = self._inlines(img.caption, (*loc, "caption")) if img.caption else ()
        return m.Figure(str(target), img.alt or "", img.decorative, caption, checked.width, checked.height,
                        m.ImageData(checked.data))

    # ------------------------------------------------------------ markdown

    def _converter(self, loc: tuple[Any, ...]) -> Converter:
        line, col = text_start(self.tree, loc)
        if line != position(self.tree, loc)[0] and 1 <= line <= len(self.lines):
            # A block scalar (| or >): its text starts on the next line, after the indentation.
            col = len(self.lines[line - 1]) - len(self.lines[line - 1].lstrip(" ")) + 1
        return Converter(Field(self.shown, line, col, self.lines), self._cite, self.budget)

    def _markdown_blocks(self, text: str, loc: tuple[Any, ...]) -> tuple[m.Block, ...]:
        return self._converter(loc).blocks(text)

    def _inlines(self, text: str, loc: tuple[Any, ...]) -> tuple[m.Inline, ...]:
        return self._converter(loc).inlines(text)

    def _cite(self, key: str, where: Location) -> None:
        if key in self.keys:
            return
        close = difflib.get_close_matches(key, self.keys, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else (
            f"defined keys: {', '.join(sorted(self.keys))}" if self.keys else "add it under 'references:'")
        raise SourceError(Diagnostic(where, f"unknown citation key '{key}'", hint))

    def _check_url(self, url: str, loc: tuple[Any, ...]) -> None:
        problem = check_url(url)
        if problem:
            raise self._err(loc, f"unsafe or invalid link '{url[:80]}': {problem[0]}", problem[1])
        self.budget.spend_url(url, self._location(loc))

    def _location(self, loc: tuple[Any, ...]) -> Location:
        line, col = position(self.tree, loc)
        return Location(self.shown, line, col)

    def _err(self, loc: tuple[Any, ...], message: str, hint: str) -> SourceError:
        return SourceError(Diagnostic(self._location(loc), message, hint))

