from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers


class LanguageMiddleware:
    """Swedish unless the person chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language header, which shows most
    municipal staff an English interface; Roder is Swedish first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on every response to a logged-in person (pages and
    downloads alike) and on any response that sets a cookie, so that neither a shared cache nor
    the browser's disk keeps them. Anonymous responses without cookies (published pages, static
    files) keep whatever caching they ask for."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if response.cookies or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
        return response


class HtmxVaryMiddleware:
    """`Vary: HX-Request` on every response. A view may answer an htmx swap with a fragment of
    the page at the same address (`core.htmx.template_for`); without the header a browser or
    proxy cache could hand that fragment back for the page itself (going back, reopening a
    tab). Every response gets it, so no view can forget it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        patch_vary_headers(response, ("HX-Request",))
        return response
