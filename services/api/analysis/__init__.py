"""Statistics for Buurtkracht: effect sizes and meta-analysis (as R's metafor), pure numpy and
scipy, with no web framework or database."""
