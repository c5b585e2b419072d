"""The MkDocs plugin that turns the fact base into the six-language site.

``mkdocs build`` builds English at the site root, then one complete build per other language
into ``site/<lang>/`` (each with its own search index, ``lang``/``dir``, 404 page and sitemap,
so search returns only pages of the reader's language). Every build:

1. checks the fact base (any problem stops the build, printed compiler-style);
2. adds the generated pages (figures, sources), charts, data downloads and archived texts;
3. renders the fact macros (``{{ fact("…") }}``) in hand-written Markdown under docs/<lang>/;
4. gives every page absolute hreflang alternates and a language switcher to the same page.
"""

from __future__ import annotations

import atexit
import difflib
import html
import os
import posixpath
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from crosscheck.chartspecs import check_chart_specs
from crosscheck.models import LANGUAGES
from crosscheck.pipeline import CheckResult, run_check
from crosscheck.problems import InternalError, Location, Problem, render_text
from crosscheck.site.context import SiteContext, SiteError, load_strings, relative_url
from crosscheck.site.escape import InertHtmlExtension, has_token_delimiters
from crosscheck.site.locale import SITE_LANGUAGES
from crosscheck.site.preview import Round

log = get_plugin_logger(__name__)


def clean_up_site(final: Path) -> None:
    """Remove a half-built <site>.partial/; if the swap itself was interrupted (site/ moved
    aside, the new one not yet in place), put the previous site back."""
    shutil.rmtree(final.with_name(final.name + ".partial"), ignore_errors=True)
    previous = final.with_name(final.name + ".previous")
    if previous.exists() and not final.exists():
        previous.rename(final)
    shutil.rmtree(previous, ignore_errors=True)


def check_key_date_figure(config_file: Path, figure_id: str, result: CheckResult) -> Problem | None:
    """mkdocs.yml's key_date_figure must name a date figure of the fact base (located at the
    option's line in mkdocs.yml)."""
    if not figure_id:
        return None
    located = result.base.figures.get(figure_id)
    if located is not None and located.record.unit == "date":
        return None
    line, column = 1, 1
    try:
        for number, text in enumerate(config_file.read_text(encoding="utf-8").splitlines(), 1):
            if text.lstrip().startswith("key_date_figure:"):
                line, column = number, text.index(":") + 3
                break
    except OSError:
        pass
    where = Location(config_file.name, line, column)
    if located is None:
        dates = [f for f, loc in result.base.figures.items() if loc.record.unit == "date"]
        close = difflib.get_close_matches(figure_id, dates, n=1, cutoff=0.6)
        return Problem(
            where,
            "dangling-reference",
            f"key_date_figure names no figure with id '{figure_id}'",
            "the id of a figure of the fact base whose unit is 'date'",
            f"did you mean '{close[0]}'?" if close else "add the figure or fix the id",
        )
    return Problem(
        where,
        "unit-mismatch",
        f"key_date_figure '{figure_id}' is not a date (its unit is '{located.record.unit}')",
        "the id of a figure whose unit is 'date'",
        "name the figure of the story's key day",
    )


def project_languages(root: Path, languages: tuple[str, ...], only: str) -> tuple[str, ...]:
    """The languages to build: the fact base's (English and one per catalog), or English and
    ``only``. A docs/<lang>/ folder without its catalog, or the reverse, is refused: deleting a
    catalog must not silently drop a language from the site."""
    for code in LANGUAGES[1:]:
        has_docs = (root / "docs" / code).is_dir()
        if has_docs and code not in languages:
            raise PluginError(
                f"docs/{code}/ exists, but facts/translations/{code}.yml does not: create the "
                f"catalog (crosscheck translations {code} --write) or remove docs/{code}/"
            )
        if code in languages and not has_docs:
            raise PluginError(
                f"facts/translations/{code}.yml exists, but docs/{code}/ does not: write the "
                f"{code} pages (every page of docs/en/) or remove the catalog"
            )
    if only and only not in languages:
        raise PluginError(
            f"crosscheck: CROSSCHECK_ONLY_LANGUAGE={only} is not a language of this project "
            f"({', '.join(languages[1:]) or 'English only'})"
        )
    return languages if not only else ("en", only)


class CrosscheckConfig(Config):
    language = c.Type(str, default="en")
    facts_dir = c.Type(str, default="facts")
    build_dir = c.Type(str, default="build")
    only = c.Type(str, default="")
    """Build only English plus this language (e.g. 'fa') while working; empty builds all."""
    key_date_figure = c.Type(str, default="")
    """The id of the date figure the story is about: its day fills {date} in the interface
    strings (the site description, topic names, chart titles). Empty: no string may use it."""
    dump_dir = c.Type(str, default="")
    """For the benchmark: also write every page's final Markdown and generated file here, so a
    plain MkDocs build of the same pages can be timed (the floor)."""


