"""Ingest: verify a day's manifest and load every table into the `raw` schema in one transaction."""
