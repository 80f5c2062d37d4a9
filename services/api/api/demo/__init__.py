"""Deterministic demo data with planted structure: `generate_demo` (see generate.py)."""

from api.demo.generate import DatabaseNotEmpty, DemoSummary, generate_demo

__all__ = ["DatabaseNotEmpty", "DemoSummary", "generate_demo"]
