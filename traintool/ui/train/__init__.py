"""Editing the train: the layout of cars, the catalogue, the inspector, the overview and the clipboard."""
