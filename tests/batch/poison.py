"""An extractor for tests: kills its worker process on files named *poison*,
extracts the others as usual. And a worker that sees no shared directory."""
import os

from gongbao.extract.pipeline import extract_path


def extract(path):
    if "poison" in os.path.basename(path):
        os._exit(3)
    return extract_path(path)


def blind(directory, name, content):
    """In place of work.sees: this worker does not see the client's output directory."""
    return False
