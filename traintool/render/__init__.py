"""Painting shared by the window and the report: car drawings, plot geometry, colours.

QtGui at most, never a widget: the window (ui) and the PDF (report) both build on it.
"""
