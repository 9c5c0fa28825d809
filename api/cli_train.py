"""`rapport train`: quizzes, scenarios on synthetic clients, role-play and the debrief of a transcript."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer

# api.cli registers this app while it is still being imported: its helpers are looked up when a command runs.
JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object (a stable contract).")]

train_app = typer.Typer(no_args_is_help=True, help="Training mode: quizzes, scenarios, role-play and debriefs.")

TRANSCRIPT_HELP = (
    "A role-play transcript: JSON Lines (.jsonl, one {\"speaker\": \"trainee\"|\"client\", \"text\": ...} a line) "
    "or YAML (a list of {speaker: trainee|client, text: ...}, or a mapping with such a list under `turns`)."
)


def _settings() -> Any:
    from api.cli import _settings as settings

    return settings()


def _fail(message: str, *, code: int = 1, as_json: bool = False) -> None:
    from api.cli import _fail as fail

    fail(message, code=code, as_json=as_json)


def _engine() -> Any:
    from knowledge.database import make_engine

    settings = _settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return make_engine(settings.resolved_database_url)


def _chunks(engine: Any) -> list[Any]:
    """The current chunks of the ingested bank; the bundled documents when nothing is ingested yet."""
    from api.cli import sample_bank_path
    from assistant.training.sources import catalog_chunks, file_chunks
    from knowledge.catalog import Catalog

    chunks = catalog_chunks(Catalog(engine))
    return chunks or file_chunks([sample_bank_path()])


def _gated_model() -> Any:
    """The gated chat model when one is configured, else None (the offline path)."""
    settings = _settings()
    if not settings.uses_llm:
        return None
    from assistant.container import build
    from assistant.gated import GatedChatModel

    model = build(settings).chat_model
    return model if isinstance(model, GatedChatModel) else None


@train_app.command("quiz")
def train_quiz(
    lang: Annotated[str, typer.Option("--lang", help="The trainee's language: en, lv, no, ru or zh.")] = "en",
    n: Annotated[int, typer.Option("--n", help="How many questions.")] = 10,
    seed: Annotated[int, typer.Option("--seed", help="The same seed gives the same quiz.")] = 0,
    use_model: Annotated[bool, typer.Option("--model/--offline", help="Let the configured chat model write the "
                                                                       "questions (each answer checked).")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Questions from the bank's documents in the trainee's language, each with its answer and citation."""
    from assistant.errors import RapportError
    from assistant.training.quiz import build_quiz, write_quiz

    try:
        chunks = _chunks(_engine())
        model = _gated_model() if use_model else None
        questions = write_quiz(model, chunks, language=lang, n=n, seed=seed) if model is not None else []
        if len(questions) < n:
            questions += build_quiz(chunks, language=lang, n=n - len(questions), seed=seed)
    except RapportError as exc:
        _fail(str(exc), as_json=as_json)
    if as_json:
        print(json.dumps({"language": lang, "seed": seed, "questions": [q.to_dict() for q in questions]},
                         ensure_ascii=False))
        return
    for i, q in enumerate(questions, 1):
        typer.echo(f"{i}. {q.prompt}")
        for letter, option in zip("ABCD", q.options, strict=False):
            typer.echo(f"   {letter}) {option}")
        typer.echo(f"   answer: {q.answer}  [{q.citation.title} > {q.citation.section}]")


