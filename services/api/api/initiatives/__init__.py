"""Initiatives: resident-participation initiatives as a district office registers them."""
