"""``python -m lib``: see :mod:`lib.cli`."""

from lib.cli import main

raise SystemExit(main())
