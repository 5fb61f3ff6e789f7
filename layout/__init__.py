"""ADALAZAMAT layout pipeline: issue files -> content model -> ReportLab pages -> print PDF."""
