"""Design values from theme.yaml, registered fonts with glyph coverage, paragraph styles."""