@dataclass
class SharedState:
    """What the language builds of one `mkdocs build` share: checked once, used six times."""

    root: Path
    result: CheckResult
    strings: dict[str, dict[str, Any]]
    base_site_url: str
    charts: Any = None
    downloads: dict[str, bytes] | None = None
    """The open-data files, the same in every language: made once."""
    generated: dict[str, set[str]] = field(default_factory=dict)
    """Per language, the src URIs of generated pages (no macro rendering for those)."""
    cards: dict[str, Any] = field(default_factory=dict)
    """Per language, the share cards by src URI (crosscheck.site.share)."""


class CrosscheckPlugin(BasePlugin[CrosscheckConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.shared: SharedState | None = None
        self.ctx: SiteContext | None = None
        self.final_site_dir: str | None = None
        self.preview_round: Round | None = None
        """Set by the live preview (site/preview.py): this build is one language of a round; the
        preview stages and publishes it, and builds the other languages itself."""

    # -- configuration ------------------------------------------------------------------------

    @property
    def code(self) -> str:
        return self.config.language

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        code = self.code
        if code not in SITE_LANGUAGES:
            raise PluginError(f"crosscheck: unknown language '{code}'")
        root = Path(config.config_file_path or ".").resolve().parent
        if self.shared is None:
            self.shared = self._prepare(root, config)
        language = SITE_LANGUAGES[code]
        if code == "en" and self.preview_round is None:
            # Build into a sibling folder and swap it in at the end: a failing build leaves the
            # previous site as it was.
            self.final_site_dir = config.site_dir
            config.site_dir = config.site_dir.rstrip("/\\") + ".partial"
            shutil.rmtree(config.site_dir, ignore_errors=True)
            # Ctrl-C raises KeyboardInterrupt, which is not an Exception: MkDocs calls no
            # on_build_error for it. The process still exits through atexit, so the half-built
            # folder goes then. (An on_shutdown hook would do it too, but MkDocs caches plugins
            # that define one and hands the same instance to every language build.)
            atexit.register(clean_up_site, Path(self.final_site_dir))
        config.theme["language"] = language.theme
        # Macro output and escaped text travel through Markdown as opaque tokens (escape.py).
        config.markdown_extensions.append(InertHtmlExtension())
        config.docs_dir = str(root / "docs" / code)
        config.site_url = self.shared.base_site_url + ("" if code == "en" else f"{code}/")
        # Search: one index per language build; CJK separators come from the theme language, and
        # Chinese is segmented by jieba with the project's own words (英伟达, 星际之门, …) so that a
        # reader's query matches whole names.
        search = config.plugins.get("material/search")
        words = root / self.config.build_dir / "search" / "jieba-user.txt"
        if search is not None and code in ("zh-Hans", "zh-Hant") and words.is_file():
            search.config["jieba_dict_user"] = str(words)
        config.extra["alternate"] = [
            {
                "name": self.ctx_name(other),
                "link": self.shared.base_site_url + ("" if other == "en" else f"{other}/"),
                "lang": self.language_tag(other),
            }
            for other in self.shared.result.catalogs.languages
        ]
        self.ctx = SiteContext.create(
            self.shared.result, code, self.shared.strings, self.config.key_date_figure
        )
        from crosscheck.site.build import site_description

        try:
            config.site_description = site_description(self.ctx)
        except SiteError as error:
            raise PluginError(f"crosscheck: build/i18n/{code}.yml: {error}") from error
        return config

    def language_tag(self, code: str) -> str:
        """The BCP 47 tag a language's pages declare (lang, hreflang): its strings' language_tag,
        which can be narrower than the URL folder (zh-Hant is Taiwan usage: zh-Hant-TW)."""
        assert self.shared is not None
        return str(self.shared.strings.get(code, {}).get("language_tag") or code)

    def ctx_name(self, code: str) -> str:
        """A language's own name (its endonym), from its strings, else from CLDR."""
        assert self.shared is not None
        if code in self.shared.strings:
            return str(self.shared.strings[code]["language_name"])
        from babel import Locale

        return str(Locale.parse(SITE_LANGUAGES[code].babel).display_name)

    def _prepare(self, root: Path, config: MkDocsConfig) -> SharedState:
        facts = root / self.config.facts_dir
        try:
            result = run_check(facts)
        except InternalError as error:  # a bug, not bad facts: say so and where
            raise PluginError(f"crosscheck: internal error while {error}") from error
        # Chart specs are checked with the facts, before any page is built.
        problems = result.problems + check_chart_specs(
            root / self.config.build_dir / "charts", result.base, result.reconciliation
        )
        if any(p.severity == "error" for p in problems):
            raise PluginError(
                "the fact base has problems; fix them first (crosscheck check):\n"
                + render_text(problems)
            )
        key_date_problem = check_key_date_figure(
            Path(config.config_file_path or "mkdocs.yml"), self.config.key_date_figure, result
        )
        if key_date_problem is not None:
            raise PluginError(render_text([key_date_problem]))
        languages = project_languages(root, result.catalogs.languages, self.config.only)
        try:
            strings_dir = root / self.config.build_dir
            memo = self.preview_round.memo if self.preview_round else None
            if memo is None:
                strings = load_strings(strings_dir, languages)
            else:  # the live preview parses them again only when their bytes change
                strings = memo.get(
                    f"strings {languages}",
                    (strings_dir / "i18n").glob("*.yml"),
                    lambda: load_strings(strings_dir, languages),
                )
        except SiteError as error:
            raise PluginError(str(error)) from error
        site_url = config.site_url or "https://crosscheck.example.org/"
        if not site_url.endswith("/"):
            site_url += "/"
        return SharedState(root=root, result=result, strings=strings, base_site_url=site_url)

    # -- files ----------------------------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        from crosscheck.site.build import site_files, without_sitemap_fetches

        assert self.shared is not None and self.ctx is not None
        try:
            templates = self.preview_round.templates if self.preview_round else None
            generated = site_files(self.ctx, self.shared, self.config.build_dir, templates)
            bundles = [
                f
                for f in files
                if f.src_uri.startswith("assets/javascripts/bundle.") and f.src_uri.endswith(".js")
            ]
            if len(bundles) != 1:
                raise SiteError(f"expected one Material bundle, found {len(bundles)}")
            bundle = bundles[0]
            patched = without_sitemap_fetches(bundle.content_string)
        except SiteError as error:
            raise PluginError(f"crosscheck ({self.code}): {error}") from error
        files.remove(bundle)
        files.append(File.generated(config, bundle.src_uri, content=patched))
        try:
            from crosscheck.site.searchnorm import fold_search, load_folding

            folds = self.shared.root / self.config.build_dir / "search" / "normalise.yml"
            fold_search(files, config, load_folding(folds))
        except SiteError as error:
            raise PluginError(f"crosscheck ({self.code}): {error}") from error
        uris: set[str] = set()
        for src_uri, content in generated.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                raise PluginError(
                    f"docs/{self.code}/{src_uri} would be overwritten by a generated file"
                )
            files.append(File.generated(config, src_uri, content=content))
            uris.add(src_uri)
            if not src_uri.endswith(".md"):
                self._dump(src_uri, content)
        self.shared.generated[self.code] = uris
        return files

    # -- pages ----------------------------------------------------------------------------------

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        if self.preview_round is not None:
            self.preview_round.raise_if_cancelled()  # before the pages, as between two pages
            if self.preview_round.templates is not None:
                env.bytecode_cache = self.preview_round.templates  # compiled once per source
        return env

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        if self.preview_round is not None:  # a newer save stops this build between two pages
            self.preview_round.raise_if_cancelled()
        return page

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        from crosscheck.site.macros import render_macros

        assert self.shared is not None and self.ctx is not None
        if page.file.src_uri not in self.shared.generated.get(self.code, set()):
            try:
                charts = (self.shared.charts or {}).get(self.code, {})
                markdown = render_macros(markdown, self.ctx, page.url, page.file.src_uri, charts)
            except SiteError as error:
                raise PluginError(f"docs/{self.code}/{page.file.src_uri}: {error}") from error
        self._dump(page.file.src_uri, markdown)
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Every token must have been restored by InertHtmlExtension; one left over would mean
        # a page was rendered without it (its text would show as hex digits).
        if has_token_delimiters(html):
            raise PluginError(f"docs/{self.code}/{page.file.src_uri}: unrestored macro output")
        return html

    def _dump(self, src_uri: str, content: str | bytes) -> None:
        if not self.config.dump_dir:
            return
        target = Path(self.config.dump_dir) / self.code / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)

    def on_page_context(
        self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any]:
        """Alternates for this very page: absolute for hreflang, relative for the switcher."""
        assert self.shared is not None
        here = self.ctx.prefix + page.url if self.ctx else page.url
        alternates = []
        for other in self.shared.result.catalogs.languages:
            prefix = "" if other == "en" else f"{other}/"
            target = prefix + page.url
            alternates.append(
                {
                    "lang": self.language_tag(other),
                    "name": self.ctx_name(other),
                    "absolute": self.shared.base_site_url + target,
                    "relative": relative_url(target, here) or "./",
                    "current": other == self.code,
                }
            )
        context["cc_alternates"] = alternates
        self._share_tags(page)
        return context

    def _share_tags(self, page: Page) -> None:
        """Open Graph and Twitter-card tags (build/overrides/partials/share.html prints them)."""
        from crosscheck.site.feeds import feed_links
        from crosscheck.site.share import share_tags

        assert self.shared is not None and self.ctx is not None
        meta = page.meta
        meta["cc_feeds"] = feed_links(self.ctx, page.url)
        meta["cc_share"] = share_tags(
            self.ctx,
            self.shared.cards[self.code],
            page.file.src_uri,
            page.url,
            str(meta.get("title") or page.title or ""),
            str(meta.get("description") or ""),
            page.content or "",
            self.shared.base_site_url,
        )

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return self._html_direction(output, page.file.src_uri)

    def on_post_template(
        self, output_content: str, template_name: str, config: MkDocsConfig
    ) -> str:
        if template_name.endswith(".html") and "<html" in output_content:
            return self._html_direction(output_content, template_name)
        return output_content

    def _html_direction(self, output: str, name: str) -> str:
        """Put the language's direction on <html> too (Material sets it on <body>), and refuse a
        page whose <html lang> is not the build's language."""
        language = SITE_LANGUAGES[self.code]
        # Material writes its strings' language (zh-TW for zh-Hant); the page declares its tag.
        match = re.search(r'<html lang="([A-Za-z-]+)" class="no-js">', output)
        if match is None or match.group(1).split("-")[0] != language.code.split("-")[0]:
            raise PluginError(f"{name}: <html lang> is not '{language.code}'")
        opening = match.group(0)
        tag = html.escape(self.language_tag(self.code), quote=True)
        with_dir = f'<html lang="{tag}" dir="{language.direction}" class="no-js">'
        output = output.replace(opening, with_dir, 1)
        # Material's search dialog has no accessible name (axe: aria-dialog-name).
        assert self.ctx is not None
        label = html.escape(self.ctx.t("general.search"), quote=True)
        dialog = '<div class="md-search" data-md-component="search" role="dialog"'
        return output.replace(f"{dialog}>", f'{dialog} aria-label="{label}">', 1)

    # -- the other languages --------------------------------------------------------------------

    @event_priority(-100)  # after the search plugin has written this language's index
    def on_post_build(self, config: MkDocsConfig) -> None:
        from crosscheck.site.searchnorm import compact_search_index

        compact_search_index(Path(config.site_dir))
        if self.code != "en" or self.preview_round is not None:
            return
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        assert self.shared is not None
        for other in self.shared.result.catalogs.languages:
            if other == "en" or (self.config.only and other != self.config.only):
                continue
            log.info(f"building the {other} site")
            child = load_config(
                config_file=config.config_file_path,
                site_dir=posixpath.join(config.site_dir, other),
                strict=config.strict,
            )
            plugin = child.plugins["crosscheck"]
            assert isinstance(plugin, CrosscheckPlugin)
            plugin.config.language = other
            plugin.shared = self.shared
            build(child)
        self._swap_in(config.site_dir)

    def _swap_in(self, partial: str) -> None:
        assert self.final_site_dir is not None
        final, built = Path(self.final_site_dir), Path(partial)
        previous = final.with_name(final.name + ".previous")
        shutil.rmtree(previous, ignore_errors=True)
        if final.exists():
            final.rename(previous)
        built.rename(final)
        shutil.rmtree(previous, ignore_errors=True)
        atexit.unregister(clean_up_site)

    def on_build_error(self, error: Exception) -> None:
        if self.code == "en" and self.final_site_dir is not None:
            clean_up_site(Path(self.final_site_dir))
            atexit.unregister(clean_up_site)

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """`mkdocs serve` rebuilds when the facts, templates or strings change: the language of
        the page being viewed first, the others in the background (site/preview.py)."""
        from crosscheck.site.preview import install

        assert self.shared is not None
        for folder in (self.config.facts_dir, self.config.build_dir, "docs"):
            path = self.shared.root / folder
            if path.exists():
                server.watch(os.fspath(path))
        languages = LANGUAGES if not self.config.only else ("en", self.config.only)
        # The served folder: on_config pointed this build at its .partial sibling.
        site_dir = Path(self.final_site_dir or config.site_dir)
        install(server, config, site_dir, tuple(dict.fromkeys(languages)))
        return server
