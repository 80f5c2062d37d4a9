"""Competency frameworks, competencies, behavioural indicators and assessments."""
