"""Browser tests of the flows a person performs."""
