"""Buurtkracht API service."""

API_VERSION = "1.0.0"
