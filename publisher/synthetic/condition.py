"""One synthetic condition as a source mapping, from a seeded random generator.

The shape follows a GARD condition page (summary, symptoms, cause, diagnosis,
treatment, research, living with, questions, learn more, references) with the
variety a real catalog has: long and short pages, sections nested to level 4,
lists, tables, figures with alt text, call-outs, resource lists, questions,
citations and clinician-only sections.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from typing import Any

from publisher.synthetic import words as w

Source = dict[str, Any]


class Writer:
    """Writes one condition; every choice comes from ``rng`` so the same seed gives the same text."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.rng = rng
        self.index = index
        self.name = self._name()
        self.slug = f"c{index:04d}-" + re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")
        self.organ = rng.choice(w.ORGANS)
        self.gene = rng.choice(w.GENES)
        self.inheritance = rng.choice(w.INHERITANCE)
        self.symptoms = rng.sample(w.SYMPTOMS, rng.randint(3, 8))
        # A long tail of length: most pages are short, a few are several times longer.
        self.scale = 1 + int(rng.paretovariate(2.0)) if rng.random() < 0.2 else 1
        self.references = self._references()
        self.cited: list[str] = []
        self.cite_rate = 0.25  # share of sentences with a citation

    # ------------------------------------------------------------ text

    def _name(self) -> str:
        pick = self.rng.randrange(3)
        if pick == 0:
            return f"{self.rng.choice(w.EPONYMS)} {self.rng.choice(w.KINDS)}"
        if pick == 1:
            return f"{self.rng.choice(w.QUALIFIERS)} {self.rng.choice(w.PREFIXES).lower()}{self.rng.choice(w.ROOTS)}"
        return (f"{self.rng.choice(w.EPONYMS)}-{self.rng.choice(w.EPONYMS)} {self.rng.choice(w.KINDS)} "
                f"type {self.rng.randint(1, 9)}")

    def fill(self, template: str) -> str:
        symptom, symptom2 = self.rng.sample(self.symptoms, 2)
        text = template.format(name=self.name, organ=self.organ, symptom=symptom, symptom2=symptom2, gene=self.gene,
                               inheritance=self.inheritance, treatment=self.rng.choice(w.TREATMENTS),
                               specialist=self.rng.choice(w.SPECIALISTS))
        return text[0].upper() + text[1:]

    def cite(self) -> str:
        keys = self.rng.sample([r["id"] for r in self.references], self.rng.choice((1, 1, 1, 2)))
        self.cited.extend(keys)
        return "[" + "; ".join(f"@{k}" for k in keys) + "]"

    def sentence(self, template: str) -> str:
        text = self.fill(template)
        roll = self.rng.random()
        if roll < 0.08:
            words = text.split(" ")
            long = [i for i, word in enumerate(words) if len(word) > 5 and word.isalpha()]
            if long:
                at = self.rng.choice(long)
                words[at] = f"*{words[at]}*" if roll < 0.04 else f"**{words[at]}**"
                text = " ".join(words)
        if self.rng.random() < self.cite_rate:
            text = text[:-1] + self.cite() + text[-1]
        return text

    def paragraph(self, bank: tuple[str, ...] = w.GENERAL, sentences: tuple[int, int] = (2, 5)) -> str:
        count = min(len(bank), self.rng.randint(*sentences))
        return " ".join(self.sentence(t) for t in self.rng.sample(bank, count))

    def paragraphs(self, bank: tuple[str, ...] = w.GENERAL, most: int = 2) -> str:
        count = self.rng.randint(1, most * self.scale)
        return "\n\n".join(self.paragraph(bank) for _ in range(count)) + "\n"

    def bullet_list(self, items: list[str], ordered: bool = False, details: tuple[str, ...] = ()) -> str:
        lines = []
        for i, item in enumerate(items):
            lines.append(f"{i + 1}. {item}" if ordered else f"- {item}")
            if details and self.rng.random() < 0.3:  # an occasional nested list
                lines.extend(f"  - {detail}" for detail in self.rng.sample(details, 2))
        return "\n".join(lines) + "\n"

    # ------------------------------------------------------------ parts

    def _references(self) -> list[Source]:
        refs = []
        for i in range(self.rng.randint(2, 6 + 2 * self.scale)):
            authors = self.rng.sample(w.AUTHORS, self.rng.randint(1, 4))
            year = self.rng.randint(1998, 2024)
            surname = unicodedata.normalize("NFKD", authors[0].split()[0]).encode("ascii", "ignore").decode().lower()
            ref: Source = {"id": f"{surname}{year}-{i}", "authors": authors,
                           "title": self.fill(self.rng.choice((
                               "Clinical features of {name}", "{name}: a review", "Genetics of {name}",
                               "Living with {name}: a family guide", "Treatment of {organ} problems in {name}")))}
            if self.rng.random() < 0.7:
                ref["container"] = self.rng.choice(w.JOURNALS)
                ref["url"] = f"https://pubmed.ncbi.nlm.nih.gov/{30_000_000 + self.index * 97 + i}/"
            else:
                ref["publisher"] = "National Library of Medicine"
                ref["url"] = f"https://www.ncbi.nlm.nih.gov/books/NBK{500_000 + self.index * 13 + i}/"
            ref["date"] = str(year)
            ref["accessed"] = dt.date(2025, 1 + i % 12, 1 + self.index % 28)
            refs.append(ref)
        return refs

    def symptom_table(self) -> Source:
        rows = [[s[0].upper() + s[1:], *self.rng.choice(w.FREQUENCIES)] for s in self.symptoms]
        return {"table": {"caption": f"How often symptoms of {self.name} occur",
                          "summary": "Each row is a symptom, with how often people with the condition have it.",
                          "header": ["Symptom", "How often", "Share of people"], "rows": rows}}

    def resources(self, count: int) -> Source:
        picked = self.rng.sample(w.ORGANISATIONS, min(count, len(w.ORGANISATIONS)))
        items: list[Source] = [{"name": name, "url": url, "description": text} for name, url, text in picked]
        if self.rng.random() < 0.3:
            items[0]["note"] = "Listing here is not an endorsement. Talk with your doctor before joining a study."
        return {"resources": items}

    def questions(self) -> Source:
        items: list[Source] = []
        for _ in range(self.rng.randint(1, 3 + self.scale)):
            item: Source = {"question": self.fill(self.rng.choice((
                "Can {name} be passed on to my children?", "Is there a test for {name} before birth?",
                "Will {symptom} get worse over time?", "Which doctor should I see first for {symptom}?",
                "Are there support groups for families affected by {name}?")))}
            if self.rng.random() < 0.6:
                item["answer"] = self.paragraphs(w.GENERAL, 1)
            items.append(item)
        return {"questions": items}

    def note(self) -> Source:
        kind = self.rng.choice(("note", "tip", "warning", "disclaimer"))
        text = {"note": "Information here is general. Your care team knows your situation best.",
                "tip": "Write down your questions before each visit, and bring someone with you if you can.",
                "warning": f"Get medical help right away if {self.rng.choice(self.symptoms)} starts suddenly.",
                "disclaimer": "This page is for education only and does not replace medical advice."}[kind]
        return {"note": text, "note_kind": kind}

    def figure(self, file: str, alt: str, caption: str) -> Source:
        return {"image": {"file": file, "alt": alt, "caption": caption}}
