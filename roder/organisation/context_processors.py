from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from roder.organisation.current import organisations_for


def organisations(request: HttpRequest) -> dict[str, Any]:
    """The organisations of the header's switcher, read (one query) only when a page shows it."""
    return {"switch_organisations": SimpleLazyObject(lambda: list(organisations_for(request.user)))}
