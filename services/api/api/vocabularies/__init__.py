"""Documented vocabularies: stable codes with Dutch and English labels."""
