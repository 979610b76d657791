"""Referral PDF: reportlab renderers fed by plain data (no Qt, no storage).

- ``desktop.report.data``: ``ReportData`` (with its ``TrendSeries``), ``ExerciseCard``.
- ``desktop.report.renderer``: ``ReferralReportRenderer`` and ``render_report(data)``.
- ``desktop.report.fonts``: embedded fonts and ``check_text_coverage(texts)``.
- ``desktop.report.samples``: sample reports for the documentation and previews.

Nothing here imports reportlab at module import time; the window can check
names without loading it.
"""

import desktop.content  # noqa: F401,E402  (registers the shipped exercise library and norm tables)
