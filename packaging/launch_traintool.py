"""The bundled program's entry point: the same `main` as the `traintool` command."""
import sys

from traintool.cli import main

if __name__ == "__main__":
    sys.exit(main())
