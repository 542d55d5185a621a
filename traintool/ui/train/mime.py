"""MIME types that traintool's drags and clipboard carry."""
CAR_TYPES_MIME = "application/x-traintool-car-types"  # JSON list of CarType dicts, from the catalogue
MOVE_MIME = "application/x-traintool-move-cars"  # a drag of the selected cars inside one window
CARS_MIME = "application/x-traintool-cars"  # the clipboard: {"cars": [...], "car_types": [...]}
