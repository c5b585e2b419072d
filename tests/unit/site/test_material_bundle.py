"""Material's script must not fetch sitemaps from the hreflang URLs (issue 8, item 8)."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from crosscheck.site.build import (
    ALTERNATE_SELECTOR,
    INERT_ALTERNATE_SELECTOR,
    without_sitemap_fetches,
)
from crosscheck.site.context import SiteError

BUNDLES = sorted(
    (Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.js")
)


def test_the_installed_bundle_is_patched() -> None:
    assert len(BUNDLES) == 1
    patched = without_sitemap_fetches(BUNDLES[0].read_text(encoding="utf-8"))
    assert ALTERNATE_SELECTOR not in patched
    assert patched.count(INERT_ALTERNATE_SELECTOR) == 1


@pytest.mark.parametrize("count", [0, 2])
def test_a_changed_bundle_stops_the_build(count: int) -> None:
    with pytest.raises(SiteError, match="review without_sitemap_fetches"):
        without_sitemap_fetches("let x=1;" + ALTERNATE_SELECTOR * count)
