"""Start Depot Desk: ``python main.py`` is the same as ``depot-app``."""
from depot_app.app import main

raise SystemExit(main())
