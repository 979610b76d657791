"""Referral PDF: reportlab renderers fed by plain data (no Qt, no storage).

- ``desktop.report.data``: ``ReportData`` (with its ``TrendSeries``), ``ExerciseCard``.
- ``desktop.report.renderer``: ``ReferralReportRenderer`` and ``render_report(data)``.
- ``desktop.report.fonts``: embedded fonts and ``check_text_coverage(texts)``.
- ``desktop.report.samples``: sample reports for the documentation and previews.

Nothing here imports reportlab at module import time; the window can check
names without loading it.
"""

import os

# reportlab type-checks every attribute set on a drawing shape when its graphics load with
# shapeChecking on: a tenth of every letter's time for checks of our own chart and picture
# code, whose tests render every drawing. Off unless asked for (RL_shapeChecking=1).
os.environ.setdefault("RL_shapeChecking", "0")

import desktop.content  # noqa: F401,E402  (registers the shipped exercise library and norm tables)
