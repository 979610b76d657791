"""Progressor frames decoded from bytes laid out as the published protocol describes."""

from __future__ import annotations

import math
import struct

import pytest

from desktop.devices.progressor import (
    CommandReply,
    LowPower,
    ProgressorDecoder,
    Unwrapper,
    WeightSamples,
    battery_from_reply,
)


def weight_frame(*pairs: tuple[float, int]) -> bytes:
    payload = b"".join(struct.pack("<fI", kg, us) for kg, us in pairs)
    return bytes([1, len(payload)]) + payload


# Two frames as a Progressor sends them at 80 Hz: 12.5 ms apart, about 15 kg.
FRAME_A = weight_frame((15.25, 1_000_000), (15.5, 1_012_500))
FRAME_B = weight_frame((15.75, 1_025_000))
LOW_POWER = bytes([4, 0])
BATTERY_REPLY = bytes([0, 4]) + struct.pack("<I", 3950)


def test_one_weight_frame_gives_kilograms_and_microseconds() -> None:
    frames = ProgressorDecoder().feed(FRAME_A)
    assert frames == [WeightSamples((1_000_000, 1_012_500), (15.25, 15.5))]


def test_a_frame_split_over_notifications_is_reassembled() -> None:
    decoder = ProgressorDecoder()
    stream = FRAME_A + FRAME_B
    frames = []
    for cut in range(0, len(stream), 3):
        frames += decoder.feed(stream[cut : cut + 3])
    assert frames == [
        WeightSamples((1_000_000, 1_012_500), (15.25, 15.5)),
        WeightSamples((1_025_000,), (15.75,)),
    ]
    assert decoder.discarded_bytes == 0


def test_merged_notification_holds_several_frames_of_different_kinds() -> None:
    frames = ProgressorDecoder().feed(FRAME_A + LOW_POWER + FRAME_B + BATTERY_REPLY)
    assert [type(f) for f in frames] == [WeightSamples, LowPower, WeightSamples, CommandReply]
    battery = battery_from_reply(frames[3].payload)  # type: ignore[union-attr]
    assert battery is not None and battery.voltage_v == pytest.approx(3.95)
    assert battery.fraction == pytest.approx((3.95 - 3.3) / 0.9)


def test_low_power_frame_with_payload() -> None:
    assert ProgressorDecoder().feed(bytes([4, 2, 0x10, 0x0E])) == [LowPower(b"\x10\x0e")]


def test_garbage_is_skipped_and_counted_then_frames_decode() -> None:
    decoder = ProgressorDecoder()
    garbage = bytes(
        [0xFF, 0x7E, 0x13, 0x99, 0x01, 0x05]
    )  # 0x01 0x05: a weight tag with a bad length
    frames = decoder.feed(garbage + FRAME_B)
    assert frames == [WeightSamples((1_025_000,), (15.75,))]
    assert decoder.discarded_bytes == len(garbage)


def test_frame_with_impossible_weight_is_discarded() -> None:
    decoder = ProgressorDecoder()
    bad = weight_frame((math.nan, 10), (5.0, 20))
    frames = decoder.feed(bad + FRAME_B)
    assert frames == [WeightSamples((1_025_000,), (15.75,))]
    assert decoder.discarded_bytes == len(bad)


def test_incomplete_frame_waits_for_more_bytes() -> None:
    decoder = ProgressorDecoder()
    assert decoder.feed(FRAME_A[:-1]) == []
    assert decoder.feed(FRAME_A[-1:]) == [WeightSamples((1_000_000, 1_012_500), (15.25, 15.5))]


def test_microsecond_counter_wrap_keeps_time_increasing() -> None:
    clock = Unwrapper()
    near_wrap = (1 << 32) - 5_000
    assert clock.seconds(near_wrap) == 0.0
    assert clock.seconds(7_500) == pytest.approx(0.0125)
    assert clock.seconds(20_000) == pytest.approx(0.025)


def test_short_battery_reply_is_not_a_reading() -> None:
    assert battery_from_reply(b"\x01") is None
