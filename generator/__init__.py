"""briefing: validated YAML in data/ to a static briefing site."""

__version__ = "0.1.0"
