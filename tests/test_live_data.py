"""The live briefing in data/ is the editors': tests pin none of its facts. It only has to pass
`briefing check`, and an edit made the way the README says must build."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

from conftest import REPO, copy_project, run_briefing
from generator.data import parse_date


def test_the_live_briefing_passes_the_checker():
    result = run_briefing("check", cwd=REPO)
    assert result.returncode == 0, result.stderr


def test_an_editors_update_to_the_live_briefing_builds(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    briefing = yaml.safe_load((data / "briefing.yml").read_text(encoding="utf-8"))
    as_of = parse_date(str(briefing["as_of"])).end + dt.timedelta(days=7)
    briefing["as_of"] = as_of.isoformat()
    briefing["title"] = "A title the editor changed"
    (data / "briefing.yml").write_text(yaml.safe_dump(briefing, allow_unicode=True), "utf-8")
    with (data / "sources.yml").open("a", encoding="utf-8") as sources:
        sources.write(
            "\n- id: editors-new-source\n"
            "  outlet: The Editor's Gazette\n"
            f"  date: {as_of.isoformat()}\n"
            "  kind: newspaper\n"
        )
    with (data / "events.yml").open("a", encoding="utf-8") as events:
        events.write(
            "\n- id: editors-new-event\n"
            f"  date: {as_of.isoformat()}\n"
            "  title: Something new happened this week\n"
            "  status: held\n"
            "  sources: [editors-new-source]\n"
        )
    project = copy_project(tmp_path / "p", data=data)
    # The live data's outcomes score the issued editions: the project holds both.
    if (REPO / "editions").is_dir():
        shutil.copytree(REPO / "editions", project / "editions")
    result = run_briefing("build", "--no-pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    home = (project / "site/index.html").read_text(encoding="utf-8")
    assert "A title the editor changed" in home
    assert f"As of {as_of.day} {as_of:%B %Y}" in home
    timeline = (project / "site/timeline/index.html").read_text(encoding="utf-8")
    assert "Something new happened this week" in timeline
    sources = (project / "site/sources/index.html").read_text(encoding="utf-8")
    assert "The Editor&#39;s Gazette" in sources or "The Editor's Gazette" in sources
