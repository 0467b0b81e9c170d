"""`hodo` command line: a thin click wrapper over `hodo.pipeline` and `hodo.store`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

import click

from hodo import __version__
from hodo.errors import HodoError
from hodo.export import FORMATS as EXPORT_FORMATS
from hodo.ingest import DEFAULT_MAX_BYTES
from hodo.models import Failure

if TYPE_CHECKING:
    from hodo.export.rows import ExportData

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
    "--no-user-gazetteer",
    is_flag=True,
    help="Do not read the user gazetteer (`hodo gazetteer path`), read by default when it exists.",
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
    help="Processes running GiNZA, each loading the model once (local engine: about 0.65 GiB each), "
    "or Ray actors (ray engine).",
)
@click.option(
    "--batch",
    default=32,
    show_default=True,
    type=click.IntRange(1, 4096),
    help="Pages per unit of work (one GiNZA batch; the granularity of progress and of resuming).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Where the per-page analysis runs: this machine's processes, or Ray (local or a cluster).",
)
@click.option(
    "--address",
    default=None,
    help="Ray cluster to join (e.g. 10.0.0.5:6379 or auto; with --engine ray). Default: start a local Ray.",
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
    no_user_gazetteer: bool,
    clean_only: bool,
    workers: int,
    batch: int,
    engine: Literal["local", "ray"],
    address: str | None,
    quiet: bool,
) -> None:
    """Analyse pages: files, folders (recursive) and globs of .txt, .html, .jsonl, .warc(.gz).

    Writes OUT/documents.jsonl (one document per page, in input order), OUT/corpus.json
    and OUT/failures.jsonl (pages that could not be analysed, with the reason), and
    upserts the documents into the store. Exits 0 when at least one page was analysed.

    An interrupted run resumes: run the same command again and the pages already
    analysed (kept in OUT/.hodo-resume.jsonl) are not analysed twice.
    """
    from hodo.extract.gazetteer_file import current_default_path
    from hodo.pipeline import Options
    from hodo.pipeline import analyze as run

    user = current_default_path()
    if not no_user_gazetteer and user.is_file() and str(user) not in gazetteers:
        gazetteers = (str(user), *gazetteers)  # the user's own entries first: --gazetteer files win

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
            options=Options(
                nlp=not clean_only,
                gazetteers=gazetteers,
                workers=workers,
                batch=batch,
                engine=engine,
                address=address,
            ),
        )
    except HodoError as e:  # a bad gazetteer or store: nothing to analyse with
        raise click.ClickException(str(e)) from e
    summary = f"{len(result.documents)} documents analysed, {len(result.failures)} failed"
    if result.resumed:
        summary += f" ({result.resumed} already analysed by an interrupted run)"
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
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (uvicorn workers) answering on the port; each opens the store itself.",
)
def serve(db_path: Path, host: str, port: int, allow_ingest: bool, workers: int) -> None:
    """Serve the store: web UI at /, REST API at /api (OpenAPI docs at /docs). Read-only
    unless --allow-ingest."""
    import os

    import uvicorn

    from hodo.api.app import ENV_ALLOW_INGEST, ENV_DB, create_app

    try:  # fail here, once, rather than in every worker
        create_app(db_path, allow_ingest=allow_ingest)
    except HodoError as e:
        raise click.ClickException(str(e)) from e
    # Workers import the app afresh (`factory`): its configuration travels in the environment.
    os.environ[ENV_DB] = str(db_path.resolve())
    os.environ[ENV_ALLOW_INGEST] = "1" if allow_ingest else "0"
    procs = f", {workers} workers" if workers > 1 else ""
    click.echo(f"hodo: serving {db_path} at http://{host}:{port}/{procs} (API docs: /docs)", err=True)
    uvicorn.run(
        "hodo.api.app:factory", factory=True, host=host, port=port, workers=workers, log_level="warning"
    )


@main.command("export")
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(EXPORT_FORMATS, case_sensitive=False),
    help="What to write (see above).",
)
@_existing_db
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    help="File to write (stdout when omitted); for parquet a folder (required) that gets"
    " documents.parquet, entities.parquet, mentions.parquet, events.parquet, quotes.parquet.",
)
@_story_filters
@click.option(
    "--gazetteer",
    "gazetteers",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Gazetteer files used in the analysis, for the states entities belong to (actor_country).",
)
def export_(
    fmt: str,
    db_path: Path,
    out: Path | None,
    entities: tuple[str, ...],
    between: tuple[str, str] | None,
    date_from: str | None,
    date_to: str | None,
    gazetteers: tuple[str, ...],
) -> None:
    """Export the store for other tools.

    \b
      jsonl       the contract documents as stored, one per line
      events-csv  one row per event (POLECAT/PLOVER-style columns), UTF-8 with BOM
      graphml     entities as nodes; events (actor → recipient) and co-occurrence
      gexf          as typed, dated edges (Gephi, Cytoscape, networkx)
      parquet     documents, entities, mentions, events, quotes: --out is a FOLDER
                  that gets one NAME.parquet per table
      md, html    the briefing of `hodo brief`

    --entity/--between/--from/--to pick the documents that mention every named entity
    and were published in the period; events are then those of these documents the
    named entities take part in (as actor, recipient or place).

    \b
    Examples:
      hodo export --format events-csv --out events.csv
      hodo export --format parquet --out out/parquet --between 北朝鮮 ロシア
    """
    from hodo import query
    from hodo.export.files import output
    from hodo.store import Store

    fmt = fmt.lower()
    if fmt == "parquet" and out is None:
        raise click.UsageError("--format parquet needs --out FOLDER (one file per table)")
    if fmt == "parquet" and out is not None and out.exists() and not out.is_dir():
        raise click.UsageError(f"--out {out} is a file; parquet writes a folder of tables")
    story: dict[str, Any] = {
        "entities": entities,
        "between": between,
        "date_from": date_from,
        "date_to": date_to,
    }
    stdout = sys.stdout.buffer
    try:
        with Store(db_path) as store:
            if fmt == "jsonl":
                from hodo.export.jsonl import write_jsonl

                payloads = query.export_payloads(store, **story)
                with output(out, stdout) as f:
                    summary = f"{write_jsonl(payloads, f)} documents"
            elif fmt in ("md", "html"):
                from hodo.export.brief import write_brief

                b = query.briefing(store, **story)
                with output(out, stdout) as f:
                    summary = (
                        f"a briefing with {write_brief(b, fmt, f)} citations from {len(b.sources)} pages"
                    )
            else:
                data = query.export_data(store, gazetteers=gazetteers, **story)
                summary = _write_tables(fmt, data, out, stdout)
    except HodoError as e:
        raise click.ClickException(str(e)) from e
    except OSError as e:
        raise click.ClickException(f"cannot write {out}: {e}") from e
    click.echo(f"hodo: exported {summary}" + (f" → {out}" if out else ""), err=True)


def _write_tables(fmt: str, data: ExportData, out: Path | None, stdout: BinaryIO) -> str:
    """Write `data` as events-csv, graphml, gexf or parquet; a one-line summary."""
    from hodo.export.files import output

    if fmt == "parquet":
        from hodo.export.parquet import write_parquet

        assert out is not None
        counts = write_parquet(data, out)
        return ", ".join(f"{n} {name}" for name, n in counts.items())
    with output(out, stdout) as f:
        if fmt == "events-csv":
            from hodo.export.events_csv import write_events_csv

            return f"{write_events_csv(data.events, f)} events from {len(data.documents)} documents"
        from hodo.export.gexf import write_gexf
        from hodo.export.graphml import write_graphml

        nodes, edges = write_graphml(data, f) if fmt == "graphml" else write_gexf(data, f)
        return f"a graph of {nodes} entities and {edges} edges"


@main.group()
def gazetteer() -> None:
    """User gazetteers: identities (QIDs, names, aliases, offices) beside the built-in ones.

    \b
    The default user gazetteer is $HODO_GAZETTEER, else
    $XDG_CONFIG_HOME/hodo/gazetteer.toml (~/.config/hodo/gazetteer.toml);
    `hodo gazetteer path` prints it. Analyse with it:
      hodo analyze pages/ --out out/ --gazetteer "$(hodo gazetteer path)"
    """


@gazetteer.command("path")
def gazetteer_path() -> None:
    """Print where the default user gazetteer is (it may not exist yet)."""
    from hodo.extract.gazetteer_file import current_default_path

    click.echo(str(current_default_path()))


@gazetteer.command("add")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--into",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The user gazetteer to merge into (created if missing)  [default: `hodo gazetteer path`]",
)
@click.option(
    "--format",
    "kind",
    type=click.Choice(["auto", "toml", "wikidata"]),
    default="auto",
    show_default=True,
    help="FILE's format; auto: by its name (.toml; .json, .jsonl, .ndjson, also .gz), else its content.",
)
@click.option(
    "--type",
    "default_type",
    type=click.Choice(["PERSON", "GPE", "ORG", "LOC", "FAC", "EVENT"]),
    help="Type for Wikidata items whose P31 (instance of) hodo does not know (default: skip them).",
)
@click.option("-v", "--verbose", is_flag=True, help="Also list the aliases and offices that were left out.")
def gazetteer_add(file: Path, into: Path | None, kind: str, default_type: str | None, verbose: bool) -> None:
    """Merge FILE into a user gazetteer: hodo's own TOML format (entries replace those with
    their id), or Wikidata entities as JSON or JSON Lines (a dump, Special:EntityData, or
    one entity per line): Japanese, English, Korean and Russian labels, Japanese aliases,
    P31 (instance of) as the type, P39 (positions held) with P580/P582 (start/end) as
    offices. An item hodo already knows (by QID) is extended, not duplicated. Adding the
    same file twice changes nothing.

    \b
    Examples:
      hodo gazetteer add people.json
      hodo gazetteer add more.toml --into project-gazetteer.toml
    """
    import gzip

    from hodo.export.files import atomic_file
    from hodo.extract.gazetteer_file import add, current_default_path, detect_kind

    target = into or current_default_path()
    try:
        data = file.read_bytes()
        if file.suffix == ".gz":
            data = gzip.decompress(data)
        text = data.decode("utf-8-sig")
        current = target.read_text(encoding="utf-8") if target.exists() else None
    except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile) as e:
        raise click.ClickException(
            f"cannot read {e.filename if isinstance(e, OSError) else file}: {e}"
        ) from e
    chosen = detect_kind(file.name, text) if kind == "auto" else ("toml" if kind == "toml" else "wikidata")
    try:
        merged, report = add(current, text, kind=chosen, where=str(file), default_type=default_type)
    except HodoError as e:
        raise click.ClickException(str(e)) from e
    for qid, why in report.skipped:
        click.echo(f"hodo: skipped {qid}: {why}", err=True)
    if verbose:
        for qid, what in report.notes:
            click.echo(f"hodo: {qid}: {what}", err=True)
    if merged is not None and merged != current:
        try:
            with atomic_file(target) as f:
                f.write(merged.encode("utf-8"))
        except OSError as e:
            raise click.ClickException(f"cannot write {target}: {e}") from e
    counts = (
        f"{len(report.added)} added, {len(report.extended)} built-in extended, "
        f"{len(report.updated)} updated, {len(report.unchanged)} unchanged"
    )
    if report.skipped or report.notes:
        counts += f"; {len(report.skipped)} items skipped, {len(report.notes)} names or offices left out"
        counts += "" if verbose or not report.notes else " (-v lists them)"
    click.echo(f"hodo: {file} → {target}: {counts}", err=True)
    if merged != current:
        click.echo(f'hodo: analyse with it: hodo analyze PAGES... --out DIR --gazetteer "{target}"', err=True)


if __name__ == "__main__":
    main()
