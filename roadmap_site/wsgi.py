"""WSGI entry point for gunicorn. Refuses to start when the content is invalid."""

import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roadmap_site.settings")
django_application = get_wsgi_application()

# A Content-Type Django cannot parse answers 400 like any bad request, not a bare 500; a HEAD
# answer is headers only, whatever the view returned.
from webkit.middleware import guard_content_type, head_without_body  # noqa: E402  (needs Django)

application = head_without_body(guard_content_type(django_application))

from content_engine import store  # noqa: E402  (needs Django set up first)

if store.problems():
    for problem in store.problems():
        print(problem, file=sys.stderr)
    print("The site will not start until the content above is fixed.", file=sys.stderr)
    sys.exit(4)
