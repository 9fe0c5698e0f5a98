"""The knowledge-base app: models of every record family, pages, commands."""
