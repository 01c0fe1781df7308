"""Commands on files: ``sample``, ``import``, ``analyze``, ``report``."""

from __future__ import annotations

from pathlib import Path

import click

from eclaire.cli.base import _fail, main


@main.command()
@click.option("--units", "n_units", type=click.IntRange(12, 5000), default=40, show_default=True)
@click.option("--people", type=click.IntRange(50, 500_000), default=600, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
def sample(n_units: int, people: int, seed: int, lang: str, out: Path) -> None:
    """Write a realistic sample organization (units, roster, responses, truth.json) to OUT."""
    from eclaire.core.instrument_loader import load_default_instrument
    from eclaire.core.interchange import write_table
    from eclaire.core.sample import generate_sample, write_sample
    from eclaire.core.sample.signals import generate_signals

    click.echo(f"Generating {people} people in {n_units} units (seed {seed})…", err=True)
    try:
        data = generate_sample(
            units=n_units, people=people, seed=seed, instrument=load_default_instrument(), lang=lang
        )
    except ValueError as exc:
        _fail(f"eclaire sample: {exc}")
    try:
        signals, data.truth["signals"] = generate_signals(data.units, data.truth, seed)
    except ValueError as exc:  # too few units for a supply chain: no customer signals
        signals = None
        click.echo(f"  no customer signals: {exc}", err=True)
    for path in write_sample(data, out):
        click.echo(f"  wrote {path}", err=True)
    if signals is not None:
        write_table(signals, out / "signals.csv")
        click.echo(f"  wrote {out / 'signals.csv'} ({len(signals)} customer signals)", err=True)
    click.echo(f"{len(data.responses)} responses from {len(data.roster)} people.", err=True)


@main.command("import")
@click.argument("kind", type=click.Choice(["units", "roster", "responses", "signals"]))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--org", "org_slug", required=True, help="Organization identifier (created if new).")
@click.option(
    "--campaign", "campaign_slug", help="Campaign identifier, for responses (created if new)."
)
@click.option(
    "--instrument",
    default="coherence",
    show_default=True,
    help="Instrument id or YAML file, when the campaign is created.",
)
@click.option(
    "--allow-duplicates",
    is_flag=True,
    help="Import responses even if the campaign already holds the same ones.",
)
@click.option(
    "--source",
    type=click.Choice(["file", "zendesk", "freshdesk", "hubspot", "salesforce"]),
    default="file",
    show_default=True,
    help="Signals: a canonical signal file, or a help-desk or CRM export.",
)
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Signals: the YAML mapping of an export (queues and teams to units, reasons).",
)
def import_(
    kind: str,
    file: Path,
    org_slug: str,
    campaign_slug: str | None,
    instrument: str,
    allow_duplicates: bool,
    source: str,
    mapping: Path | None,
) -> None:
    """Validate FILE whole, then write it in one transaction (CSV or XLSX)."""
    from eclaire.web.bootstrap import migrate, setup_django

    setup_django()
    migrate()
    if kind == "signals":
        _import_signals(file, org_slug, campaign_slug, source, mapping)
        return
    from eclaire.web.imports import ImportRequest, do_import_file

    if kind == "responses" and not campaign_slug:
        _fail("import responses needs --campaign")
    request = ImportRequest(
        kind=kind,
        path=file,
        org_slug=org_slug,
        campaign_slug=campaign_slug,
        instrument=instrument,
        allow_duplicates=allow_duplicates,
    )
    click.echo(f"Checking {file}…", err=True)
    outcome = do_import_file(request)
    if outcome.problems:
        click.secho(str(outcome.problems), fg="red", err=True)
        click.secho("Nothing was written.", fg="red", err=True)
        raise SystemExit(1)
    for warning in outcome.warnings:
        click.secho(f"Warning: {warning}", fg="yellow", err=True)
    click.echo(f"Imported {outcome.count} {kind} into {org_slug}.")


def _import_signals(
    file: Path, org_slug: str, campaign_slug: str | None, source: str, mapping: Path | None
) -> None:
    from eclaire.web.campaigns.models import Campaign
    from eclaire.web.signals.services import do_import_signals

    if not campaign_slug:
        _fail("import signals needs --campaign")
    if source != "file" and mapping is None:
        _fail(f"import signals --source {source} needs --mapping (see docs/formats.md)")
    campaign = Campaign.objects.filter(organization__slug=org_slug, slug=campaign_slug).first()
    if campaign is None:
        _fail(f"no campaign {campaign_slug!r} in organization {org_slug!r}: import its units first")
    click.echo(f"Checking {file}…", err=True)
    outcome = do_import_signals(campaign, file, source, mapping)
    if outcome.problems:
        click.secho(str(outcome.problems), fg="red", err=True)
        click.secho("Nothing was written.", fg="red", err=True)
        raise SystemExit(1)
    for warning in outcome.warnings:
        click.secho(f"Warning: {warning}", fg="yellow", err=True)
    click.echo(f"Imported {outcome.count} signals into {org_slug}/{campaign_slug}.")


