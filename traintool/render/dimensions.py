"""How big a drawn car is and how far apart drawn cars stand, in metres (no Qt: the layout
geometry and the tests use it without painting)."""
from __future__ import annotations

CAR_HEIGHT_M = 5.0  # from the rail to the top of the tallest drawing (antennas, pantographs, chimneys)
GAP_M = 1.2  # couplers between cars
