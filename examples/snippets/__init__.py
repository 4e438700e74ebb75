"""Namespace that the test suite executes the handbook's code blocks in.

Models defined by a code block get the app label ``snippets``.
"""
