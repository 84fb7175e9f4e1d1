"""Customs enforcement & integrity risk early warning: the project's own Python code."""

__version__ = "0.1.0"
