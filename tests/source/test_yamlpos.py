"""Raw-text checks and the YAML loader: what is refused, and where it is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.errors import SourceError
from publisher.source.yamlpos import MAX_SOURCE_BYTES, load_yaml, position, read_text, text_start


def _error(exc: pytest.ExceptionInfo[SourceError]) -> str:
    return str(exc.value.diagnostics[0])


def _load_error(text: str) -> str:
    with pytest.raises(SourceError) as exc:
        load_yaml(text, "f.yaml")
    return _error(exc)


def _read_error(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "f.yaml"
    path.write_bytes(data)
    with pytest.raises(SourceError) as exc:
        read_text(path)
    return _error(exc)


def test_positions_are_one_based_and_point_at_values() -> None:
    tree = load_yaml("title: A\nsections:\n  - title: B\n    body: |\n      text\n", "f.yaml")
    assert position(tree, ("title",)) == (1, 8)
    assert position(tree, ("sections", 0, "title")) == (3, 12)
    assert position(tree, ("sections", 0, "title"), key_itself=True) == (3, 5)
    assert position(tree, ("sections", 0, "missing")) == (3, 5)  # the mapping that lacks it
    assert text_start(tree, ("sections", 0, "body")) == (5, 11)  # block scalars start a line below


def test_dates_stay_text_so_the_schema_reports_them() -> None:
    tree = load_yaml("a: 2024-13-45\nb: 2024-01-02\n", "f.yaml")
    assert tree["a"] == "2024-13-45"  # ruamel would raise ValueError without a position
    assert tree["b"] == "2024-01-02"


@pytest.mark.parametrize(("text", "expected"), [
    ("a: &x [1, 2]\nb: *x\n", "f.yaml:1:4: YAML anchors and aliases"),
    ("a: !!binary AAEC\n", "f.yaml:1:4: YAML tag 'tag:yaml.org,2002:binary' is not supported"),
    ("a: !python/object:os.system x\n", "is not supported"),
    ('a: "x\\x07y"\n', "f.yaml:1:4: control character U+0007 (written as an escape)"),
    ('a: ["ok", "\\u202Ex"]\n', "f.yaml:1:11: bidirectional override character U+202E"),
    ("a: b\na: c\n", "f.yaml:2:1: invalid YAML: duplicate key"),
    ('a: "open\n', "f.yaml:1:4: invalid YAML: a quoted scalar that never ends"),
    ("a: 1\n---\na: 2\n", "f.yaml:2:1: invalid YAML: a second YAML document"),
    ("a: " + "[" * 50 + "]" * 50 + "\n", "nested more than 40 levels deep"),
])
def test_refused_yaml(text: str, expected: str) -> None:
    assert expected in _load_error(text)


def test_folded_scalars_are_not_mistaken_for_control_characters() -> None:
    # ruamel marks folds inside '>' scalars with U+0007; only escapes in "..." are checked.
    tree = load_yaml("a: >-\n  one\n  two\n", "f.yaml")
    assert str(tree["a"]).replace("\a", "") in ("one two", "onetwo")


@pytest.mark.parametrize(("data", "expected"), [
    (b"a: caf\xe9\n", "f.yaml:1:7: invalid UTF-8 byte 0xe9"),
    ("a: ééé\n".encode() + b"\xff", "f.yaml:2:1: invalid UTF-8 byte 0xff"),
    ("a: ééé \xff".encode().replace(b"\xc3\xbf", b"\xff"), "f.yaml:1:8: invalid UTF-8 byte 0xff"),
    (b"\xef\xbb\xbfa: b\n", "f.yaml:1:1: file starts with a UTF-8 byte order mark"),
    (b"", "f.yaml:1:1: file is empty"),
    (b" \n\t\n", "f.yaml:1:1: file is empty"),
    (b"a: b\nc: d\x1be\n", "f.yaml:2:5: control character U+001B"),
    (b"a: b\x7f\n", "f.yaml:1:5: control character U+007F"),
    ("a: \u0085\n".encode(), "f.yaml:1:4: control character U+0085"),
    ("a: x\u2067y\n".encode(), "f.yaml:1:5: bidirectional override character U+2067 (RIGHT-TO-LEFT ISOLATE)"),
    ("a: \uffff\n".encode(), "f.yaml:1:4: control character U+FFFF"),
])
def test_refused_text(tmp_path: Path, data: bytes, expected: str) -> None:
    assert _read_error(tmp_path, data).replace(str(tmp_path) + "/", "").startswith(expected)


def test_allowed_text(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    text = "a: tab\there, CRLF\r\nb: العربية עברית 中文 😀 \u200f\u200e\u00ad\n"  # marks, soft hyphen are fine
    path.write_bytes(text.encode())
    assert read_text(path) == text.replace("\r\n", "\n")  # line ends are made LF: one way to count lines


@pytest.mark.parametrize("ends", ["\n", "\r\n", "\r"])
def test_line_ends_count_the_same_lines(tmp_path: Path, ends: str) -> None:
    """CR-only (old Mac) and CRLF files: YAML, Markdown and the raw-text checks agree on the line."""
    data = ends.join(["a: 1", "b: 2", "c: bell \x07 here", "d: caf\xe9", ""]).encode()
    assert _read_error(tmp_path, data).endswith("f.yaml:3:9: control character U+0007 — "
                                                "delete it; it is invisible and invalid in XML")
    assert "f.yaml:4:7: invalid UTF-8 byte 0xe9" in _read_error(tmp_path, data.replace(b"\xc3\xa9", b"\xe9"))


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_SOURCE_BYTES + 1))
    with pytest.raises(SourceError) as exc:
        read_text(path)
    assert "the limit is 2,097,152" in _error(exc)
    path.write_bytes(b"a: b\n" + b"#" * (MAX_SOURCE_BYTES - 5))
    assert read_text(path).startswith("a: b")  # exactly the limit is fine


def test_directory_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as exc:
        read_text(tmp_path)
    assert "is a directory" in _error(exc)
    with pytest.raises(SourceError) as exc:
        read_text(tmp_path / "nope.yaml")
    assert "no such file" in _error(exc)
