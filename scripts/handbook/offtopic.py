"""Whether an ingested question is about Django or DRF, by a general rule (never per document).

1. A question that names another Python web framework (Flask, FastAPI, SQLAlchemy...) and not Django or DRF
   by name is off topic, even with words Django shares ("middleware in FastAPI"). Otherwise, a question
   that names Django, DRF or an API, term or setting specific to them is on topic.
2. Otherwise, a question that names another technology (Python, PEP 8, virtualenv, Celery, Redis,
   Gunicorn, Nginx...) is off topic.
3. Otherwise its sections decide, innermost first: the first enclosing heading that names Django
   makes it on topic, the first that names another technology (Python basics, Celery, Redis,
   RabbitMQ, MySQL, algorithms...) makes it off topic. Deployment is no other technology: deploying a
   Django project is the bank's subject; a question that names the server or tool is caught by rule 2.
4. Otherwise the document's subject decides: these are Django/DRF collections, so it is on topic.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

# Terms specific to Django or DRF. Matched case-insensitively as whole words (dotted names and
# snake_case count as words); CamelCase class names are matched exactly as written.
DJANGO_WORDS = {
    "django", "drf", "djangorestframework", "queryset", "querysets", "modelform", "modelforms", "modelserializer",
    "serializer", "serializers", "serialiser", "serialisers", "viewset", "viewsets", "modelviewset", "apiview",
    "genericapiview", "genericviewset", "apiclient", "apitestcase", "manage.py", "settings.py", "urls.py", "views.py",
    "models.py", "admin.py", "forms.py", "makemigrations", "migrations", "migration", "select_related",
    "prefetch_related", "reverse_lazy", "get_object_or_404", "csrf_token", "conn_max_age", "installed_apps",
    "allowed_hosts", "abstractuser", "abstractbaseuser", "foreignkey", "manytomanyfield", "onetoonefield", "charfield",
    "modeladmin", "contenttypes", "templatetags", "simplejwt", "paginator", "throttling", "throttle", "permission_classes",
    "authentication_classes", "get_queryset", "get_serializer_class", "to_representation", "pytest-django",
    "middleware", "middlewares", "mtv", "mvt", "orm",
}
DJANGO_PHRASES = ("rest framework", "class-based view", "class based view", "function-based view", "generic view",
                  "context processor", "template tag", "custom user model", "user model", "admin site", "admin panel",
                  "admin interface", "model form", "django's", "signals", "per-view", "per-site")
# Other technologies: a section titled with one of these is not about Django, nor is a question naming one.
OTHER_SECTION = re.compile(
    r"\b(python|celery|redis|rabbitmq|kafka|mysql|postgres(?:ql)?|sql|mongodb|linux|git|docker|kubernetes|nginx|"
    r"html|css|javascript|algorithms?|data structures?|devops|networking|system design|flask|fastapi)\b|"
    r"部署|算法|数据库|基础语法",
    re.IGNORECASE | re.ASCII,
)
OTHER_QUESTION = re.compile(
    r"\b(python|celery|redis|rabbitmq|kafka|pep\s?8|virtualenv|venv|pip|gunicorn|uwsgi|nginx|supervisor|git|docker|"
    r"kubernetes|mysql|mongodb|__init__\.py|decorators?|generators?|lambda|gil|"
    # Python's own names and other fields: "What does if __name__ == '__main__' do?", "range vs xrange", "NumPy"
    r"__init__|__name__|__main__|__pycache__|pyc|xrange|unicode|nosql|rdbms|linux|aws|numpy|scipy|pandas|nltk|"
    r"data mining)\b",
    re.IGNORECASE | re.ASCII,
)
# Other Python web frameworks and their ORMs: a question that names one and not Django is about that one,
# whatever words it shares with Django (middleware, ORM, serializers).
OTHER_FRAMEWORK = re.compile(r"\b(?:flask|fastapi|sqlalchemy|tortoise|pydantic|starlette)\b", re.IGNORECASE | re.ASCII)
DJANGO_BY_NAME = re.compile(r"\bdjango|\bdrf\b|\brest\s+framework\b", re.IGNORECASE | re.ASCII)
WORD = re.compile(r"[A-Za-z_][\w.\-]*\w|[A-Za-z]", re.ASCII)


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text.replace("\\", ""))]


def names_django(text: str) -> bool:
    """Whether the text names Django/DRF (typos such as "djnago" included) or something only they have."""
    lowered = text.replace("\\", "").lower()
    for word in words(text):
        if word in DJANGO_WORDS or word.split(".")[0] in DJANGO_WORDS:
            return True
        if word.startswith("django") or (4 <= len(word) <= 7 and fuzz.ratio(word, "django") >= 80):
            return True
    return any(phrase in lowered for phrase in DJANGO_PHRASES)


def is_off_topic(question: str, sections: list[str] | tuple[str, ...] = ()) -> bool:
    """The general rule above: True when the question is not about Django or DRF.

    ``sections`` are the headings enclosing the question, outermost first.
    """
    if OTHER_FRAMEWORK.search(question) and not DJANGO_BY_NAME.search(question):
        return True  # "middleware in FastAPI": a word Django shares, in another framework
    if names_django(question):
        return False
    if OTHER_QUESTION.search(question.replace("\\", "")):
        return True
    for section in reversed(sections):
        if names_django(section):
            return False
        if OTHER_SECTION.search(section):
            return True
    return False
