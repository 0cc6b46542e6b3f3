"""Every bound on what a build reads, in one place (docs/robustness.md explains each).

A bound is checked before the step whose cost it bounds: the file size before reading,
the text and table sizes before rendering, an image's pixels before decoding it. The
numbers are generous for a health handout (the seed source is 11 KB, 20 links, no
table) and small enough that the slowest source within all of them still builds in
seconds (measured in docs/robustness.md).
"""

from __future__ import annotations

# --- a source file
MAX_SOURCE_BYTES = 2 * 1024 * 1024  # refused before it is read (and no more than this is ever read)
MAX_YAML_DEPTH = 40  # sections (5) x blocks x items needs far less; deeper is a mistake or an attack
MAX_NUMBER_DIGITS = 100  # a YAML integer longer than this is refused (Python refuses 4,300 with a traceback)
# Work: everything a renderer lays out grows with the text and the number of pieces it is in.
MAX_TEXT_CHARS = 400_000  # all strings of a source together: 119 letter pages of prose (256 in large print)
MAX_VALUES = 40_000  # YAML scalars (a 1-character list item costs a renderer as much as a sentence)
# Paragraphs, list items, quotes, headings, figures and table cells, from every field together: a PDF
# costs ~2.5 ms a block (a table cell ~5 ms) whatever its length. The seed source has 43.
MAX_BLOCKS = 2_000

# --- Markdown fields
# Lists in quotes in lists, emphasis in links in emphasis: readers need 2 or 3. (markdown-it stops
# parsing silently at 20 token levels, 10 lists deep: this is below that, and an error.)
MAX_MARKDOWN_NESTING = 8
MAX_URL_CHARS = 2_000  # WeasyPrint's link annotation time grows with the square of a URL's length
MAX_URL_CHARS_PER_SOURCE = 40_000  # all links together: 95 links of 2,000 characters took 18 s, 19 take 5 s
MAX_CANONICAL_URL_BYTES = 1_000  # printed as a QR code (level M holds 2,331 bytes; one this long is hard to scan)

# --- tables (YAML `table:` blocks); WeasyPrint's table layout is the slowest thing a source can ask for
MAX_TABLE_COLUMNS = 12
MAX_TABLE_CELLS = 1_000  # headers and rows of all tables of a source together (~5 ms a cell in a PDF)

# --- dates: a zip file (DOCX, EPUB) stores years 1980-2107; before 1980 is clamped to 1980
MIN_YEAR = 1900
MAX_YEAR = 2100

# --- images
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_SIDE = 10_000  # pixels
# A letter page at 300 dpi is 2,550 x 3,300 (8.4 million); WeasyPrint re-encodes every pixel of
# a PNG for each PDF, ~0.3 s a million.
MAX_IMAGE_PIXELS = 16_000_000
MAX_IMAGE_PIXELS_PER_SOURCE = 32_000_000
MAX_IMAGES_PER_SOURCE = 100
MAX_IMAGE_BYTES_PER_SOURCE = 50 * 1024 * 1024  # HTML and EPUB embed each image; every worker holds them
MAX_SVG_ELEMENTS = 20_000  # after expanding every <use>: what a renderer would really draw

# --- archives read by a build or a check (reference DOCX, EPUB, DOCX): from the zip directory, before reading
MAX_ZIP_MEMBERS = 10_000
MAX_ZIP_MEMBER_BYTES = 256 * 1024 * 1024  # one member, uncompressed
MAX_ZIP_TOTAL_BYTES = 1024 * 1024 * 1024  # all members, uncompressed
MAX_ZIP_RATIO = 500  # uncompressed / compressed of a member over 1 MB; our XML deflates ~10x, bombs ~1,000x
MAX_XML_MEMBER_BYTES = 32 * 1024 * 1024  # a member parsed as XML (a parsed tree takes several times its size)
