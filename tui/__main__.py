"""Allow ``python -m tui`` as well as the ``taper-tui`` console script."""

from tui.cli import main

raise SystemExit(main())
