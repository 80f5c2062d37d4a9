"""Analyses over HTTP: the statistics of the `analysis` package on data a client sends
(`calculators`) and on the data Buurtkracht holds (`effects`)."""
