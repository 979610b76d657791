"""Serial force-sensor lines (Chronojump protocol) decoded from bytes."""

from __future__ import annotations

from desktop.devices.serial_line import LineReply, LineSample, SerialLineDecoder


def test_sample_lines_with_crlf_split_anywhere() -> None:
    stream = b"Starting capture...\r\n12500;0.4\r\n25000;153.2\r\n37500;-0.7\r\n"
    decoder = SerialLineDecoder()
    items = []
    for cut in range(0, len(stream), 5):
        items += decoder.feed(stream[cut : cut + 5])
    assert items == [
        LineReply("Starting capture..."),
        LineSample(12500, 0.4),
        LineSample(25000, 153.2),
        LineSample(37500, -0.7),
    ]


def test_garbage_lines_are_counted_not_decoded() -> None:
    decoder = SerialLineDecoder()
    items = decoder.feed(b"12x;1.0\n\xff\xfe;3\n99;nan\n-5;1.0\n40;1e9\n50;2.5\n")
    assert items == [LineSample(50, 2.5)]
    assert decoder.discarded_lines == 5


def test_runaway_line_without_newline_is_dropped() -> None:
    decoder = SerialLineDecoder()
    assert decoder.feed(b"1" * 500) == []
    assert decoder.discarded_lines == 1
    assert decoder.feed(b"\n10;1.5\n") == [LineSample(10, 1.5)]


def test_replies_are_text() -> None:
    assert SerialLineDecoder().feed(b"Taring OK\nForce_Sensor-0.5\n") == [
        LineReply("Taring OK"),
        LineReply("Force_Sensor-0.5"),
    ]
