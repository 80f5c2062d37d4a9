"""Qualitative records, the shared codebook and coded segments (issue 9)."""
