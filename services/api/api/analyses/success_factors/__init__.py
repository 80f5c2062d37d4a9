"""Success factors: which combinations of conditions go with effective or durable
initiatives, by configurational comparison (QCA) of the stored initiatives."""
