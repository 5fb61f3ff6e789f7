"""Model -> ReportLab pages: page templates, furniture, flowables, one module per article kind."""
