"""Where the shared inputs are: ../shared beside the checkout, wherever the checkout is cloned.

Plain constants (no pytest), so the expected-value modules under tests/expected can use them too."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FILINGS = SHARED / "filings"
BUDGETS = SHARED / "budgets"
SEED = SHARED / "seed" / "000_24df321908323c58.txt"
WILD = SHARED / "wild"
