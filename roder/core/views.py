from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from roder.core import guide as guides
from roder.core import help


@require_GET
@login_required
def guide_index(request: HttpRequest) -> HttpResponse:
    """The user guides (docs/guide/), one per persona."""
    return render(request, "core/guide_index.html", {"guides": help.GUIDES.items()})


@require_GET
@login_required
def guide(request: HttpRequest, name: str) -> HttpResponse:
    """One persona's guide, docs/guide/<name>.md, as a page."""
    if name not in help.GUIDES:
        raise Http404
    page = guides.read(name)
    return render(request, "core/guide.html", {"guide": page, "name": name})


@require_GET
@login_required
def guide_image(request: HttpRequest, name: str) -> FileResponse:
    """A screenshot of the guides (docs/guide/img/, written by `make guide`)."""
    path = guides.folder() / "img" / name
    if not guides.IMAGE_NAME.match(name) or not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), content_type="image/png")
