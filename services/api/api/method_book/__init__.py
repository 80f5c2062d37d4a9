"""The method book (methodiekboek): a reproducible report of what works, written from the data
(issue 10). Chapters compute their numbers with the same services the API's analyses use;
the book records its parameters and the data's content hash, so it can be regenerated."""
