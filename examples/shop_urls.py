"""Root URLconf for the examples project: empty, tests add what they need."""

urlpatterns: list = []
