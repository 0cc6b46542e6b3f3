"""Narrated EPUB and MP3: validators, SMIL coverage, durations, voices by span language, chapters,
the lexicon's effect on the phonemes, determinism, and a missing engine; rules fail on mutations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.check.mp3 import check_mp3
from publisher.check.narrated import check_narrated
from publisher.check.result import Selection, Status
from publisher.document import model as m
from publisher.render import RenderOptions, renderer
from publisher.render.audio import config, espeak, narration
from publisher.render.audio.engine import engine
from publisher.render.layout import DEFAULT_ROOT, Layout
from publisher.validators import ace, epubcheck
from tests.check.check_mutate import edit_member, read_member

ROOT = Path(__file__).resolve().parents[3]
SEEDS = {"en": ROOT / "source/leiomyosarcoma.yaml", "es": ROOT / "source/leiomyosarcoma.es.yaml"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[m.Document, Path, Path]]:
    out = tmp_path_factory.mktemp("audio")
    made = {}
    for lang, source in SEEDS.items():
        doc = load(source, BuildPlan(out))
        epub, mp3 = out / f"{lang}.narrated.epub", out / f"{lang}.mp3"
        epub.write_bytes(renderer("narrated-epub")(doc, Layout(), RenderOptions()))
        mp3.write_bytes(renderer("mp3")(doc, Layout(), RenderOptions()))
        made[lang] = (doc, epub, mp3)
    return made


def statuses(results: list) -> dict[str, tuple[Status, str]]:  # type: ignore[type-arg]
    return {r.rule: (r.status, r.message) for r in results}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_narrated_rules_pass(built: dict, lang: str) -> None:  # type: ignore[type-arg]
    _doc, epub, _mp3 = built[lang]
    got = statuses(check_narrated(epub, Selection(), ci=True))
    assert set(got) == {"narrated.smil-coverage", "narrated.durations", "narrated.span-voices"}
    assert all(s is Status.PASS for s, _ in got.values()), got


@pytest.mark.parametrize("lang", ["en", "es"])
def test_mp3_rules_pass(built: dict, lang: str) -> None:  # type: ignore[type-arg]
    doc, _epub, mp3 = built[lang]
    got = statuses(check_mp3(mp3, Selection(), lambda: doc))
    assert all(s is Status.PASS for s, _ in got.values()), got


@pytest.mark.validator
@pytest.mark.parametrize("lang", ["en", "es"])
def test_epubcheck_and_ace_find_nothing(built: dict, lang: str) -> None:  # type: ignore[type-arg]
    _doc, epub, _mp3 = built[lang]
    check = epubcheck.check(epub)
    assert check.ok and not [f for f in check.findings if f.severity == "warning"], check.findings
    assert ace.check(epub).ok


def test_accessibility_metadata_says_auditory_and_synchronised(built: dict) -> None:  # type: ignore[type-arg]
    opf = read_member(built["en"][1], "EPUB/content.opf")
    assert '<meta property="schema:accessMode">auditory</meta>' in opf
    assert '<meta property="schema:accessibilityFeature">synchronizedAudioText</meta>' in opf
    assert 'property="media:duration" refines="#overlay"' in opf and 'media-overlay="overlay"' in opf


def test_the_spanish_seeds_english_titles_are_spoken_in_english(built: dict) -> None:  # type: ignore[type-arg]
    from publisher.render.audio import script
    from publisher.render.epub import book

    doc = built["es"][0]
    _x, chapters = script.read(book(doc, Layout()).spine[0].data, "Figura")
    english = [e for c in chapters for e in c.elements if any(lang == "en" for _t, lang in e.runs)]
    titles = [r.title for r in doc.references if r.language == "en"]
    assert titles and all(any(t in e.text for e in english) for t in titles)
    voice = engine(config.settings(DEFAULT_ROOT / "audio"))
    assert voice.voice("en") == "en-us" and voice.voice("es") == "es-419"  # type: ignore[attr-defined]


def test_span_voice_rule_fails_when_spans_are_read_by_the_documents_voice(
        built: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    layouts = tmp_path / "layouts"
    shutil.copytree(DEFAULT_ROOT, layouts)
    toml = layouts / "audio/audio.toml"
    toml.write_text(toml.read_text().replace('en = "en-us"', 'en = "es-419"'))
    doc = built["es"][0]
    epub = tmp_path / "wrong.narrated.epub"
    epub.write_bytes(renderer("narrated-epub")(doc, Layout(layouts), RenderOptions()))
    assert statuses(check_narrated(epub, Selection(), ci=True))["narrated.span-voices"][0] is Status.FAIL


def test_coverage_and_duration_rules_fail_on_mutations(built: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    good = built["en"][1]
    dropped = shutil.copy(good, tmp_path / "a.narrated.epub")
    edit_member(Path(dropped), "EPUB/content.smil", lambda s: s.replace('<par id="par-n2">', '<par id="par-x">', 1)
                .replace('src="content.xhtml#n2"', 'src="content.xhtml#n1"', 1))
    assert statuses(check_narrated(Path(dropped), Selection(), True))["narrated.smil-coverage"][0] is Status.FAIL
    longer = shutil.copy(good, tmp_path / "b.narrated.epub")
    edit_member(Path(longer), "EPUB/content.opf",
                lambda s: s.replace('refines="#overlay">0:0', 'refines="#overlay">1:0', 1))
    assert statuses(check_narrated(Path(longer), Selection(), True))["narrated.durations"][0] is Status.FAIL


def test_chapter_rules_fail_on_mutations(built: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    from mutagen.id3 import ID3

    doc, _epub, good = built["en"]
    path = Path(shutil.copy(good, tmp_path / "x.mp3"))
    tags = ID3(path)
    first = next(c for c in tags.getall("CHAP") if c.element_id == "chp2")
    first.sub_frames["TIT2"].text = ["Something else"]
    first.end_time += 5000
    tags.save(path)
    got = statuses(check_mp3(path, Selection(), lambda: doc))
    assert got["mp3.chapters"][0] is Status.FAIL and got["mp3.duration"][0] is Status.FAIL


def test_chapters_are_the_outline(built: dict) -> None:  # type: ignore[type-arg]
    from mutagen.mp3 import MP3

    doc, _epub, mp3 = built["en"]
    tags = MP3(mp3).tags
    chapters = {c.element_id: c for c in tags.getall("CHAP")}
    order = tags.getall("CTOC")[0].child_element_ids
    titles = [chapters[element].sub_frames["TIT2"].text[0] for element in order]
    assert titles == [e.title for e in m.outline(doc)]
    ends = [chapters[element].end_time for element in order]
    assert abs(ends[-1] / 1000 - MP3(mp3).info.length) < 1


def test_the_lexicon_changes_the_phonemes() -> None:
    settings = config.settings(DEFAULT_ROOT / "audio")
    sentence = [("Leiomyosarcoma is a rare cancer.", "en")]

    def both() -> tuple[str, str]:
        voice = engine(settings)
        with_lexicon = voice.phonemes(sentence)  # type: ignore[attr-defined]
        voice.lexicons = ()  # type: ignore[attr-defined]
        return with_lexicon, voice.phonemes(sentence)  # type: ignore[attr-defined]

    engine(settings)
    with_lexicon, without = narration.in_fresh_process(both)
    assert with_lexicon != without
    # espeak-ng alone says "lay-uh-mi-o-sarcoma" (l ,eI @ m I2 ...); the lexicon gives l ,aI oU m ,aI oU s A@ k 'oU m @
    assert with_lexicon.startswith("l ,aI oU m ,aI oU") and not without.startswith("l ,aI")


def test_same_document_same_audio_bytes(built: dict) -> None:  # type: ignore[type-arg]
    doc, epub, mp3 = built["es"]
    narration._last.clear()
    assert renderer("mp3")(doc, Layout(), RenderOptions()) == mp3.read_bytes()
    narration._last.clear()
    assert renderer("narrated-epub")(doc, Layout(), RenderOptions()) == epub.read_bytes()


def test_missing_espeak_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def no_espeak(name: str, *args: object, **kwargs: object) -> object:
        if name == "espeakng_loader":
            raise ImportError(name)
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_espeak)
    espeak._library.cache_clear()
    try:
        with pytest.raises(Exception, match=r"pip install -r requirements/run\.txt") as caught:
            engine(config.settings(DEFAULT_ROOT / "audio"))
    finally:
        monkeypatch.undo()
        espeak._library.cache_clear()
    assert type(caught.value).__name__ == "RenderError"


def test_recorded_audio_replaces_the_voice(built: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    import wave

    from publisher.errors import RenderError
    from publisher.render.audio import script
    from publisher.render.audio.engine import Recorded
    from publisher.render.epub import book

    layouts = tmp_path / "layouts"
    shutil.copytree(DEFAULT_ROOT, layouts)
    toml = layouts / "audio/audio.toml"
    toml.write_text(toml.read_text().replace('engine = "espeak-ng"', 'engine = "recorded"'))
    doc = built["en"][0]
    with pytest.raises(RenderError, match="no recording of"):
        renderer("narrated-epub")(doc, Layout(layouts), RenderOptions())
    (layouts / "audio/recordings").mkdir()
    _x, chapters = script.read(book(doc, Layout(layouts)).spine[0].data, "Figure")
    for element in (e for c in chapters for e in c.elements):
        with wave.open(str(layouts / f"audio/recordings/{Recorded.key(list(element.runs))}.wav"), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(22050)
            wav.writeframes(b"\x00\x01" * 22050)  # one second each
    epub = tmp_path / "recorded.narrated.epub"
    epub.write_bytes(renderer("narrated-epub")(doc, Layout(layouts), RenderOptions()))
    got = statuses(check_narrated(epub, Selection(), ci=True))
    assert got["narrated.smil-coverage"][0] is Status.PASS and got["narrated.durations"][0] is Status.PASS
    elements = sum(len(c.elements) for c in chapters)
    opf = read_member(epub, "EPUB/content.opf")
    declared = opf.split('<meta property="media:duration">')[1].split("<")[0]
    seconds = int(declared.split(":")[1]) * 60 + float(declared.split(":")[2])
    spoken = elements * 1.0 + sum(0.5 if e.kind == "heading" else 0.3 for c in chapters for e in c.elements)
    # each chapter's MP3 adds the codec's delay and pads to whole frames: under 0.1 s a chapter
    assert spoken <= seconds < spoken + 0.1 * len(chapters)
