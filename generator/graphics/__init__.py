"""Stage 2, the graphics: SVG drawn at build time from the derived views (timeline, actors map).

Pages import only the names below, from `generator.graphics`.
"""

from generator.graphics.figures import figures
from generator.graphics.glance import glance

__all__ = ["figures", "glance"]
