"""`layout serve`: the proofing desk in a browser, rebuilt on every saved change.

Two processes, so that neither forks while it has threads: the watcher (this one) rebuilds
the proof as `layout watch` does and writes the desk's state to `desk/desk.json` beside the
proof; a forked web server reads that file, serves the page (plain HTML, JS and CSS from
`static/`), `/status.json`, page pictures rendered from the proof, and tells open pages of
each new state by server-sent events.
"""
