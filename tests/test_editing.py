"""Editing with help: schemas for editors' tools, annotations on a pull request's lines, a
pre-commit hook, and the checker's hints for the mistakes editors make."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SEED_DATA, copy_project, run_briefing
from generator.data import FILE_NAMES, Problem, schema_text
from generator.data.schema import SCHEMA_COMMENT

BIN = Path(sys.executable).parent
STARTER_DATA = REPO / "generator" / "outputs" / "starter" / "data"


def schema_named_by(data_file: Path) -> Path:
    """The schema a data file's first line names, as a path."""
    first = data_file.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(SCHEMA_COMMENT), f"{data_file}: {first!r}"
    return (data_file.parent / first.removeprefix(SCHEMA_COMMENT)).resolve()


def git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


# --- Schemas -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FILE_NAMES)
def test_committed_schemas_are_what_briefing_schema_prints_now(name):
    printed = run_briefing("schema", name, cwd=REPO)
    assert printed.returncode == 0, printed.stderr
    committed = (REPO / "schema" / f"{name}.json").read_text(encoding="utf-8")
    assert printed.stdout == committed, (
        f"run `briefing schema --out schema` and commit schema/{name}.json"
    )
    schema = json.loads(committed)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_folder_holds_one_schema_per_data_file_and_nothing_else():
    assert sorted(p.name for p in (REPO / "schema").iterdir()) == sorted(
        f"{name}.json" for name in FILE_NAMES
    )


def test_schema_without_a_file_name_is_a_usage_error():
    result = run_briefing("schema", cwd=REPO)
    assert result.returncode == 2
    assert "name a data file" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("folder", [REPO / "data", SEED_DATA], ids=["data", "seed"])
def test_every_data_file_names_its_schema_on_its_first_line(folder):
    files = sorted(folder.glob("*.yml"))
    assert files
    for data_file in files:
        assert schema_named_by(data_file) == REPO / "schema" / f"{data_file.stem}.json"


def test_a_new_projects_data_files_name_schemas_it_has(tmp_path):
    assert run_briefing("new", "fresh", cwd=tmp_path).returncode == 0
    data_files = sorted((tmp_path / "fresh" / "data").glob("*.yml"))
    assert [p.name for p in data_files] == sorted(p.name for p in STARTER_DATA.glob("*.yml"))
    for data_file in data_files:
        schema = schema_named_by(data_file)
        assert schema == (tmp_path / "fresh" / "schema" / f"{data_file.stem}.json").resolve()
        assert schema.read_text(encoding="utf-8") == schema_text(data_file.stem)


def test_an_issued_edition_names_the_schemas_from_its_own_folder(tmp_path):
    project = copy_project(tmp_path / "p")
    shutil.copytree(REPO / "schema", project / "schema")
    issued = run_briefing("edition", "The first edition", cwd=project)
    assert issued.returncode == 0, issued.stderr
    snapshot = project / "editions" / "2025-03-31" / "data"
    for data_file in sorted(snapshot.glob("*.yml")):
        assert (
            schema_named_by(data_file)
            == (project / "schema" / data_file.name).with_suffix(".json").resolve()
        )
        # Nothing but the first line differs from data/.
        ours = (project / "data" / data_file.name).read_text(encoding="utf-8").splitlines()
        assert data_file.read_text(encoding="utf-8").splitlines()[1:] == ours[1:]


def check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    """The independent validator (check-jsonschema), offline: the schema is a local file."""
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("name", [p.stem for p in sorted(SEED_DATA.glob("*.yml"))])
def test_the_seed_passes_an_independent_validator(name):
    result = check_jsonschema(REPO / "schema" / f"{name}.json", SEED_DATA / f"{name}.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_bad_file_fails_the_independent_validator_as_it_fails_the_checker(tmp_path):
    project = copy_project(tmp_path / "p")
    events = project / "data" / "events.yml"
    text = events.read_text(encoding="utf-8")
    text = text.replace("  status: held\n", "  status: hled\n", 1)
    text = text.replace("  place: Riyadh", "  plase: Riyadh", 1)
    events.write_text(text, encoding="utf-8")
    independent = check_jsonschema(REPO / "schema" / "events.json", events)
    assert independent.returncode == 1
    assert "'hled' is not one of" in independent.stdout
    assert "'plase' was unexpected" in independent.stdout
    ours = run_briefing("check", cwd=project)
    assert ours.returncode == 2
    assert ".status: 'hled' is not allowed here" in ours.stderr
    assert "unknown field 'plase'" in ours.stderr


# --- The checker's hints -------------------------------------------------------------------


def seed_project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "p")
    return project


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_a_field_swallowed_by_the_text_above_it_is_a_located_warning(tmp_path):
    project = seed_project(tmp_path)
    events = project / "data" / "events.yml"
    edit(events, "\n  place: Riyadh", "\n    place: Riyadh")
    result = run_briefing("check", cwd=project)
    assert result.returncode == 0, result.stderr
    line = line_of(events, "    place: Riyadh")
    summary = line_of(events, "  summary: >-")
    assert (
        f"data/events.yml:{line}:5: warning: events[0].summary: this line is part of the text "
        f"of 'summary' (from line {summary}), but reads like the field 'place:'"
    ) in result.stderr
    assert "start it in column 3, under 'summary:'" in result.stderr


