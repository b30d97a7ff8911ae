"""What a person looks at: the HTML report over quality_results and the page crops beside each finding.

`write_report` (html.py) writes the paged index, one page per document with findings, and the crops
(evidence.py); `show` (show.py) draws the same crop for any figure of a stored document.
"""
from expectations.report.evidence import CropSettings
from expectations.report.html import write_report

__all__ = ["CropSettings", "write_report"]
