"""CORS for the public data: any site may read the API and the download files.

Only ``/api/…`` and ``/<lang>/principles/download.json|csv`` get the headers;
the pages themselves stay same-origin. Everything answered here is public and
read-only and sends no cookies, so ``*`` is safe: browsers never attach
credentials to a request that a ``*`` origin answers.
"""

import re

from django.http import HttpResponse

from site_core.cache_policy import CORS_PREFLIGHT

CORS_PATHS = re.compile(r"^/(?:api/|[^/]+/principles/download\.(?:json|csv)$)")
ALLOWED_METHODS = "GET, HEAD, OPTIONS"


class CorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not CORS_PATHS.match(request.path_info):
            return self.get_response(request)
        if request.method == "OPTIONS" and "access-control-request-method" in request.headers:
            # A browser's preflight: answer it here, before sessions or languages run.
            response = HttpResponse(status=204)
            response["Allow"] = ALLOWED_METHODS
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = "*"
            response["Access-Control-Max-Age"] = str(CORS_PREFLIGHT)
        else:
            response = self.get_response(request)
        response["Access-Control-Allow-Origin"] = "*"
        return response
