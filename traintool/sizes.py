"""How much work an answer's range takes: one place for the window, the report and the command line
(a module of its own, with no imports, so that `traintool --help` and the window's start-up read it
without loading the physics)."""

RANGE_SAMPLES = 500  # draws of the estimated inputs for a range (Latin hypercube)
RANGE_MAX_CARS = 2_000  # a longer train gets no range: sampling it would take minutes
