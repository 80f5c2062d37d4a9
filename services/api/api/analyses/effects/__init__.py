"""Effects of the initiatives, from the outcome measures Buurtkracht holds: one effect per
initiative and indicator on one scale, pooled per group with the `analysis` package."""
