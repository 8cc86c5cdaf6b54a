"""Hand-written SVG charts (no plotting library): line charts and grouped or stacked bar
charts with a title, axes, grid lines, tick labels and a legend. Every series is one
``<g class="series" data-series=NAME data-values=v1,v2,...>`` so a program (the tests) can read
back exactly what is drawn."""

from __future__ import annotations

import math
from typing import Sequence
from xml.sax.saxutils import escape, quoteattr

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf"]
W, H = 960, 480
ML, MR, MT, MB = 72, 180, 48, 96


def _nice_max(v: float) -> float:
    if v <= 0:
        return 1.0
    e = 10 ** math.floor(math.log10(v))
    for m in (1, 2, 2.5, 5, 10):
        if m * e >= v:
            return m * e
    return 10 * e


def _fmt(v: float, percent: bool) -> str:
    if percent:
        return f"{v * 100:.0f}%"
    if v >= 10000:
        return f"{v / 1000:.0f}k"
    return f"{v:g}"


def _frame(title: str, y_label: str, ymax: float, percent: bool) -> list[str]:
    pw, ph = W - ML - MR, H - MT - MB
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
           f'font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
           f'<title>{escape(title)}</title>',
           f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
           f'<text x="{W / 2}" y="28" text-anchor="middle" font-size="18" font-weight="bold">{escape(title)}</text>',
           f'<text transform="translate(18,{MT + ph / 2}) rotate(-90)" text-anchor="middle">{escape(y_label)}</text>']
    for i in range(6):
        v = ymax * i / 5
        y = MT + ph - ph * i / 5
        out.append(f'<line class="grid" x1="{ML}" y1="{y:.1f}" x2="{ML + pw}" y2="{y:.1f}" stroke="#dddddd"/>')
        out.append(f'<text x="{ML - 6}" y="{y + 4:.1f}" text-anchor="end">{_fmt(v, percent)}</text>')
    out.append(f'<line x1="{ML}" y1="{MT + ph}" x2="{ML + pw}" y2="{MT + ph}" stroke="#333333"/>')
    out.append(f'<line x1="{ML}" y1="{MT}" x2="{ML}" y2="{MT + ph}" stroke="#333333"/>')
    return out


def _x_labels(labels: Sequence[str], xs: Sequence[float]) -> list[str]:
    out = []
    step = max(1, math.ceil(len(labels) / 24))
    base = H - MB + 14
    for i, (lab, x) in enumerate(zip(labels, xs)):
        if i % step:
            continue
        out.append(f'<text class="xlabel" x="{x:.1f}" y="{base}" text-anchor="end" '
                   f'transform="rotate(-40 {x:.1f} {base})">{escape(lab)}</text>')
    return out


def _legend(names: Sequence[str], colors: Sequence[str]) -> list[str]:
    out = []
    x = W - MR + 16
    for i, (n, c) in enumerate(zip(names, colors)):
        y = MT + 8 + i * 20
        out.append(f'<rect x="{x}" y="{y - 10}" width="14" height="14" fill="{c}"/>')
        out.append(f'<text class="legend" x="{x + 20}" y="{y + 2}">{escape(n[:24])}</text>')
    return out


def _values_attr(values: Sequence[float | None]) -> str:
    return ",".join("" if v is None else f"{v:g}" for v in values)


def line_chart(title: str, labels: Sequence[str], series: dict[str, Sequence[float | None]], *, y_label: str = "",
               percent: bool = False) -> str:
    pw, ph = W - ML - MR, H - MT - MB
    vals = [v for s in series.values() for v in s if v is not None]
    ymax = 1.0 if percent and (not vals or max(vals) <= 1) else _nice_max(max(vals) if vals else 1.0)
    n = max(len(labels), 1)
    xs = [ML + (pw * (i + 0.5) / n) for i in range(len(labels))]
    out = _frame(title, y_label, ymax, percent)
    colors = [PALETTE[i % len(PALETTE)] for i in range(len(series))]
    for (name, values), color in zip(series.items(), colors):
        out.append(f'<g class="series" data-series={quoteattr(name)} data-values="{_values_attr(values)}">')
        seg: list[str] = []
        for x, v in zip(xs, values):
            if v is None:
                if len(seg) > 1:
                    out.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{" ".join(seg)}"/>')
                seg = []
                continue
            y = MT + ph - ph * min(v, ymax) / ymax
            seg.append(f"{x:.1f},{y:.1f}")
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{color}"/>')
        if len(seg) > 1:
            out.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{" ".join(seg)}"/>')
        out.append("</g>")
    out += _x_labels(labels, xs) + _legend(list(series), colors) + ["</svg>"]
    return "\n".join(out)


def bar_chart(title: str, labels: Sequence[str], series: dict[str, Sequence[float]], *, y_label: str = "",
              stacked: bool = False, percent: bool = False) -> str:
    pw, ph = W - ML - MR, H - MT - MB
    n = max(len(labels), 1)
    k = max(len(series), 1)
    cols = list(series.values())
    if stacked:
        top = max((sum(s[i] or 0 for s in cols) for i in range(len(labels))), default=1.0)
    else:
        top = max((v or 0 for s in cols for v in s), default=1.0)
    ymax = 1.0 if percent and top <= 1 else _nice_max(top)
    slot = pw / n
    bw = slot * 0.8 / (1 if stacked else k)
    xs = [ML + slot * (i + 0.5) for i in range(len(labels))]
    out = _frame(title, y_label, ymax, percent)
    colors = [PALETTE[i % len(PALETTE)] for i in range(len(series))]
    base = [0.0] * len(labels)
    for j, ((name, values), color) in enumerate(zip(series.items(), colors)):
        out.append(f'<g class="series" data-series={quoteattr(name)} data-values="{_values_attr(values)}">')
        for i, v in enumerate(values):
            v = v or 0.0
            h = ph * v / ymax
            if stacked:
                x = xs[i] - bw / 2
                y = MT + ph - ph * base[i] / ymax - h
                base[i] += v
            else:
                x = xs[i] - slot * 0.4 + j * bw
                y = MT + ph - h
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(bw - 1, 1):.1f}" height="{h:.1f}" fill="{color}">'
                       f'<title>{escape(labels[i])} {escape(name)}: {v:g}</title></rect>')
        out.append("</g>")
    out += _x_labels(labels, xs) + _legend(list(series), colors) + ["</svg>"]
    return "\n".join(out)
