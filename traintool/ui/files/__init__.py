"""Files in and out of the window: loading, CSV, the PDF report and printing."""
