"""gongbao (公报): read government gazettes, extract what they establish, supervise it."""

__version__ = "0.1.0"
