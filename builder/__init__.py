"""Mieruka: a static site generator for Japanese municipal 事務事業マネジメントシート."""

__version__ = "0.1.0"