@main.command()
@click.option(
    "--instrument",
    "instrument_ref",
    default="coherence",
    show_default=True,
    help="A default instrument id or a YAML file.",
)
@click.option(
    "--units",
    "units_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
)
@click.option(
    "--responses",
    "responses_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option(
    "--min-group",
    type=int,
    default=5,
    show_default=True,
    help="Anonymity threshold: smallest group shown (3 or more).",
)
@click.option(
    "--previous",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The result.json of the previous wave, for the trend.",
)
@click.option("--declared", help="Declared priority codes in order, comma-separated.")
@click.option(
    "--lang",
    type=click.Choice(["fr", "en"]),
    default="en",
    show_default=True,
    help="Language of the summary.",
)
@click.option("--no-messages", is_flag=True, help="Skip the message-drift analysis of free texts.")
@click.option(
    "--check", is_flag=True, help="Also validate the result against docs/result.schema.json."
)
@click.option(
    "--processes",
    type=click.IntRange(1, 2),
    default=2,
    show_default=True,
    help="2 computes part of a large campaign on a second core (Linux); 1 uses one process. "
    "The result is the same.",
)
def analyze(
    instrument_ref: str,
    units_file: Path,
    responses_file: Path,
    out: Path,
    min_group: int,
    previous: Path | None,
    declared: str | None,
    lang: str,
    no_messages: bool,
    check: bool,
    processes: int,
) -> None:
    """Analyze responses and write the diagnostic as JSON (docs/result.md)."""
    from eclaire.core.analysis.runner import AnalysisInputError, run_analysis

    try:
        summary = run_analysis(
            instrument_ref=instrument_ref,
            units_file=units_file,
            responses_file=responses_file,
            out=out,
            min_group=min_group,
            previous_file=previous,
            declared=[c.strip() for c in declared.split(",")] if declared else None,
            lang=lang,
            messages=not no_messages,
            check=check,
            progress=lambda msg: click.echo(msg, err=True),
            processes=processes,
        )
    except AnalysisInputError as exc:
        click.secho(str(exc), fg="red", err=True)
        raise SystemExit(1) from None
    click.echo(summary)


@main.command()
@click.option("--org", "org_slug", help="Organization identifier (with --campaign).")
@click.option("--campaign", "campaign_slug", help="Campaign identifier: report its stored result.")
@click.option(
    "--result",
    "result_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Render a result.json instead, without any database.",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option(
    "--pdf",
    "pdf_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also print it to PDF.",
)
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@click.option(
    "--org-name", help="Organization name on the cover (default: from the database or --org)."
)
@click.option(
    "--campaign-name", help="Campaign name on the cover (default: from the database or --campaign)."
)
def report(
    org_slug: str | None,
    campaign_slug: str | None,
    result_file: Path | None,
    out: Path,
    pdf_out: Path | None,
    lang: str,
    org_name: str | None,
    campaign_name: str | None,
) -> None:
    """Write the diagnostic report as one self-contained HTML file, and a PDF with --pdf."""
    from eclaire.report import PdfUnavailable, render_html, render_pdf

    click.echo("1/3 Loading the result…", err=True)
    inputs = _report_inputs(org_slug, campaign_slug, result_file)
    inputs["org_name"] = org_name or inputs["org_name"]
    inputs["campaign_name"] = campaign_name or inputs["campaign_name"]
    click.echo(f"2/3 Writing {out}…", err=True)
    from eclaire.web.plans.report_hooks import report_hooks

    hooks = report_hooks(inputs["result"], lang, inputs.pop("overrides", None))
    campaign = inputs.pop("campaign", None)
    if campaign is not None:
        from eclaire.web.signals.mirror import campaign_mirror

        hooks["external_mirror"] = campaign_mirror(campaign, lang)
    html = render_html(inputs.pop("result"), lang=lang, **inputs, **hooks)
    out.write_text(html, encoding="utf-8")
    if pdf_out is not None:
        click.echo(f"3/3 Printing {pdf_out}…", err=True)
        try:
            pdf_out.write_bytes(render_pdf(html))
        except PdfUnavailable as exc:
            click.secho(str(exc), fg="red", err=True)
            raise SystemExit(1) from None
    click.echo(f"Report written to {out}" + (f" and {pdf_out}." if pdf_out else "."))


def _report_inputs(
    org_slug: str | None, campaign_slug: str | None, result_file: Path | None
) -> dict:
    """The result and cover names, from a file or from the campaign's stored analysis."""
    import json

    if result_file is not None:
        try:
            data = json.loads(result_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            click.secho(f"{result_file}: not a readable result file ({exc}).", fg="red", err=True)
            raise SystemExit(1) from None
        return {
            "result": data,
            "org_name": org_slug or "",
            "campaign_name": campaign_slug or result_file.stem,
        }
    if not (org_slug and campaign_slug):
        _fail("report needs --org and --campaign, or --result FILE")
    from eclaire.web.bootstrap import migrate, setup_django

    setup_django()
    migrate()
    from eclaire.web.campaigns.models import Campaign
    from eclaire.web.results.report_input import ReportInputError, campaign_report_input

    campaign = (
        Campaign.objects.select_related("organization")
        .filter(organization__slug=org_slug, slug=campaign_slug)
        .first()
    )
    if campaign is None:
        _fail(f"No campaign {campaign_slug!r} in organization {org_slug!r}.")
    try:
        source = campaign_report_input(
            campaign, progress=lambda m: click.echo(f"    {m}", err=True)
        )
    except ReportInputError as exc:
        click.secho(str(exc), fg="red", err=True)
        raise SystemExit(1) from None
    from eclaire.web.plans.levers import organization_overrides

    overrides = organization_overrides(campaign.organization)
    return {
        "result": source.result,
        **source.render_kwargs(),
        "overrides": overrides,
        "campaign": campaign,
    }
