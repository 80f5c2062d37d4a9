"""Tables in and out: the columns of every exported and imported resource, and the file
readers and writers."""
