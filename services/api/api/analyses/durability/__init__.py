"""Durability: how long initiatives keep going after their professional support ended, from
their follow-ups (Kaplan–Meier, log-rank, Cox; docs/support.md)."""
