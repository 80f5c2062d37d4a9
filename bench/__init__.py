"""Benchmarks: each measures Buurtkracht beside a baseline in the same run, as ratios."""
