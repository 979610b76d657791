"""Body geometry of the exercise figure: one set of proportions for every picture.

A figure is described by absolute segment directions in the picture plane
(degrees, 0 = right, 90 = up) and one anchored joint. Fixed segment lengths
keep every drawing in proportion, and absolute angles make the JSON easy to
read: a shank of -90 points straight down whatever the thigh does.
Scene units: the standing figure is about 100 units tall; the floor is y = 0
and y grows upwards.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Point = tuple[float, float]

# Segment lengths (scene units), roughly adult proportions for a 100-unit figure.
TRUNK_LEN = 31.0
NECK_TO_HEAD_CENTRE = 9.5
HEAD_R = 7.0
UPPER_ARM_LEN = 17.0
FOREARM_LEN = 16.0
THIGH_LEN = 25.0
SHANK_LEN = 24.0
FOOT_LEN = 8.0

# Stroke widths: thick enough to read at a 96-pixel thumbnail.
TRUNK_W = 11.0
THIGH_W = 8.0
SHANK_W = 7.0
UPPER_ARM_W = 6.5
FOREARM_W = 5.5
FOOT_W = 5.0

# Half-distances between left and right joints when the body faces the viewer.
FRONT_HIP_HALF = 5.0
FRONT_SHOULDER_HALF = 8.0

LIMB_SEGMENTS: Mapping[str, tuple[tuple[str, str, str, float, float], ...]] = {
    # limb -> (segment name, from joint, to joint, length, width)
    "arm": (
        ("upper_arm", "shoulder", "elbow", UPPER_ARM_LEN, UPPER_ARM_W),
        ("forearm", "elbow", "hand", FOREARM_LEN, FOREARM_W),
    ),
    "leg": (
        ("thigh", "hip", "knee", THIGH_LEN, THIGH_W),
        ("shank", "knee", "ankle", SHANK_LEN, SHANK_W),
        ("foot", "ankle", "toe", FOOT_LEN, FOOT_W),
    ),
}


@dataclass(frozen=True)
class Segment:
    """A thick rounded stroke between two joints."""

    name: str
    limb: str
    start: Point
    end: Point
    width: float


@dataclass(frozen=True)
class Figure:
    """Joint positions in scene units plus the drawable segments, far side first."""

    joints: Mapping[str, Point]
    segments: tuple[Segment, ...]
    head_r: float = HEAD_R

    @property
    def head(self) -> Point:
        return self.joints["head"]


def direction(angle_deg: float) -> Point:
    rad = math.radians(angle_deg)
    return (math.cos(rad), math.sin(rad))


def _add(p: Point, d: Point, k: float = 1.0) -> Point:
    return (p[0] + d[0] * k, p[1] + d[1] * k)


def build_figure(spec: Mapping[str, Any], view: str) -> Figure:
    """Joints and segments of one pose (the ``start`` or ``end`` block of a pose)."""
    scale: Mapping[str, float] = spec.get("scale") or {}
    hidden = set(spec.get("hide") or ())
    trunk_dir = direction(spec["trunk"])
    # Left/right joints sit either side of the trunk line when facing the viewer.
    lateral = (trunk_dir[1], -trunk_dir[0])
    hip_half = FRONT_HIP_HALF if view == "front" else 0.0
    shoulder_half = FRONT_SHOULDER_HALF if view == "front" else 0.0

    joints: dict[str, Point] = {"pelvis": (0.0, 0.0)}
    neck = _add((0.0, 0.0), trunk_dir, TRUNK_LEN * scale.get("trunk", 1.0))
    joints["neck"] = neck
    joints["head"] = _add(neck, direction(spec["head"]), NECK_TO_HEAD_CENTRE)
    for side, sign in (("near", 1.0), ("far", -1.0)):
        joints[f"hip_{side}"] = _add((0.0, 0.0), lateral, sign * hip_half)
        joints[f"shoulder_{side}"] = _add(neck, lateral, sign * shoulder_half)
        for limb, segments in LIMB_SEGMENTS.items():
            angles = spec[f"{limb}_{side}"]
            for (seg_name, start, end, length, _width), angle in zip(segments, angles, strict=True):
                k = scale.get(f"{seg_name}_{side}", 1.0)
                joints[f"{end}_{side}"] = _add(joints[f"{start}_{side}"], direction(angle), length * k)

    anchor_joint, ax, ay = spec["anchor"]
    ox, oy = joints[anchor_joint]
    dx, dy = ax - ox, ay - oy
    joints = {name: (x + dx, y + dy) for name, (x, y) in joints.items()}

    segments: list[Segment] = []
    order = (("far", "arm"), ("far", "leg"), (None, "trunk"), ("near", "leg"), ("near", "arm"))
    for side, limb in order:
        if side is None:
            if view == "front":
                segments.append(Segment("hips", "trunk", joints["hip_far"], joints["hip_near"], THIGH_W))
                if not hidden & {"arm_near", "arm_far"}:
                    segments.append(
                        Segment("shoulders", "trunk", joints["shoulder_far"], joints["shoulder_near"], UPPER_ARM_W)
                    )
            segments.append(Segment("trunk", "trunk", joints["pelvis"], joints["neck"], TRUNK_W))
            continue
        if f"{limb}_{side}" in hidden:
            continue
        for seg_name, start, end, _length, width in LIMB_SEGMENTS[limb]:
            segments.append(
                Segment(
                    f"{seg_name}_{side}",
                    f"{limb}_{side}",
                    joints[f"{start}_{side}"],
                    joints[f"{end}_{side}"],
                    width,
                )
            )
    return Figure(joints=joints, segments=tuple(segments))
