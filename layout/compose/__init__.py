"""Model -> ReportLab pages: page templates, furniture, flowables, one module per article kind."""

from reportlab import rl_config

# An article's PDF is read back at assembly (press/rewrite.py): ASCII85 around its Flate
# streams only makes it a quarter larger and slower to decode (pypdf's a85 is pure Python)
rl_config.useA85 = 0
