"""Indicators: the catalogue of outcome measures."""