@train_app.command("scenarios")
def train_scenarios(
    lang: Annotated[str | None, typer.Option("--lang", help="Texts in this language; default each client's.")]
    = None,
    n: Annotated[int | None, typer.Option("--n", help="At most this many, the kinds in turn.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="The same seed gives the same draw.")] = 0,
    as_json: JsonFlag = False,
) -> None:
    """Scenarios on the synthetic clients (real clients are never listed): kind, learning goal, policy."""
    from assistant.training.scenarios import generate_scenarios, training_clients
    from knowledge.profile_store import ProfileStore

    engine = _engine()
    profiles = training_clients(ProfileStore(engine))
    if not profiles:
        _fail("no synthetic clients stored: run `rapport client import` first", as_json=as_json)
    scenarios = generate_scenarios(profiles, today=dt.date.today(), seed=seed, n=n, language=lang,
                                   chunks=_chunks(engine))
    if as_json:
        print(json.dumps({"scenarios": [s.to_dict() for s in scenarios]}, ensure_ascii=False))
        return
    for s in scenarios:
        typer.echo(f"{s.id:28} {s.language}  {s.title}: {s.learning_goal}")


@train_app.command("grade", help=f"Debrief a role-play transcript against the scenario and policy. {TRANSCRIPT_HELP}")
def train_grade(
    transcript: Annotated[Path, typer.Argument(help=TRANSCRIPT_HELP)],
    scenario: Annotated[str | None, typer.Option("--scenario", help="Scenario id (kind:client_id) to grade "
                                                                    "its goal too.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Debrief language; default: the transcript's.")] = None,
    trainee: Annotated[str | None, typer.Option("--trainee", help="Record the score for this trainee.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Grade a transcript; each point has a verdict and cites the policy passage it rests on."""
    from assistant.errors import RapportError
    from assistant.language import LanguageDetector
    from assistant.training.grading import grade, load_transcript
    from assistant.training.progress import ProgressStore
    from assistant.training.scenarios import find_scenario
    from knowledge.profile_store import ProfileStore

    engine = _engine()
    try:
        lines = load_transcript(transcript)
        chunks = _chunks(engine)
        found = None
        if scenario is not None:
            found = find_scenario(ProfileStore(engine), scenario, today=dt.date.today(), language=lang,
                                  chunks=chunks)
        said = " ".join(line.text for line in lines if line.speaker == "trainee")
        language = lang or LanguageDetector().detect(said, fallback="en")
        debrief = grade(lines, scenario=found, language=language, policy_chunks=chunks)
        if trainee:
            progress = ProgressStore(engine)
            session = progress.start(trainee_id=trainee, kind="roleplay", language=language,
                                     scenario_id=found.id if found else None)
            progress.record(session.id, score=debrief.score, details=debrief.to_dict())
    except RapportError as exc:
        _fail(str(exc), as_json=as_json)
    if as_json:
        print(json.dumps(debrief.to_dict(), ensure_ascii=False))
        return
    typer.echo(f"score {debrief.score}/100 ({'passed' if debrief.passed else 'not passed'})")
    for p in debrief.points:
        typer.echo(f"- [{p.verdict}] {p.title}: {p.points}/{p.max_points}  ({p.citation.title} > {p.citation.section})")
        if p.evidence:
            typer.echo(f"    \u201c{p.evidence}\u201d")


@train_app.command("roleplay")
def train_roleplay(
    scenario: Annotated[str, typer.Argument(help="Scenario id (kind:client_id), from `rapport train scenarios`.")],
    trainee: Annotated[str | None, typer.Option("--trainee", help="Record the score for this trainee.")] = None,
) -> None:
    """Practise with the synthetic client on stdin; an empty line ends the role-play and prints the debrief."""
    from assistant.errors import RapportError
    from assistant.training.grading import grade
    from assistant.training.progress import ProgressStore
    from assistant.training.roleplay import start_roleplay
    from assistant.training.scenarios import find_scenario
    from knowledge.profile_store import ProfileStore

    engine = _engine()
    try:
        chunks = _chunks(engine)
        found = find_scenario(ProfileStore(engine), scenario, today=dt.date.today(), chunks=chunks)
        play = start_roleplay(found, model=_gated_model())
        typer.echo(f"client: {play.transcript[0].text}")
        while (line := input("you: ").strip()) != "":
            typer.echo(f"client: {play.say(line)}")
        debrief = grade(play.transcript, scenario=found, language=found.language, policy_chunks=chunks)
        if trainee:
            progress = ProgressStore(engine)
            session = progress.start(trainee_id=trainee, kind="roleplay", language=found.language,
                                     scenario_id=found.id)
            progress.record(session.id, score=debrief.score, details=debrief.to_dict())
    except (RapportError, EOFError) as exc:
        _fail(str(exc) or "role-play ended")
    typer.echo(f"score {debrief.score}/100")
    for p in debrief.points:
        typer.echo(f"- [{p.verdict}] {p.title} ({p.citation.section})")


@train_app.command("cohort")
def train_cohort(as_json: JsonFlag = False) -> None:
    """The trainer's view: every trainee's sessions, average and best score."""
    from assistant.training.progress import ProgressStore

    rows = [t.to_dict() for t in ProgressStore(_engine()).cohort()]
    if as_json:
        print(json.dumps({"trainees": rows}, ensure_ascii=False))
        return
    for r in rows:
        typer.echo(f"{r['trainee_id']:16} sessions {r['sessions']:3}  average {r['average']}  best {r['best']}")
