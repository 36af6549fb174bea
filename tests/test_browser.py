"""The built briefing in a real headless Chromium."""

from generator.outputs.loopback import serve_folder


def test_a_reader_follows_a_citation_from_an_actor_page_to_its_source(seed_site, chromium):
    with serve_folder(seed_site) as base:
        page = chromium.new_page()
        page.goto(base + "actors/")
        page.locator("article table a").first.click()
        page.wait_for_load_state()
        citation = page.locator("article a[href*='sources/#src-']").first
        target = citation.get_attribute("href").split("#", 1)[1]
        citation.click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/sources/#{target}")
        assert page.locator(f"[id='{target}']").count() == 1
