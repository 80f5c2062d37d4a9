"""Professionals: the people who support initiatives. Personal data is kept minimal."""
