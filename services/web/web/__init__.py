"""Buurtkracht web service: district offices in the browser, talking to the API over HTTP."""
