"""What a build hands off besides its formats: FHIR bundles (on by default), the catalog (folder builds)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HandoffOptions:
    fhir: bool = True  # <slug>.fhir.json beside each source's outputs
    fhir_embed: bool = False  # the PDFs' bytes inside the bundles (--fhir-embed)
    catalog: bool = False  # index.html and opds.json (a build of a folder); sitemap.xml with base_url
    base_url: str = ""  # where dist/ is published, e.g. https://example.org/handouts/ (--base-url)
