"""One module per article kind: each declares `KIND` (layout.kinds.Kind) with the story it
builds; the registry in layout/kinds.py finds them here by itself."""
