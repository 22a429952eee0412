"""``python -m depot_app`` starts the same app as ``depot-app``."""
from depot_app.app import main

raise SystemExit(main())
