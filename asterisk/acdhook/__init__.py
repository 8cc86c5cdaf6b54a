"""acdhook: the FastAGI/ARI hook that routes Asterisk's hotline calls through acdcore."""

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    from .app import main as _main

    return _main(argv)
