"""The document: the typed model every renderer reads, and what finishes it before rendering.

``model`` is the only contract between sources and renderers; ``normalize`` numbers
citations, assigns ids and prunes empty sections once; ``bibliography`` turns a reference
into model inlines; ``i18n`` holds the reader-facing strings and date formats per language.
Nothing here knows about YAML or any output format.
"""
