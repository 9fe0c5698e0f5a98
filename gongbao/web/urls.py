from django.apps import apps
from django.contrib.staticfiles.views import serve as serve_static
from django.urls import include, path, re_path

from .api import api

urlpatterns = [
    path("api/", api.urls),
    # every app's static/ directory, found by the staticfiles finders (no collectstatic step)
    re_path(r"^static/(?P<path>.*)$", serve_static, {"insecure": True}),
]

# The supervision app (gongbao/web/supervision) mounts itself here when installed.
if apps.is_installed("gongbao.web.supervision"):
    from .supervision.api import api as supervision_api

    # the JSON API at the top level, outside the app's namespace (django-ninja
    # reverses its own views by its namespace alone, e.g. for openapi.json)
    urlpatterns.append(path("supervision/api/", supervision_api.urls))
    urlpatterns.append(path("supervision/", include("gongbao.web.supervision.urls")))

urlpatterns.append(path("", include("gongbao.web.kb.urls")))
