"""Validation errors as messages naming the file, the field and the car (the model's one describer)."""
from ..model.validation import describe_validation_error

__all__ = ["describe_validation_error"]
