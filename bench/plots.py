"""The bench's plots (PNG beside RESULTS.md): latency versus corpus size, and recall per language."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from pathlib import Path

from bench.recall import Recall
from bench.scale import ScaleRow
from bench.stats import pct


def latency_plot(rows: Sequence[ScaleRow], path: Path) -> None:
    """p50 (solid) and p95 (dashed) of both retrievers against the corpus size, log-log."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, NullFormatter

    sizes = [r.chunks for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    for label, pick, colour in (("Rapport hybrid", lambda r: r.ours, "tab:blue"),
                                ("plain Chroma", lambda r: r.plain, "tab:orange")):
        p50 = [statistics.median(pick(r)) for r in rows]
        ax.plot(sizes, p50, "o-", color=colour, label=f"{label}, p50")
        ax.plot(sizes, [pct(pick(r), 95) for r in rows], "s--", color=colour, alpha=0.7, label=f"{label}, p95")
        for size, value in zip(sizes, p50, strict=True):
            below = colour == "tab:orange"  # ours is the slower line: its labels go above, the peer's below
            ax.annotate(f"p50 {value:.0f} ms" if value >= 10 else f"p50 {value:.1f} ms", (size, value), fontsize=8,
                        color=colour, textcoords="offset points", xytext=(8, -14) if below else (-8, 10),
                        ha="left" if below else "right")
    ax.plot(sizes, [statistics.median(r.unfiltered) for r in rows], "^:", color="grey",
            label="plain Chroma without the audience filter, p50")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xticks(sizes, [f"{s:,}" for s in sizes])
    ax.set_xlim(sizes[0] / 2.5, sizes[-1] * 2.2)
    everything = [v for r in rows for v in (*r.ours, *r.plain, *r.unfiltered)]
    ax.set_ylim(min(everything) * 0.6, max(pct(r.ours, 95) for r in rows) * 1.8)
    ax.set_xlabel("chunks in the index (synthetic: perturbed real e5 vectors)")
    ax.set_ylabel("retrieval latency, ms (query embedding cached)")
    ax.set_title("Retrieval latency versus corpus size")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def recall_plot(recalls: Sequence[Recall], path: Path) -> None:
    """hit@5 per language, grouped bars: each system on each question set."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    languages = list(recalls[0].by_language)
    width = 0.8 / len(recalls)
    colours = {("Rapport", "tuned"): "tab:blue", ("Rapport", "held-out"): "lightsteelblue",
               ("plain Chroma", "tuned"): "tab:orange", ("plain Chroma", "held-out"): "navajowhite"}
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=120)
    for n, recall in enumerate(recalls):
        xs = [i + (n - (len(recalls) - 1) / 2) * width for i in range(len(languages))]
        bars = ax.bar(xs, [recall.by_language.get(lang, 0.0) for lang in languages], width,
                      label=f"{recall.system}, {recall.question_set} set",
                      color=colours.get((recall.system, recall.question_set)), edgecolor="black", linewidth=0.4)
        ax.bar_label(bars, fmt="%.2f", fontsize=6, padding=1)
    ax.axhline(0.9, color="grey", linestyle=":", linewidth=1)
    ax.set_xticks(range(len(languages)), languages)
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("hit@5 (dotted: target 0.9)")
    ax.set_title("Retrieval recall (hit@5) per language")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2, fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
