"""The live preview's bookkeeping: which language a request is for, the build order, publishing
a staged build, and a cancelled round (site/preview.py), without MkDocs."""

from __future__ import annotations

import threading
from pathlib import Path

import jinja2
import pytest

from crosscheck.site.preview import (
    BuildCancelled,
    CompiledTemplates,
    Preview,
    Round,
    language_of,
    publish,
    staging_dir,
)

LANGS = ("en", "fa", "ar")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "en"),
        ("/index.html", "en"),
        ("/figure-x.html", "en"),
        ("/fa/", "fa"),
        ("/fa/figure-x.html", "fa"),
        ("/ar/index.html", "ar"),
        ("/fa.html", "en"),
        ("/zh-Hans/figure-x.html", "en"),  # not a language of this build
        ("/fa/charts/x.svg", None),
        ("/assets/crosscheck.css", None),
        ("/livereload/1234/5", None),
    ],
)
def test_language_of_a_request(path: str, expected: str | None) -> None:
    assert language_of(path, LANGS) == expected


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def test_publishing_english_keeps_the_other_languages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site, {"index.html": "old en", "fa/index.html": "old fa", "ar/index.html": "old ar"})
    staged = staging_dir(site, "en")
    write(staged, {"index.html": "new en"})
    publish(site, "en", staged, LANGS)
    assert (site / "index.html").read_text() == "new en"
    assert (site / "fa" / "index.html").read_text() == "old fa"
    assert (site / "ar" / "index.html").read_text() == "old ar"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_publishing_a_language_replaces_only_its_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site, {"index.html": "en", "fa/index.html": "old fa", "fa/gone.html": "stale"})
    staged = staging_dir(site, "fa")
    write(staged, {"index.html": "new fa"})
    publish(site, "fa", staged, LANGS)
    assert (site / "fa" / "index.html").read_text() == "new fa"
    assert not (site / "fa" / "gone.html").exists()
    assert (site / "index.html").read_text() == "en"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


class Recorder:
    """A stand-in language build: writes the language's page with the round's text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.built: list[str] = []
        self.release = threading.Event()
        self.release.set()

    def __call__(self, code: str, shared: object, round_: Round, folder: Path) -> object:
        self.built.append(code)
        if code != self.built[0]:  # background builds wait until the test lets them go
            self.release.wait(10)
        round_.raise_if_cancelled()
        write(folder, {"index.html": f"{code} {self.text}"})
        return object()


def test_the_viewed_language_is_built_first_and_published_before_the_builder_returns(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    write(site, {"index.html": "en old", "fa/index.html": "fa old", "ar/index.html": "ar old"})
    builder = Recorder("new")
    builder.release.clear()
    published: list[str] = []
    preview = Preview(site, LANGS, builder, on_published=published.append)
    preview.saw_request("/ar/figure-x.html")
    preview()
    assert (site / "ar" / "index.html").read_text() == "ar new"
    assert (site / "fa" / "index.html").read_text() == "fa old"  # not yet rebuilt
    builder.release.set()
    preview.wait()
    assert builder.built == ["ar", "en", "fa"]
    assert published == ["en", "fa"]
    assert {(site / p).read_text() for p in ("index.html", "fa/index.html")} == {"en new", "fa new"}


def test_a_new_save_cancels_the_background_builds(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site, {"index.html": "en 0", "fa/index.html": "fa 0", "ar/index.html": "ar 0"})
    builder = Recorder("1")
    builder.release.clear()
    preview = Preview(site, LANGS, builder)
    preview()  # round 1: English now, fa and ar held in the background
    builder.text = "2"
    threading.Timer(0.2, builder.release.set).start()
    preview()  # round 2 cancels round 1's background builds and starts again
    preview.wait()
    assert [(site / p).read_text() for p in ("index.html", "fa/index.html", "ar/index.html")] == [
        "en 2",
        "fa 2",
        "ar 2",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_cancelled_round_raises() -> None:
    round_ = Round()
    round_.raise_if_cancelled()
    round_.cancelled.set()
    with pytest.raises(BuildCancelled):
        round_.raise_if_cancelled()


def test_compiled_templates_follow_their_source(tmp_path: Path) -> None:
    cache = CompiledTemplates()
    (tmp_path / "page.html").write_text("one {{ x }}", encoding="utf-8")

    def render() -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache)
        return env.get_template("page.html").render(x=1)

    assert render() == "one 1"
    assert render() == "one 1"
    (tmp_path / "page.html").write_text("two {{ x }}", encoding="utf-8")
    assert render() == "two 1"  # an edited template is compiled again, never served stale


def test_browsers_reload_when_a_background_language_lands_but_not_mid_build() -> None:
    from types import SimpleNamespace

    from crosscheck.site.preview import reload_browsers

    idle = SimpleNamespace(_epoch_cond=threading.Condition(), _visible_epoch=5, _wanted_epoch=5)
    reload_browsers(idle)
    assert idle._visible_epoch == idle._wanted_epoch > 5
    building = SimpleNamespace(_epoch_cond=threading.Condition(), _visible_epoch=5, _wanted_epoch=9)
    reload_browsers(building)  # MkDocs' own build is running: its end reloads the browsers
    assert (building._visible_epoch, building._wanted_epoch) == (5, 9)


def test_the_viewed_language_is_read_below_the_site_path(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from crosscheck.site.preview import install

    class Server:
        mount_path = "/crosscheck/"

        def __init__(self) -> None:
            self.app = lambda environ, start_response: [b""]

        def get_app(self) -> object:
            return self.app

        def set_app(self, app: object) -> None:
            self.app = app

    server = Server()
    config = SimpleNamespace(config_file_path="mkdocs.yml", site_url="http://x/", strict=True)
    preview = install(server, config, tmp_path / "site", LANGS)
    assert server.builder is preview  # type: ignore[attr-defined]
    server.app({"PATH_INFO": "/crosscheck/ar/figure-x.html"}, None)
    assert preview.viewed == "ar"
    server.app({"PATH_INFO": "/crosscheck/figure-x.html"}, None)
    assert preview.viewed == "en"


def test_content_memo_computes_again_when_a_file_changes(tmp_path: Path) -> None:
    from crosscheck.site.preview import ContentMemo

    memo = ContentMemo()
    source = tmp_path / "en.yml"
    source.write_text("a: 1", encoding="utf-8")
    calls: list[str] = []

    def compute() -> str:
        calls.append(source.read_text(encoding="utf-8"))
        return calls[-1]

    assert memo.get("strings", [source], compute) == "a: 1"
    assert memo.get("strings", [source], compute) == "a: 1"
    assert len(calls) == 1
    source.write_text("a: 2", encoding="utf-8")
    assert memo.get("strings", [source], compute) == "a: 2"
    (tmp_path / "fa.yml").write_text("a: 3", encoding="utf-8")  # a new file is a change too
    memo.get("strings", tmp_path.glob("*.yml"), compute)
    assert len(calls) == 3
