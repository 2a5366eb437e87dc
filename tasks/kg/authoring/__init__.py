"""The authored Freebase-style graph and questions of the KG task (see build.py)."""