def test_a_swallowed_required_field_is_named_beside_the_error_it_causes(tmp_path):
    project = seed_project(tmp_path)
    events = project / "data" / "events.yml"
    edit(events, "\n  place: Riyadh, Saudi Arabia\n  status: held", "\n    status: held")
    result = run_briefing("check", cwd=project)
    assert result.returncode == 2
    assert "events[0].status: required field 'status' is missing" in result.stderr
    assert f"data/events.yml:{line_of(events, '    status: held')}:5: warning" in result.stderr
    assert "reads like the field 'status:'" in result.stderr


def test_text_that_only_mentions_a_word_and_colon_is_not_flagged(tmp_path):
    project = seed_project(tmp_path)
    events = project / "data" / "events.yml"
    # 'Outcome:' is no field of an event; 'place' mid-line starts no field.
    edit(events, "  summary: >-\n", "  summary: >-\n    Outcome: talks held; the place: Riyadh.\n")
    result = run_briefing("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "reads like the field" not in result.stderr
    assert "warning" not in run_briefing("check", "--data", str(SEED_DATA), cwd=REPO).stderr


def test_us_order_dates_are_accepted_and_a_missing_day_names_its_month(tmp_path):
    project = seed_project(tmp_path)
    events = project / "data" / "events.yml"
    edit(events, "  date: 2025-02-18", "  date: February 18, 2025")
    assert run_briefing("check", cwd=project).returncode == 0
    edit(events, "  date: February 18, 2025", "  date: April 31 2025")
    result = run_briefing("check", cwd=project)
    assert result.returncode == 2
    line = line_of(events, "April 31 2025")
    assert f"data/events.yml:{line}:9: error: events[0].date: April has no day 31" in (
        result.stderr
    )


def rename_actor(project: Path, old: str, new: str) -> None:
    edit(project / "data" / "actors.yml", f"- id: {old}\n", f"- id: {new}\n")


def test_an_id_renamed_since_the_last_commit_is_named_at_every_old_reference(tmp_path):
    project = seed_project(tmp_path)
    (project / "generator").unlink()  # a symlink: keep the repository to the briefing
    git("init", "-q", cwd=project)
    git("add", "data", cwd=project)
    git("commit", "-q", "-m", "seed", cwd=project)
    rename_actor(project, "kirill-dmitriev", "dmitriev")
    result = run_briefing("check", cwd=project)
    assert result.returncode == 2
    hint = "'kirill-dmitriev' was removed (renamed to 'dmitriev'?) — update this reference"
    references = result.stderr.count("no actor has the id 'kirill-dmitriev'")
    assert references > 1 and result.stderr.count(hint) == references
    assert "did you mean" not in result.stderr


def test_an_id_removed_since_the_last_commit_is_named_as_removed(tmp_path):
    project = seed_project(tmp_path)
    (project / "generator").unlink()
    git("init", "-q", cwd=project)
    git("add", "data", cwd=project)
    git("commit", "-q", "-m", "seed", cwd=project)
    sources = project / "data" / "sources.yml"
    entries = yaml.safe_load(sources.read_text(encoding="utf-8"))
    cited = entries[0]["id"]
    lines = sources.read_text(encoding="utf-8").splitlines(keepends=True)
    start = line_of(sources, f"- id: {cited}") - 1
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("- id:"))
    sources.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    result = run_briefing("check", cwd=project)
    assert result.returncode == 2
    assert f"'{cited}' was removed in this change — update this reference" in result.stderr


def test_outside_git_a_renamed_id_gets_the_usual_hint(tmp_path):
    project = seed_project(tmp_path)
    rename_actor(project, "kirill-dmitriev", "dmitriev")
    result = run_briefing("check", cwd=project)
    assert result.returncode == 2
    assert "was removed" not in result.stderr
    assert "no actor has the id 'kirill-dmitriev'" in result.stderr


# --- Annotations on a pull request ---------------------------------------------------------


