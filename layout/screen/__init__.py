"""The screen edition: trimmed, sRGB, tagged PDF/UA-1 pages from the same composition."""
