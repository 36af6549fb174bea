"""Published as GitHub Pages publishes it: under a subpath, self-contained, accessible, findable."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
import yaml

from conftest import REPO, SEED_DATA, copy_project, require, run_briefing
from generator.outputs.loopback import serve_folder

SUBPATH = "/briefing-repo/"
AXE = REPO / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# The pages a reader opens most, and the ones the issue measures.
MEASURED = {
    "home": "",
    "actor": "actors/kirill-dmitriev/",
    "timeline": "timeline/",
    "outlook": "outlook/",
}
NAV = ["background/", "actors/", "sources/", "method/"]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The seed built with site_url under /briefing-repo/ and served there: (site, base URL)."""
    project = copy_project(tmp_path_factory.mktemp("published"))
    with serve_folder(project / "site", SUBPATH) as base, pytest.MonkeyPatch.context() as env:
        env.setenv("BRIEFING_SITE_URL", base)
        result = run_briefing("build", cwd=project)
        assert result.returncode == 0, result.stderr
        yield project / "site", base


@pytest.fixture(scope="module")
def axe_source() -> str:
    require(AXE.is_file(), f"{AXE} is missing: `make test` installs it (npm ci in tests/axe)")
    return AXE.read_text(encoding="utf-8")


class Links(HTMLParser):
    """Every address a page points at (href, src, srcset) and every id it defines."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in {"href", "src"}:
                self.addresses.append(value)
            elif name == "srcset":
                self.addresses += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name in {"id", "name"}:
                self.ids.add(value)


def fetch(url: str) -> tuple[int, str, bytes]:
    """Status, content type and body of a GET; error statuses are returned, not raised."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as err:
        return err.code, "", b""


def crawl(base: str) -> tuple[dict[str, int], list[str]]:
    """Follow every internal link and asset from the home page: statuses, and broken anchors."""
    host = urlsplit(base).netloc
    statuses: dict[str, int] = {}
    anchors: list[tuple[str, str, str]] = []  # (from page, to page, fragment)
    ids: dict[str, set[str]] = {}
    queue = [base]
    while queue:
        url = queue.pop()
        if url in statuses:
            continue
        status, kind, body = fetch(url)
        statuses[url] = status
        found: list[str] = []
        if kind == "text/html":
            parser = Links()
            parser.feed(body.decode("utf-8"))
            ids[url] = parser.ids
            found = parser.addresses
        elif kind == "text/css":
            found = re.findall(r"url\(\s*['\"]?([^'\")]+)", body.decode("utf-8"))
        for address in found:
            target, fragment = urldefrag(urljoin(url, address))
            if urlsplit(target).netloc != host:
                continue  # other hosts (source links) and data: URLs
            if fragment and kind == "text/html":
                anchors.append((url, target, fragment))
            queue.append(target)
    broken_anchors = [
        f"{page} -> {target}#{fragment}"
        for page, target, fragment in anchors
        if target in ids and fragment not in ids[target]
    ]
    return statuses, broken_anchors


def test_every_internal_link_and_asset_works_under_the_subpath(published):
    _, base = published
    statuses, broken_anchors = crawl(base)
    broken = {url: status for url, status in statuses.items() if status != 200}
    assert broken == {}
    assert broken_anchors == []
    # It really walked the site: every page, the stylesheets, the scripts, the search index.
    pages = [url for url in statuses if url.endswith("/")]
    assert len(pages) >= 20
    assert any(url.endswith(".css") for url in statuses)
    assert any(url.endswith(".js") for url in statuses)
    assert all(url.startswith(base) for url in statuses)


