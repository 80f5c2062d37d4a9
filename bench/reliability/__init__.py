"""Issue 11's reliability scenarios: concurrent writes with If-Match, PostgreSQL restarted
under load, the API killed under the web. Each starts its own servers on 127.0.0.1."""
