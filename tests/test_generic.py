"""The generator knows nothing of one story: the seed's names appear only in data/."""

import re

from conftest import REPO, SEED_DATA
from generator.data.validation import read_briefing


def test_no_actor_or_outlet_of_the_seed_is_named_in_the_generator():
    files = read_briefing(SEED_DATA)
    names = {a.name.lower() for a in files.actors} | {s.outlet.lower() for s in files.sources}
    names |= {"rare earth", "rare-earth"}
    code = "\n".join(
        p.read_text(encoding="utf-8").lower()
        for p in (REPO / "generator").rglob("*")
        if p.is_file() and p.suffix in {".py", ".j2"}
    )
    found = sorted(n for n in names if re.search(rf"\b{re.escape(n)}\b", code))
    assert not found, found
