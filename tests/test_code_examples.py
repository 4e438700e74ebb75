"""Every Python example in the bank runs against the pinned Django and DRF.

Each block is executed as its own module inside a configured Django project whose ``shop`` app
provides the shared example models; test cases a block defines are run against a test database.
"""

from __future__ import annotations

import ast
import io
import json
import os
import re
import sys
import types
import unittest

import pytest

from bank import all_blocks
from conftest import ARTIFACTS

# A block whose first line says it needs a newer Django (``# Django 6.0+ ...``) cannot run on the
# pinned 5.2 (Django 6 needs Python 3.12): it is parsed, counted and reported, never executed.
NEWER_DJANGO = re.compile(r"^#\s*Django\s+6\.\d+\+")
ALL_PYTHON = [b for b in all_blocks() if b.lang == "python"]
PYTHON = [b for b in ALL_PYTHON if not NEWER_DJANGO.match(b.code)]
PARSE_ONLY = [b for b in ALL_PYTHON if NEWER_DJANGO.match(b.code)]


@pytest.fixture(scope="module")
def django_project():
    os.environ["DJANGO_SETTINGS_MODULE"] = "shop_settings"
    # Settings examples read their secrets from the environment and stop when one is missing, as a
    # deployment provides them; the examples' own environment provides these.
    for name in ("DJANGO_SECRET_KEY", "POSTGRES_PASSWORD"):
        os.environ.setdefault(name, f"examples-only-{name.lower()}")
    import django
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment, teardown_test_environment

    django.setup()
    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    databases = runner.setup_databases()
    yield
    runner.teardown_databases(databases)
    teardown_test_environment()


def test_the_bank_has_python_examples() -> None:
    assert len(PYTHON) >= 10


def test_newer_django_examples_parse_and_are_counted(capsys: pytest.CaptureFixture[str]) -> None:
    """Django 6.x-only examples are valid Python; how many there are is reported with the run."""
    for block in PARSE_ONLY:
        ast.parse(block.code, block.where)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    metrics = ARTIFACTS / "code-examples.json"
    metrics.write_text(json.dumps({"executed": len(PYTHON), "parse_only_django_6": len(PARSE_ONLY),
                                   "parse_only": [b.where for b in PARSE_ONLY]}, indent=2) + "\n", encoding="utf-8")
    with capsys.disabled():
        print(f"\ncode examples: {len(PYTHON)} executed on Django 5.2, {len(PARSE_ONLY)} Django 6.x-only parsed, not run")


@pytest.mark.parametrize("block", PYTHON, ids=[b.where for b in PYTHON])
def test_python_block_runs(block, django_project) -> None:
    from django.apps import apps

    # A model an example defines can add reverse accessors to installed models (a custom user model
    # adds `user_set` to Group and Permission): put every installed model's attributes back afterwards.
    installed = {model: dict(vars(model)) for model in apps.get_models() if model._meta.app_label != "snippets"}
    name = "snippets.block_" + "".join(ch if ch.isalnum() else "_" for ch in block.where)
    module = types.ModuleType(name)
    module.__file__ = block.where
    sys.modules[name] = module
    try:
        exec(compile(block.code, block.where, "exec"), module.__dict__)
        cases = [obj for obj in vars(module).values()
                 if isinstance(obj, type) and issubclass(obj, unittest.TestCase) and obj.__module__ == name]
        if cases:
            suite = unittest.TestSuite(unittest.defaultTestLoader.loadTestsFromTestCase(c) for c in cases)
            output = io.StringIO()
            result = unittest.TextTestRunner(stream=output, verbosity=2).run(suite)
            assert result.testsRun > 0
            assert result.wasSuccessful(), f"{block.where}: the example's tests fail:\n{output.getvalue()}"
    finally:
        sys.modules.pop(name, None)
        apps.all_models["snippets"].clear()
        apps.clear_cache()
        for model, attributes in installed.items():
            for attribute in set(vars(model)) - set(attributes):
                delattr(model, attribute)
            for attribute, value in attributes.items():
                if vars(model).get(attribute) is not value:
                    setattr(model, attribute, value)


def test_every_json_example_is_valid() -> None:
    import json

    for block in (b for b in all_blocks() if b.lang == "json"):
        json.loads(block.code)
