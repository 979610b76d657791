"""The client handout's words: short sentences a 12-year-old can read.

Every sentence the handout prints comes from here (or from the exercise
library), so a test can measure the whole text's reading level. Numbers
arrive from the clinician's program and the pain rule
(desktop.clinical.pain_rule); nothing here decides a dose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop.clinical.pain_rule import EXERCISE_PAIN_RISE_MAX, exercise_pain_limit

DEFAULT_LOG_WEEKS = 6  # no review date set: the usual re-test after 4-6 weeks (clinical-reference §7.5)
MAX_LOG_WEEKS = 12

TITLE = "Your home exercise plan"
PAIN_RULE_TITLE = "Your pain rule"
FLARE_TITLE = "If your pain flares up"
URGENT_TITLE = "Get help at once"
LOG_TITLE = "My exercise log"
EXERCISES_TITLE = "Your exercises"
CONTACT_TITLE = "How to reach us"
NEXT_VISIT_TITLE = "Your next visit"

URGENT_SIGNS: tuple[str, ...] = (
    "Go to a hospital emergency department at once if you have any of these:",
    "new numbness between your legs or around your bottom,",
    "new trouble passing urine or holding it in,",
    "new trouble holding in your bowels,",
    "weakness or numbness in both legs.",
)

LOG_HELP = (
    "Tick a box on each day you do your exercises. "
    "Write your worst pain of the week, from 0 to 10. "
    "Bring this sheet to your next visit."
)


def pain_rule(usual_nprs: int | None) -> tuple[str, ...]:
    """The one pain rule, in plain words, relative to the client's usual pain."""
    limit = exercise_pain_limit(usual_nprs)
    if usual_nprs is None or limit is None:
        return (
            "Some pain while you exercise is OK.",
            f"It may go up by {EXERCISE_PAIN_RISE_MAX} points at most, on a scale from 0 to 10.",
            "By the next morning, it should be back to your usual level.",
        )
    if limit == usual_nprs:
        return (
            f"Your usual pain is about {usual_nprs} out of 10.",
            "While you exercise, it should not get any worse than that.",
            "By the next morning, it should be back to your usual level.",
        )
    return (
        f"Your usual pain is about {usual_nprs} out of 10.",
        f"While you exercise, it may go up a little, to {limit} out of 10 at most.",
        "By the next morning, it should be back to your usual level.",
    )


def flare_steps(phone: str | None) -> tuple[str, ...]:
    """What to do when the pain rule is broken (clinical-reference §7.5: a flare over 24 h steps back)."""
    call = f"call us on {phone}" if phone else "call us"
    return (
        "A flare is pain above your rule, or pain that is still worse than usual the next morning.",
        "Stop the exercise that hurt. Keep up your normal, gentle moving about.",
        "Next time, do half as many of that exercise.",
        f"If the flare lasts more than a day, {call}. We will make your plan easier.",
    )


def _seconds(value: int) -> str:
    if value >= 60 and value % 60 == 0:
        minutes = value // 60
        return "1 minute" if minutes == 1 else f"{minutes} minutes"
    return f"{value} seconds"


def _times(count: int) -> str:
    return "once" if count == 1 else ("twice" if count == 2 else f"{count} times")


# A timed exercise is a hold unless its equipment says the client keeps moving.
TIMED_WORDS = {"foam roller": "Roll for", "kettlebell or bag": "Walk with it for"}


def timed_word(equipment: tuple[str, ...] | list[str]) -> str:
    return next((TIMED_WORDS[e] for e in equipment if e in TIMED_WORDS), "Hold for")


def dose_lines(*, sets: int | None, reps: int | None, hold_s: int | None, rest_s: int | None,
               days_per_week: int | None, strengthening: bool, timed: str = "Hold for") -> tuple[str, ...]:
    """How many and how often, one short sentence each; ``timed`` starts a timed exercise's line."""
    lines: list[str] = []
    if reps is not None:
        each = f" Hold each one for {_seconds(hold_s)}." if hold_s is not None else ""
        lines.append(f"Do it {reps} times in a row.{each} That is one set.")
        if sets is not None and sets > 1:
            rest = f" Rest for {_seconds(rest_s)} between sets." if rest_s else ""
            lines.append(f"Do {sets} sets.{rest}")
    elif hold_s is not None:
        lines.append(f"{timed} {_seconds(hold_s)}.")
        if sets is not None and sets > 1:
            rest = f" Rest for {_seconds(rest_s)} in between." if rest_s else ""
            lines.append(f"Do this {_times(sets)}.{rest}")
    if days_per_week is not None:
        if days_per_week >= 7:
            lines.append("Do it every day.")
        elif strengthening and days_per_week <= 3:
            lines.append(f"Do it on {days_per_week} days a week, with a day off in between.")
        else:
            lines.append(f"Do it on {days_per_week} days a week.")
    return tuple(lines)


SIDE_WORDS = {"left": "Left side", "right": "Right side", "both": "Both sides"}


def side_line(side: str | None) -> str | None:
    return SIDE_WORDS.get(side or "")


def video_caption() -> str:
    return "Scan with your phone camera to watch a video."


@dataclass(frozen=True)
class LogWeek:
    number: int
    days: tuple[date, ...]


def log_weeks(start: date, review: date | None) -> tuple[LogWeek, ...]:
    """Whole weeks from the day after ``start`` up to the review date (6 weeks if none is set)."""
    first = start + timedelta(days=1)
    if review is not None and review > first:
        count = -(-(review - first).days // 7)
    else:
        count = DEFAULT_LOG_WEEKS
    count = max(1, min(count, MAX_LOG_WEEKS))
    return tuple(
        LogWeek(n + 1, tuple(first + timedelta(days=7 * n + d) for d in range(7))) for n in range(count)
    )
