"""What every part of the window shares: the open document, the preferences, the theme, and small widgets (text labels, number and range fields, sections, lazy tabs)."""
