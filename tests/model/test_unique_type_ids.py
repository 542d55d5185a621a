"""A catalogue and a document refuse a car type id used twice, with the same message (one validator)."""
import pytest
from pydantic import ValidationError

import builders
from traintool.model import Catalogue, Document


def test_a_document_refuses_a_type_id_used_twice(small_document):
    data = small_document.model_dump()
    data["car_types"] = (*data["car_types"], dict(data["car_types"][0], label="Another"))
    with pytest.raises(ValidationError, match=rf"car_types\[{len(data['car_types']) - 1}\]: the id '{data['car_types'][0]['id']}' is used twice"):
        Document.model_validate(data)


def test_a_catalogue_refuses_a_type_id_used_twice():
    coach = builders.make_type("coach")
    with pytest.raises(ValidationError, match=r"car_types\[2\]: the id 'coach' is used twice"):
        Catalogue(car_types=[coach, builders.make_type("loco"), coach])
    assert len(Catalogue(car_types=[coach, builders.make_type("loco")]).car_types) == 2
