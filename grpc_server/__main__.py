"""``python -m grpc_server [serve options]``: the same as ``acdcore serve``."""

import sys

from acdcore.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))
