"""`python -m gongbao.batch DIR_OR_LISTFILE ...` (same as `gongbao batch`)."""
import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
