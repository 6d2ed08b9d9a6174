"""``python -m toolkit``: see :mod:`toolkit.cli`."""
import sys

from toolkit.cli import main

if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
