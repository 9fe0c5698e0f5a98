"""The extraction core: source → lines → records. Pure Python, no web framework."""
