from layout.cli import entry

entry()
