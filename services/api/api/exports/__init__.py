"""Exports: every resource and the open data as CSV, XLSX and JSON, with a field dictionary."""
