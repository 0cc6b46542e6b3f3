"""The model as Pandoc Markdown, so that Pandoc converts the same content as publisher (benchmark baseline)."""

from __future__ import annotations

from publisher.document import model as m


def inlines(nodes: tuple[m.Inline, ...]) -> str:
    out = []
    for node in nodes:
        if isinstance(node, m.Text):
            out.append(node.text.replace("*", r"\*").replace("[", r"\[").replace("]", r"\]"))
        elif isinstance(node, m.Code):
            out.append(f"`{node.text}`")
        elif isinstance(node, m.LineBreak):
            out.append("\\\n")
        elif isinstance(node, m.Emphasis):
            out.append(f"*{inlines(node.children)}*")
        elif isinstance(node, m.Strong):
            out.append(f"**{inlines(node.children)}**")
        elif isinstance(node, m.Link):
            out.append(f"[{inlines(node.children)}]({node.url})")
        elif isinstance(node, m.Citation):
            out.append(f"^[{node.number}](#{node.ref_id})^")
        elif isinstance(node, m.Span):
            out.append(f"[{inlines(node.children)}]{{lang={node.lang}}}")
    return "".join(out)


def blocks(items: tuple[m.Block, ...], indent: str = "") -> list[str]:
    out: list[str] = []
    for block in items:
        if isinstance(block, m.Paragraph):
            out.append(indent + inlines(block.children))
        elif isinstance(block, m.ListBlock):
            for i, item in enumerate(block.items):
                marker = f"{block.start + i}. " if block.ordered else "- "
                body = blocks(item, indent + " " * len(marker))
                first = body[0][len(indent) + len(marker):] if body else ""
                out.append(indent + marker + first + "".join("\n\n" + b for b in body[1:]))
        elif isinstance(block, m.Quote | m.Note):
            title = [f"{indent}> **{block.title or block.kind.title()}**"] if isinstance(block, m.Note) else []
            inner = blocks(block.blocks)
            out.append("\n>\n".join(title + [indent + "> " + b.replace("\n", "\n> ") for b in inner]))
        elif isinstance(block, m.ResourceList):
            for res in block.items:
                out.append(f"{indent}- [{res.name}]({res.url}) {inlines(res.description)}")
                out.extend(blocks(res.note, indent + "  "))
        elif isinstance(block, m.QuestionList):
            for q in block.items:
                out.append(f"{indent}**{inlines(q.question)}**")
                out.extend(blocks(q.answer, indent))
        elif isinstance(block, m.Figure):
            out.append(f"{indent}![{inlines(block.caption)}]({block.path}){{alt=\"{block.alt}\"}}")
        elif isinstance(block, m.Table):
            header = "| " + " | ".join(inlines(c) for c in block.header) + " |"
            rule = "|" + "|".join("---" for _ in block.header) + "|"
            rows = ["| " + " | ".join(inlines(c) for c in row) + " |" for row in block.rows]
            out.append("\n".join([header, rule, *rows, "", f": {block.caption}"]))
    return out


def document(doc: m.Document) -> str:
    head = ["---", f"title: \"{doc.title}\"", f"lang: {doc.language}", f"date: {doc.last_reviewed.isoformat()}",
            f"author: \"{doc.publisher.name}\"", "---", ""]
    body: list[str] = []
    for section in m.walk_sections(doc.sections):
        body.append(f"{'#' * section.level} {section.title} {{#{section.id}}}")
        body.extend(blocks(section.blocks))
        if section.role == "references":
            body.extend(references(doc))
    return "\n".join(head) + "\n\n".join(body) + "\n"


def references(doc: m.Document) -> list[str]:
    out = []
    for ref in m.cited_references(doc):  # the same words every format prints (the formatted CSL entry)
        out.append(f"{ref.number}. []{{#{ref.id}}}{m.inline_text(ref.entry)}")
    return out
