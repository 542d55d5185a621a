"""The application and its windows: start-up, the document window, its file lifecycle, preferences and help."""
