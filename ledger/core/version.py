"""This program's version: in every output that names its producer (SARIF, the HTML report, the cache key)."""

__version__ = "0.1.0"
