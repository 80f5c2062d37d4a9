"""Follow-ups: how an initiative fares after its professional support ended."""
