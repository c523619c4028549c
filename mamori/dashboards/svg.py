"""Server-side SVG charts, built as strings: no JavaScript, no CDN, valid standalone XML.

Every text that comes from data is escaped here, every chart carries a
``<title>`` and a ``<desc>`` (named by ``aria-labelledby``) and each mark has
its own ``<title>`` as a native tooltip. Colours are presentation attributes,
not ``style=``, so the charts work under a strict CSP and inside PDFs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = "Noto Sans CJK JP, Hiragino Sans, Yu Gothic, sans-serif"
PALETTE = (
    "#0b6e4f",
    "#b42318",
    "#f7c948",
    "#3b6fd8",
    "#8e44ad",
    "#e67e22",
    "#16a085",
    "#c0392b",
    "#7f8c8d",
    "#2c3e50",
    "#d35400",
    "#27ae60",
)
MUTED = "#616e7c"
GRID = "#d9e2ec"


@dataclass(frozen=True)
class Series:
    """One named row of values; ``None`` marks a gap (no data that month)."""

    name: str
    values: Sequence[float | None]
    colour: str = ""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def nice_max(value: float) -> float:
    """The smallest 1, 2 or 5 × 10ⁿ at or above ``value`` (at least 1)."""
    if value <= 1:
        return 1.0
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value:
            return float(candidate)
    return float(10 ** (exponent + 1))  # pragma: no cover - the loop always returns


def _open(slug: str, title: str, desc: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart" '
        f'aria-labelledby="{_e(slug)}-title {_e(slug)}-desc" font-family="{_e(FONT)}" '
        f'font-size="11">',
        f'<title id="{_e(slug)}-title">{_e(title)}</title>',
        f'<desc id="{_e(slug)}-desc">{_e(desc)}</desc>',
    ]


def empty(slug: str, title: str, desc: str, message: str, width: int = 720) -> str:
    """A chart frame that says there is nothing to show."""
    height = 120
    parts = _open(slug, title, desc, width, height)
    parts.append(
        f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" fill="#fafbfc" '
        f'stroke="{GRID}"/>'
    )
    parts.append(
        f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="{MUTED}" '
        f'font-size="13">{_e(message)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _y_axis(
    parts: list[str],
    left: int,
    top: int,
    plot_w: int,
    plot_h: int,
    top_value: float,
    unit: str = "",
) -> None:
    for i in range(5):
        value = top_value * i / 4
        y = top + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">'
            f"{_e(_num(value))}{_e(unit)}</text>"
        )


def _x_labels(parts: list[str], labels: Sequence[str], left: int, slot: float, y: float) -> None:
    every = max(1, math.ceil(len(labels) / 12))
    for i, label in enumerate(labels):
        if i % every:
            continue
        x = left + slot * (i + 0.5)
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" fill="{MUTED}">{_e(label)}</text>'
        )


def _legend(parts: list[str], series: Sequence[Series], x: int, top: int) -> None:
    for i, s in enumerate(series):
        y = top + i * 18
        parts.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{_e(s.colour)}"/>'
            f'<text x="{x + 18}" y="{y + 10}">{_e(s.name)}</text>'
        )


def _coloured(series: Sequence[Series]) -> list[Series]:
    return [
        Series(s.name, s.values, s.colour or PALETTE[i % len(PALETTE)])
        for i, s in enumerate(series)
    ]


def stacked_bars(
    slug: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    series: Sequence[Series],
    width: int = 720,
) -> str:
    """Vertical bars, one per label, stacked by series."""
    series = _coloured(series)
    height = max(260, 60 + 18 * len(series))
    left, top, legend_w, bottom = 44, 14, 190, 34
    plot_w, plot_h = width - left - legend_w, height - top - bottom
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(labels))]
    top_value = nice_max(max(totals, default=0))
    parts = _open(slug, title, desc, width, height)
    _y_axis(parts, left, top, plot_w, plot_h, top_value)
    slot = plot_w / max(1, len(labels))
    bar_w = max(2.0, slot * 0.7)
    for i, label in enumerate(labels):
        x = left + slot * i + (slot - bar_w) / 2
        base = float(top + plot_h)
        for s in series:
            value = s.values[i] or 0
            if value <= 0:
                continue
            h = plot_h * value / top_value
            base -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{_e(s.colour)}"><title>{_e(label)} {_e(s.name)}: {_e(_num(value))}'
                f"</title></rect>"
            )
    _x_labels(parts, labels, left, slot, top + plot_h + 16)
    _legend(parts, series, width - legend_w + 14, top)
    parts.append("</svg>")
    return "".join(parts)


def horizontal_bars(
    slug: str,
    title: str,
    desc: str,
    items: Sequence[tuple[str, float]],
    width: int = 720,
    colour: str = PALETTE[3],
) -> str:
    """One bar per item, longest first as given; labels are shortened to fit."""
    row = 22
    label_w, right = 230, 50
    height = 20 + row * len(items)
    plot_w = width - label_w - right
    top_value = nice_max(max((v for _, v in items), default=0))
    parts = _open(slug, title, desc, width, height)
    for i, (label, value) in enumerate(items):
        y = 10 + i * row
        w = plot_w * value / top_value
        short = label if len(label) <= 17 else label[:16] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end">{_e(short)}'
            f"<title>{_e(label)}</title></text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 7}" '
            f'fill="{_e(colour)}"><title>{_e(label)}: {_e(_num(value))}</title></rect>'
            f'<text x="{label_w + w + 5:.1f}" y="{y + 14}" fill="{MUTED}">{_e(_num(value))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def lines(
    slug: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    series: Sequence[Series],
    unit: str = "",
    width: int = 720,
) -> str:
    """One line per series over the labels; ``None`` values leave a gap."""
    series = _coloured(series)
    height = 260
    left, top, legend_w, bottom = 52, 14, 190, 34
    plot_w, plot_h = width - left - legend_w, height - top - bottom
    values = [v for s in series for v in s.values if v is not None]
    top_value = nice_max(max(values, default=0))
    parts = _open(slug, title, desc, width, height)
    _y_axis(parts, left, top, plot_w, plot_h, top_value, unit)
    slot = plot_w / max(1, len(labels))
    for s in series:
        run: list[str] = []
        for i, value in enumerate([*s.values, None]):
            if value is None:
                if len(run) > 1:
                    parts.append(
                        f'<polyline points="{" ".join(run)}" fill="none" '
                        f'stroke="{_e(s.colour)}" stroke-width="2"/>'
                    )
                run = []
                continue
            x = left + slot * (i + 0.5)
            y = top + plot_h - plot_h * value / top_value
            run.append(f"{x:.1f},{y:.1f}")
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{_e(s.colour)}">'
                f"<title>{_e(labels[i])} {_e(s.name)}: {_e(_num(value))}{_e(unit)}</title>"
                f"</circle>"
            )
    _x_labels(parts, labels, left, slot, top + plot_h + 16)
    _legend(parts, series, width - legend_w + 14, top)
    parts.append("</svg>")
    return "".join(parts)
