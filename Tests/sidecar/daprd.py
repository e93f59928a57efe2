#!/usr/bin/env python3
"""standin-daprd entry point: python3 Tests/sidecar/daprd.py --app-id ID --app-port P ..."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from standin.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
