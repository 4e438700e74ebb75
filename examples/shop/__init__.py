"""The example shop app: the models every code example in the handbook uses."""
