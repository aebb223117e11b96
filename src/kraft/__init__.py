"""Kraft: the open platform where Sweden's municipalities, regions and civil society gather their power on AI."""

__version__ = "0.1.0"
