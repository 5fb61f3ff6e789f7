"""Print production on finished PDFs: PDF/X output intent, marks, images, imposition."""
