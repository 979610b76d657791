"""Client history: trend charts and visit comparison.

Importing this package does not import pyqtgraph; the charts load when a
history view is first shown.
"""

from __future__ import annotations

from desktop.ui.history.bench import open_trend_view, synthetic_visits, time_trend_view
from desktop.ui.history.view import HistoryView

__all__ = ["HistoryView", "open_trend_view", "synthetic_visits", "time_trend_view"]
