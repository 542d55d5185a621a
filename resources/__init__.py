"""The data traintool ships (catalogue, routes, samples, icons): installed as traintool.resources."""
