"""Support episodes: a professional supporting an initiative over a period."""
