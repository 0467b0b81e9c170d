"""`hodo` command line: a thin click wrapper over `hodo.pipeline` and `hodo.store`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from hodo import __version__
from hodo.errors import HodoError
from hodo.ingest import DEFAULT_MAX_BYTES
from hodo.models import Failure

DEFAULT_DB = "hodo.db"


_existing_db = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="SQLite store written by `hodo analyze`.",
)


def _megabytes(value: float) -> int:
    return int(value * 1024 * 1024)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hodo")
def main() -> None:
    """hodo (報道): Japanese news pages in, a cited and searchable knowledge base out.

    \b
    Typical use:
      hodo analyze pages/ --out out/        clean and analyse a folder of pages
      hodo search 北朝鮮 ロシア              full-text search of what was analysed
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for documents.jsonl, corpus.json and failures.jsonl.",
)
@click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(path_type=Path),
    help="SQLite store to upsert the documents into.",
)
@click.option("--no-db", is_flag=True, help="Write the output files only; do not touch a store.")
@click.option(
    "--max-mb",
    default=DEFAULT_MAX_BYTES / 1024 / 1024,
    show_default=True,
    type=float,
    help="Pages larger than this many megabytes are refused (recorded as failures).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on stderr (default: when stderr is a terminal and there are >5 pages).",
)
@click.option(
    "--gazetteer",
    "gazetteers",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra gazetteer file (TOML, the format of hodo/data/gazetteer.toml); entries merge by id.",
)
@click.option(
    "--clean-only",
    is_flag=True,
    help="Clean and split sentences only: no entities or dates (no GiNZA; far faster).",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes running GiNZA (each loads the model once, about 1.7 GiB).",
)
@click.option("-q", "--quiet", is_flag=True, help="Do not list failed pages on stderr.")
def analyze(
    inputs: tuple[str, ...],
    out_dir: Path,
    db_path: Path,
    no_db: bool,
    max_mb: float,
    progress: bool | None,
    gazetteers: tuple[str, ...],
    clean_only: bool,
    workers: int,
    quiet: bool,
) -> None:
    """Analyse pages: files, folders (recursive) and globs of .txt, .html, .jsonl, .warc(.gz).

    Writes OUT/documents.jsonl (one document per page, in input order), OUT/corpus.json
    and OUT/failures.jsonl (pages that could not be analysed, with the reason), and
    upserts the documents into the store. Exits 0 when at least one page was analysed.
    """
    from hodo.pipeline import Options
    from hodo.pipeline import analyze as run

    def report(f: Failure) -> None:
        if not quiet:
            click.echo(f"hodo: skipped {f.source}: {f.reason}", err=True)

    try:
        result = run(
            list(inputs),
            out_dir,
            db_path=None if no_db else db_path,
            max_bytes=_megabytes(max_mb),
            progress=progress,
            on_failure=report,
            options=Options(nlp=not clean_only, gazetteers=gazetteers, workers=workers),
        )
    except HodoError as e:  # a bad gazetteer or store: nothing to analyse with
        raise click.ClickException(str(e)) from e
    summary = f"{len(result.documents)} documents analysed, {len(result.failures)} failed"
    if result.same_content:
        summary += f", {len(result.same_content)} repeated pages analysed once"
    summary += f" → {out_dir}"
    if result.store_changes:
        c = result.store_changes
        summary += (
            f"; store {db_path}: {c['inserted']} new, {c['updated']} updated, {c['unchanged']} unchanged"
        )
    click.echo(summary, err=True)
    if not result.documents:
        sys.exit(1)


@main.command()
@click.argument("query", nargs=-1, required=True)
@_existing_db
@click.option("-n", "--limit", default=10, show_default=True, help="How many hits to show.")
@click.option("--raw", is_flag=True, help="Pass the query to SQLite FTS5 as written (its query syntax).")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON lines.")
def search(query: tuple[str, ...], db_path: Path, limit: int, raw: bool, as_json: bool) -> None:
    """Full-text search of the store; words are ANDed. Japanese works as typed (2+ characters)."""
    import json
    from dataclasses import asdict

    from hodo.store import Store

    try:
        with Store(db_path) as store:
            hits = store.search(" ".join(query), limit=limit, raw=raw)
    except HodoError as e:
        raise click.ClickException(str(e)) from e
    if as_json:
        for h in hits:
            click.echo(json.dumps(asdict(h), ensure_ascii=False))
        return
    if not hits:
        click.echo("no matches", err=True)
        return
    for i, h in enumerate(hits, 1):
        meta = " · ".join(x for x in (h.outlet, h.published, h.source) if x)
        click.echo(f"{i}. {h.title or '(no title)'}")
        click.echo(f"   {meta}")
        click.echo(f"   {h.snippet}")


_ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _iso(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    import re

    if value is not None and not re.match(_ISO_DATE, value):
        raise click.BadParameter(f"{value!r} is not a date like 2024, 2024-06 or 2024-06-19")
    return value


def _story_filters(f: Callable[..., None]) -> Callable[..., None]:
    """--entity, --between, --from and --to, as `timeline` and `brief` take them."""
    for option in reversed(
        [
            click.option(
                "--entity",
                "entities",
                multiple=True,
                help="Only what this entity takes part in (repeatable).",
            ),
            click.option(
                "--between", nargs=2, default=None, help="Only what both of these entities take part in."
            ),
            click.option(
                "--from", "date_from", callback=_iso, help="From this date (2024, 2024-06, 2024-06-19)."
            ),
            click.option(
                "--to", "date_to", callback=_iso, help="Up to this date, inclusive at its precision."
            ),
        ]
    ):
        f = option(f)
    return f


@main.command()
@_existing_db
@_story_filters
@click.option("--min-sources", default=1, show_default=True, help="Only events told by at least N pages.")
@click.option("--dated", is_flag=True, help="Only events a page gives a date for.")
@click.option("-n", "--limit", default=200, show_default=True, help="How many events to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the timeline as JSON.")
def timeline(
    db_path: Path,
    entities: tuple[str, ...],
    between: tuple[str, str] | None,
    date_from: str | None,
    date_to: str | None,
    min_sources: int,
    dated: bool,
    limit: int,
    as_json: bool,
) -> None:
    """Events of the story in date order, one row per real-world event (an event cluster):
    when, what, who first reported it, how many pages tell it, and who disputes it.

    \b
    Examples:
      hodo timeline --entity プーチン --from 2024
      hodo timeline --between 北朝鮮 ロシア --min-sources 2 --json
    An event no page dates is placed at its first report, shown as "(reported …)".
    """
    import json

    from hodo.query import timeline as run
    from hodo.query import timeline_json
    from hodo.store import Store

    try:
        with Store(db_path) as store:
            entries = run(
                store,
                entities=entities,
                between=between,
                date_from=date_from,
                date_to=date_to,
                min_sources=min_sources,
                dated_only=dated,
                limit=limit,
            )
    except HodoError as e:
        raise click.ClickException(str(e)) from e
    if as_json:
        click.echo(json.dumps([timeline_json(e) for e in entries], ensure_ascii=False, indent=1))
        return
    if not entries:
        click.echo("no events", err=True)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(header_style="bold")
    table.add_column("date", no_wrap=True)
    table.add_column("event", overflow="fold", ratio=3)
    table.add_column("first reported", overflow="fold", ratio=2)
    table.add_column("pages", no_wrap=True)
    table.add_column("disputed by", overflow="fold", ratio=1)
    for ent in entries:
        if ent.time is not None:
            date = ent.time.value + (f"〜{ent.time.end_value}" if ent.time.end_value else "")
        else:
            date = f"(reported {(ent.sort_date or '?')[:10]})"
        kind = ent.type + (f"/{','.join(ent.modes)}" if ent.modes else "")
        what = f"{kind} {'・'.join(ent.participants[:3])} 「{ent.sources[0].trigger}」"
        first = ent.first_reported
        table.add_row(
            date,
            what,
            f"{first.outlet or first.source} {(first.published or '')[:10]}".strip(),
            f"{len({s.doc_id for s in ent.sources})} ({ent.corroborated_by} assert)",
            "、".join(ent.disputed_by),
        )
    console = Console()
    console.width = max(console.width, 120)  # a pipe gets 80 columns: too narrow for this table
    console.print(table)


@main.command()
@_existing_db
@_story_filters
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file, not stdout."
)
def brief(
    db_path: Path,
    entities: tuple[str, ...],
    between: tuple[str, str] | None,
    date_from: str | None,
    date_to: str | None,
    fmt: str,
    output: Path | None,
) -> None:
    """An analyst's note on what the store holds: 概要, 詳細 (events in date order), 要点,
    係争点 (what sources dispute, both sides quoted) and 出典. Every line cites source
    sentences as [n]; 出典 lists each page with the sentences its citations point at.

    \b
    Examples:
      hodo brief --entity 金正恩 --from 2024
      hodo brief --between 北朝鮮 ロシア --format html -o brief.html
    """
    from hodo.query import briefing, render
    from hodo.store import Store

    try:
        with Store(db_path) as store:
            b = briefing(store, entities=entities, between=between, date_from=date_from, date_to=date_to)
    except HodoError as e:
        raise click.ClickException(str(e)) from e
    text = render(b, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output} ({len(b.citations)} citations from {len(b.sources)} pages)", err=True)


@main.command()
@_existing_db
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (localhost only by default)."
)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--allow-ingest",
    is_flag=True,
    help="Enable POST /api/ingest (pages sent as content, analysed into the store). Off by default.",
)
def serve(db_path: Path, host: str, port: int, allow_ingest: bool) -> None:
    """Serve the store: web UI at /, REST API at /api (OpenAPI docs at /docs). Read-only
    unless --allow-ingest."""
    import uvicorn

    from hodo.api import create_app

    click.echo(f"hodo: serving {db_path} at http://{host}:{port}/ (API docs: /docs)", err=True)
    uvicorn.run(create_app(db_path, allow_ingest=allow_ingest), host=host, port=port, log_level="warning")


if __name__ == "__main__":
    main()
