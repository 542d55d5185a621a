"""The trip and its plots: the trip panel, the computations behind it, the plots, the route editor and the timetable."""