def test_the_not_found_page_works_at_any_depth_under_the_subpath(published, chromium, axe_source):
    site, base = published
    missing = base + "actors/no-such-actor/"
    page = chromium.new_page()
    # GitHub Pages answers any missing address with 404.html, at that address.
    page.route(missing, lambda route: route.fulfill(status=404, path=str(site / "404.html")))
    failed: list[str] = []

    def record(response: Any) -> None:
        if response.status >= 400 and response.url != missing:
            failed.append(f"{response.status} {response.url}")

    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", record)
    page.goto(missing)
    page.wait_for_load_state("networkidle")
    assert failed == []
    assert page.locator("h1").inner_text() == "404 - Not found"
    # Material's stylesheet and script loaded: the header is styled and the search is live.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in {
        "sticky",
        "fixed",
    }
    page.add_script_tag(content=axe_source)
    assert page.evaluate("axe.run(document).then(r => r.violations.map(v => v.id))") == []
    home = page.locator(".md-header__button.md-logo").get_attribute("href")
    assert urljoin(missing, home) == base
    page.get_by_role("link", name="briefing's home page").click()
    page.wait_for_load_state()
    assert page.url == base
    assert page.locator("h1").inner_text() != "404 - Not found"
    page.close()


def test_a_page_makes_no_request_to_another_host(published, chromium):
    _, base = published
    context = chromium.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    for path in MEASURED.values():
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    # A search, so that whatever the search worker fetches is recorded too.
    page.locator(".md-search__input").click()
    page.keyboard.type("talks")
    page.locator(".md-search-result__item").first.wait_for()
    context.close()
    elsewhere = [
        url
        for url in requests
        if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).hostname != "127.0.0.1"
    ]
    assert elsewhere == []
    assert any(url.endswith("search_index.json") for url in requests)
    assert len({urlsplit(url).path for url in requests}) > 8


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_core_finds_no_violation_on_the_main_pages(published, chromium, axe_source, scheme):
    _, base = published
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    found: dict[str, list[str]] = {}
    for path in [*MEASURED.values(), *NAV]:
        page.goto(base + path)
        page.add_script_tag(content=axe_source)
        results: dict[str, Any] = page.evaluate("axe.run(document)")
        found[path or "home"] = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in results["violations"]
        ]
        assert results["passes"], "axe ran no check"
    context.close()
    assert found == {path or "home": [] for path in [*MEASURED.values(), *NAV]}


def meta(html: str) -> dict[str, str]:
    """The page's description, Open Graph tags and canonical link, by name."""
    tags = dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', html))
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    return {**tags, "canonical": canonical[1] if canonical else ""}


def test_every_page_carries_its_description_title_and_address_for_search_and_sharing(published):
    site, base = published
    briefing = yaml.safe_load((SEED_DATA / "briefing.yml").read_text(encoding="utf-8"))
    home_html = (site / "index.html").read_text(encoding="utf-8")
    assert f"<title>{briefing['title']}</title>" in home_html
    home = meta(home_html)
    assert home["og:title"] == briefing["title"]
    assert home["description"] == home["og:description"] == briefing["description"]
    assert home["og:type"] == "website"
    assert home["canonical"] == home["og:url"] == base

    actor = meta((site / "actors" / "kirill-dmitriev" / "index.html").read_text(encoding="utf-8"))
    assert actor["og:title"] == "Kirill Dmitriev"
    assert actor["og:description"].startswith("Kirill Dmitriev: ")
    assert actor["canonical"] == actor["og:url"] == base + "actors/kirill-dmitriev/"

    pages = [p for p in site.rglob("index.html") if "search" not in p.parts]
    descriptions = {meta(p.read_text(encoding="utf-8"))["og:description"] for p in pages}
    assert len(descriptions) == len(pages), "every page has its own description"


def test_the_sitemap_lists_every_page_at_its_published_address(published):
    site, base = published
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ElementTree.parse(site / "sitemap.xml")
    listed = [loc.text or "" for loc in tree.getroot().findall("s:url/s:loc", namespace)]
    pages = [p for p in site.rglob("index.html") if "search" not in p.parts]
    assert len(listed) == len(pages)
    for address in listed:
        assert address.startswith(base)
        assert fetch(address)[0] == 200, address
    assert base + "actors/kirill-dmitriev/" in listed


def test_the_pages_workflow_deploys_the_strict_build_with_least_privilege():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text())
    assert workflow["permissions"] == {}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    steps = json.dumps(build["steps"])
    assert "make site" in steps
    assert "site/briefing.pdf" in steps
    assert "steps.pages.outputs.base_url" in steps
    for job in (build, deploy):
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