def test_check_format_github_annotates_each_mistake_on_its_line(tmp_path):
    project = seed_project(tmp_path)
    events = project / "data" / "events.yml"
    edit(events, "  date: 2025-02-18", "  date: November 31 2025")
    edit(events, "\n  place: Riyadh", "\n    place: Riyadh")
    result = run_briefing("check", "--format", "github", cwd=project)
    assert result.returncode == 2
    date_line, place_line = line_of(events, "November 31"), line_of(events, "    place:")
    lines = result.stdout.splitlines()
    assert (
        f"::error file=data/events.yml,line={date_line},col=9,title=briefing check::"
        "events[0].date: November has no day 31%0Ahint: November 2025 has days 1 to 30"
    ) in lines
    assert any(
        line.startswith(f"::warning file=data/events.yml,line={place_line},col=5,")
        and "reads like the field 'place:'" in line
        for line in lines
    ), lines
    assert "1 error and 1 warning found" in result.stderr


def test_annotations_name_files_from_the_working_folder(tmp_path):
    project = seed_project(tmp_path)
    edit(project / "data" / "actors.yml", "  kind: person", "  kind: persn")
    result = run_briefing("check", "--format", "github", "--data", "p/data", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.startswith("::error file=p/data/actors.yml,line=")


def test_annotations_escape_what_would_end_them():
    problem = Problem("data/a,b:c.yml", 3, 4, "x", "50% done\nnext", "say: a, b")
    assert problem.annotation() == (
        "::error file=data/a%2Cb%3Ac.yml,line=3,col=4,title=briefing check::"
        "x: 50%25 done\\u000anext%0Ahint: say: a, b"
    )


def test_the_pages_workflow_annotates_pull_requests():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text())
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    check = workflow["jobs"]["check"]
    assert check["permissions"] == {"contents": "read"}
    assert any(step.get("run") == "make check FORMAT=github" for step in check["steps"])
    assert workflow["jobs"]["build"]["needs"] == "check"
    dry_run = subprocess.run(
        ["make", "-n", "check", "FORMAT=github"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert re.search(r"briefing check --format github$", dry_run.stdout, re.MULTILINE)


# --- pre-commit ----------------------------------------------------------------------------


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """pre-commit, offline: its cache in a temporary folder, hooks only from this machine."""
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_MKDOCS_2_WARNING": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_pre_commit_manifest_is_valid(tmp_path):
    result = pre_commit(
        "validate-manifest", str(REPO / ".pre-commit-hooks.yaml"), cwd=REPO, home=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pre_commit_hook_stops_a_commit_with_a_mistake(tmp_path):
    project = seed_project(tmp_path)
    (project / "generator").unlink()
    # The manifest's own hook, run from this machine (`repo: local`) with the installed
    # `briefing`: what another repository's hook runs, without fetching anything.
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = {"repos": [{"repo": "local", "hooks": [{**hook, "language": "system"}]}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git("init", "-q", cwd=project)
    git("add", ".", cwd=project)
    passed = pre_commit("run", "--all-files", cwd=project, home=tmp_path / "cache")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "briefing check" in passed.stdout and "Passed" in passed.stdout
    edit(project / "data" / "events.yml", "  date: 2025-02-18", "  date: November 31 2025")
    git("add", "data", cwd=project)
    failed = pre_commit("run", cwd=project, home=tmp_path / "cache")
    assert failed.returncode == 1
    assert "Failed" in failed.stdout
    assert "error: events[0].date: November has no day 31" in failed.stdout


# --- Edit links ------------------------------------------------------------------------------


class EditLinks(HTMLParser):
    """The addresses of a page's edit buttons (`<a rel="edit">`)."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("rel") == "edit":
            self.hrefs.append(found.get("href") or "")

    @classmethod
    def of(cls, page: Path) -> list[str]:
        parser = cls()
        parser.feed(page.read_text(encoding="utf-8"))
        return parser.hrefs


def edit_links(site: Path, page: str) -> list[str]:
    return EditLinks.of(site / page / "index.html")


def build(project: Path, *options: str, **github: str) -> Path:
    """`briefing build` with only the given GitHub Actions variables set; return site/."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--no-pdf", *options],
        cwd=project,
        env={**env, **github, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_in_github_actions_the_edit_button_opens_the_pages_data_file(tmp_path):
    project = seed_project(tmp_path)
    assert run_briefing("edition", "The first edition", cwd=project).returncode == 0
    site = build(
        project,
        GITHUB_REPOSITORY="owner/briefing-repo",
        GITHUB_SERVER_URL="https://github.com",
        GITHUB_REF_NAME="main",
        GITHUB_REF_TYPE="branch",
        GITHUB_WORKSPACE=str(tmp_path),  # the project is the folder p/ of the repository
    )
    edit = "https://github.com/owner/briefing-repo/edit/main/p/"
    assert edit_links(site, "") == [edit + "data/briefing.yml"]
    assert edit_links(site, "timeline") == [edit + "data/events.yml"]
    assert edit_links(site, "actors/kirill-dmitriev") == [edit + "data/actors.yml"]
    assert edit_links(site, "outlook") == [edit + "data/outlook.yml"]
    assert edit_links(site, "sources") == [edit + "data/sources.yml"]
    # An issued edition's pages open its own frozen copy, where it is corrected.
    archived = "editions/2025-03-31/"
    assert edit_links(site, archived + "timeline") == [edit + archived + "data/events.yml"]
    # A page made from no data file has no edit button.
    assert edit_links(site, "method") == []
    assert edit_links(site, "changes") == []
    # The generated Markdown names its data file; no button ever opens the Markdown.
    assert 'edit_source: "data/events.yml"' in (project / "content/timeline.md").read_text()
    assert "content/" not in " ".join(
        href for page in site.rglob("index.html") for href in EditLinks.of(page)
    )


def test_repo_url_in_mkdocs_yml_names_the_repository_and_a_split_kind_its_file(tmp_path):
    project = seed_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "repo_url: https://github.com/owner/other\nedit_uri: edit/trunk/briefing/\n",
        encoding="utf-8",
    )
    actors = project / "data" / "actors.yml"
    entries = yaml.safe_load(actors.read_text(encoding="utf-8"))
    actors.unlink()
    for part, chunk in (("a.yml", entries[:5]), ("b.yml", entries[5:])):
        dump_to = project / "data" / "actors" / part
        dump_to.parent.mkdir(exist_ok=True)
        dump_to.write_text(yaml.safe_dump(chunk, sort_keys=False), encoding="utf-8")
    later = next(entry["id"] for entry in entries[5:])
    site = build(project)
    edit = "https://github.com/owner/other/edit/trunk/briefing/"
    assert edit_links(site, f"actors/{later}") == [edit + "data/actors/b.yml"]
    assert edit_links(site, f"actors/{entries[0]['id']}") == [edit + "data/actors/a.yml"]
    assert edit_links(site, "timeline") == [edit + "data/events.yml"]
    # The actors list comes from a folder of files: no one file to open.
    assert edit_links(site, "actors") == []


def test_without_a_repository_no_page_has_an_edit_button(tmp_path):
    site = build(seed_project(tmp_path))
    pages = list(site.rglob("index.html"))
    assert pages
    assert all(EditLinks.of(page) == [] for page in pages)


def test_a_new_projects_workflow_annotates_pull_requests_too(tmp_path):
    assert run_briefing("new", "fresh", cwd=tmp_path).returncode == 0
    project = tmp_path / "fresh"
    workflow = yaml.safe_load((project / ".github/workflows/pages.yml").read_text())
    assert "pull_request" in workflow[True]
    check = workflow["jobs"]["check"]
    assert any(step.get("run") == "make check FORMAT=github" for step in check["steps"])
    assert workflow["jobs"]["build"]["needs"] == "check"
    dry_run = subprocess.run(
        ["make", "-n", "check", "FORMAT=github", f"VENV={Path(sys.executable).parent.parent}"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    assert re.search(r"briefing check --format github$", dry_run.stdout, re.MULTILINE)


def test_a_commit_with_a_renamed_id_is_stopped_by_the_installed_hook(tmp_path):
    project = seed_project(tmp_path)
    (project / "generator").unlink()
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = {"repos": [{"repo": "local", "hooks": [{**hook, "language": "system"}]}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git("init", "-q", cwd=project)
    git("add", ".", cwd=project)
    git("commit", "-q", "--no-verify", "-m", "seed", cwd=project)
    installed = pre_commit("install", cwd=project, home=tmp_path / "cache")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    rename_actor(project, "kirill-dmitriev", "dmitriev")
    # git runs the hook itself, as it does for an editor's `git commit`.
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_MKDOCS_2_WARNING": "1",
    }
    committed = subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=e@example.org", "commit", "-am", "x"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert committed.returncode != 0
    shown = committed.stdout + committed.stderr
    assert "'kirill-dmitriev' was removed (renamed to 'dmitriev'?)" in shown


def test_zensical_builds_the_same_edit_buttons(tmp_path):
    site = build(
        seed_project(tmp_path),
        "--engine",
        "zensical",
        GITHUB_REPOSITORY="owner/briefing-repo",
        GITHUB_REF_NAME="main",
    )
    edit = "https://github.com/owner/briefing-repo/edit/main/"
    assert edit_links(site, "timeline") == [edit + "data/events.yml"]
    assert edit_links(site, "actors/kirill-dmitriev") == [edit + "data/actors.yml"]
    assert edit_links(site, "method") == []


def test_a_repository_address_cannot_break_out_of_the_edit_link(tmp_path):
    from generator.outputs.pipeline import edit_base

    base = edit_base(tmp_path, 'https://example.org/o/r"><b>x', "edit/main/", {})
    assert base is not None
    assert not set('"<> ') & set(base)
