from django.conf import settings


def roder(request):
    return {"demo_mode": settings.DEMO, "languages": settings.LANGUAGES}
