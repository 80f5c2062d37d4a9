"""Wat vraagt ondersteuning: which support goes with effects and with durability, in one
report (docs/support.md)."""
