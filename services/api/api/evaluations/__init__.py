"""Evaluations of initiatives and their outcome measures."""
