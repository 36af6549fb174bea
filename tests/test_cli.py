"""The command-line contract: exit codes, one problem a line, no traceback."""

from conftest import REPO, copy_project, run_briefing


def test_check_on_the_seed_exits_zero():
    result = run_briefing("check", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


def test_check_on_bad_data_exits_two_with_located_lines_and_no_traceback(tmp_path):
    project = copy_project(tmp_path / "p")
    actors = project / "data/actors.yml"
    actors.write_text(actors.read_text().replace("  kind: person", "  kind: persn", 1))
    result = run_briefing("check", cwd=project)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith("data/actors.yml:")
    assert ": error: actors[" in first and ".kind: 'persn' is not allowed here" in first
    assert "hint: did you mean 'person'?" in result.stderr


def test_a_usage_mistake_exits_two():
    assert run_briefing("chekc", cwd=REPO).returncode == 2


def test_generate_writes_pages_and_a_second_run_writes_nothing(tmp_path):
    project = copy_project(tmp_path / "p")
    first = run_briefing("generate", cwd=project)
    assert first.returncode == 0 and " 0 unchanged" in first.stdout
    second = run_briefing("generate", cwd=project)
    assert second.returncode == 0 and ": 0 written" in second.stdout


def test_new_makes_a_project_that_builds_as_it_is(tmp_path):
    made = run_briefing("new", "fresh", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    built = run_briefing("build", "--root", "fresh", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    home = (tmp_path / "fresh/site/index.html").read_text()
    assert "Title of the briefing" in home


def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken/notes.txt").write_text("mine")
    result = run_briefing("new", "taken", cwd=tmp_path)
    assert result.returncode == 2
    assert "not empty" in result.stderr
    assert (tmp_path / "taken/notes.txt").read_text() == "mine"


def test_generated_pages_are_git_ignored_here_and_in_a_new_project(tmp_path):
    from generator.pages import ignore_rules

    assert run_briefing("new", "fresh", cwd=tmp_path).returncode == 0
    for content in (REPO / "content", tmp_path / "fresh/content"):
        assert (content / ".gitignore").read_text() == ignore_rules(), content
