"""Assemble a whole synthetic condition page, its figures, and its YAML text."""

from __future__ import annotations

import datetime as dt
import io
import random

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from publisher.synthetic import words as w
from publisher.synthetic.condition import Source, Writer
from publisher.synthetic.figures import INHERITANCE_ALT, chart_alt, inheritance_file, symptom_chart


def condition(seed: int, index: int) -> tuple[Source, dict[str, bytes]]:
    """Condition ``index`` of the catalog ``seed``, and the per-page images it needs (relative path -> PNG).

    Each condition has its own generator, so condition 7 is the same in a catalog of 10 and of 1,000.
    """
    rng = random.Random(f"publisher-catalog:{seed}:{index}")  # noqa: S311 -- invented text, not secrets
    page = Writer(rng, index)
    images: dict[str, bytes] = {}
    sections = [_symptoms(page, images), _cause(page), _diagnosis(page), _treatment(page), _prognosis(page)]
    if rng.random() < 0.5:
        sections.append(_clinician(page))
    sections += [_research(page), _living(page), _questions(page), _learn_more(page)]
    summary = " ".join(page.fill(t) for t in w.SUMMARY[: rng.randint(3, len(w.SUMMARY))])
    source: Source = {
        "format": 1,
        "title": page.name,
        "language": "en",
        "publisher": {"name": "Synthetic Rare Disease Information Center",
                      "url": "https://rarediseases.info.nih.gov/"},
        "canonical_url": f"https://rarediseases.info.nih.gov/diseases/{index}/{page.slug}",
        "last_reviewed": dt.date(2020 + index % 5, 1 + index % 12, 1 + index % 28),
        "description": f"What {page.name} is, its signs, causes, diagnosis and treatment, and where to learn more.",
        "keywords": [page.name.lower(), page.organ, "rare disease"],
        "summary": LiteralScalarString(summary + page.cite() + "\n"),
        "sections": sections,
    }
    # Keep only cited references, in their original order: an uncited reference is a lint warning.
    cited = set(page.cited)
    source["references"] = [r for r in page.references if r["id"] in cited]
    return source, images


def _md(text: str) -> LiteralScalarString:
    """Markdown as a YAML literal block, as a person would write it."""
    block: LiteralScalarString = LiteralScalarString(text)
    return block


def _symptoms(page: Writer, images: dict[str, bytes]) -> Source:
    blocks: list[Source] = [{"text": _md(page.paragraphs(w.ORGAN_SENTENCES))},
                            {"text": _md(page.bullet_list([s[0].upper() + s[1:] for s in page.symptoms],
                                                          details=w.SYMPTOM_DETAILS))},
                            page.symptom_table()]
    if page.rng.random() < 0.6:
        name = f"images/{page.slug}-symptoms.png"
        values = [page.rng.randint(5, 95) for _ in page.symptoms]
        images[name] = symptom_chart(values)
        blocks.append(page.figure(f"{name}", chart_alt(page.symptoms, values),
                                  f"Share of people with {page.name} who have each symptom."))
    return {"title": "Symptoms", "blocks": blocks}


def _cause(page: Writer) -> Source:
    section: Source = {"title": "Cause", "body": _md(page.paragraphs(w.GENERAL))}
    if page.rng.random() < 0.7:
        section["blocks"] = [page.figure(inheritance_file(page.inheritance), INHERITANCE_ALT[page.inheritance],
                                         f"How {page.name} is inherited ({page.inheritance}).")]
    return section


def _diagnosis(page: Writer) -> Source:
    testing: Source = {"title": "Genetic testing", "body": _md(page.paragraphs(w.GENERAL, 1)), "sections": [
        {"title": "Who should be tested", "body": _md(page.bullet_list([
            "People with symptoms of the condition", "Brothers and sisters of an affected person",
            "Adults planning a family who have an affected relative"]))},
        {"title": "What the results mean", "body": _md(page.paragraphs(w.GENERAL, 1))},
    ]}
    return {"title": "Diagnosis", "body": _md(page.paragraphs(w.GENERAL)), "sections": [
        testing, {"title": "Testing Resources", "blocks": [page.resources(2)]}]}


def _treatment(page: Writer) -> Source:
    steps = page.rng.sample(w.TREATMENTS, page.rng.randint(3, 6))
    blocks: list[Source] = [{"text": _md(page.paragraphs(w.TREATMENT_SENTENCES))},
                            {"text": _md("A care plan often includes:\n\n" + page.bullet_list(steps, ordered=True))}]
    if page.rng.random() < 0.6:
        blocks.append(page.note())
    return {"title": "Treatment", "blocks": blocks}


def _prognosis(page: Writer) -> Source:
    return {"title": "Prognosis", "body": _md(page.paragraphs(w.GENERAL))}


def _clinician(page: Writer) -> Source:
    # No citations here: a reference cited only for clinicians would be uncited in the patient edition.
    page.cite_rate, rate = 0.0, page.cite_rate
    section = {"title": "For clinicians", "audience": "clinician", "sections": [
        {"title": "Differential diagnosis", "body": _md(page.paragraphs(w.ORGAN_SENTENCES, 1))},
        {"title": "Management", "body": _md(page.paragraphs(w.TREATMENT_SENTENCES, 1))}]}
    page.cite_rate = rate
    return section


def _research(page: Writer) -> Source:
    return {"title": "Research", "body": _md(page.paragraphs(w.GENERAL, 1)), "sections": [
        {"title": "Clinical Research Resources", "blocks": [page.resources(page.rng.randint(1, 3))]}]}


def _living(page: Writer) -> Source:
    return {"title": "Living With", "body": _md(page.paragraphs(w.GENERAL, 1)), "sections": [
        {"title": "Support and advocacy", "blocks": [page.resources(2), page.note()]}]}


def _questions(page: Writer) -> Source:
    return {"title": "Questions from families", "blocks": [page.questions()]}


def _learn_more(page: Writer) -> Source:
    return {"title": "Learn More", "sections": [{"title": "Where to Start", "blocks": [page.resources(3)]}]}


def to_yaml(source: Source) -> str:
    yaml = YAML()
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    out.write("# A synthetic condition made by `publisher catalog`: invented text, for testing and benchmarks.\n")
    yaml.dump(source, out)
    return out.getvalue()
