"""publisher: one structured health-information source to accessible PDF, DOCX, EPUB and HTML."""

__version__ = "0.1.0"
