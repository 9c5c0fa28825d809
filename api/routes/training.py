"""Training: scenarios on synthetic clients, quizzes graded against their citations, role-play with a debrief.

Role-play sessions live in this process (a worker restart ends them; the scores already recorded stay)."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections import OrderedDict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from api.auth import require
from api.deps import RapportDep
from api.schemas import Problem
from assistant.roles import Principal
from assistant.training.grading import grade
from assistant.training.progress import ProgressStore
from assistant.training.quiz import build_quiz, grade_quiz
from assistant.training.roleplay import RolePlay, start_roleplay
from assistant.training.scenarios import find_scenario, generate_scenarios, training_clients
from assistant.training.sources import catalog_chunks

router = APIRouter(prefix="/v1/training", tags=["training"], responses={
    401: {"model": Problem}, 403: {"model": Problem}, 404: {"model": Problem}, 422: {"model": Problem},
})
Lang = Literal["en", "lv", "no", "ru", "zh"]
LearnerDep = Annotated[Principal, Depends(require("trainer", "advisor"))]
TrainerDep = Annotated[Principal, Depends(require("trainer"))]
MAX_ROLEPLAYS = 500


class QuizAnswers(BaseModel):
    """A trainee's answers to the quiz drawn with this language, size and seed."""

    language: Lang
    n: int = Field(10, ge=1, le=50)
    seed: int = 0
    answers: dict[str, str]


class RoleplayTurn(BaseModel):
    """Start a role-play (scenario_id only) or say something in one (session and message)."""

    scenario_id: str | None = Field(None, max_length=128)
    session: str | None = Field(None, max_length=64)
    message: str | None = Field(None, max_length=4000)


class _Roleplays:
    """Open role-plays by id, with their owner; the oldest are dropped beyond MAX_ROLEPLAYS."""

    def __init__(self) -> None:
        self._open: OrderedDict[str, tuple[str, str, RolePlay]] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, owner: str, progress_id: str, play: RolePlay) -> str:
        key = uuid.uuid4().hex
        with self._lock:
            self._open[key] = (owner, progress_id, play)
            while len(self._open) > MAX_ROLEPLAYS:
                self._open.popitem(last=False)
        return key

    def get(self, owner: str, key: str) -> tuple[str, RolePlay]:
        with self._lock:
            found = self._open.get(key)
        if found is None or found[0] != owner:
            raise HTTPException(404, f"no role-play {key!r} for this user (it may have ended with a restart)")
        return found[1], found[2]

    def close(self, key: str) -> None:
        with self._lock:
            self._open.pop(key, None)


def _roleplays(request: Request) -> _Roleplays:
    state = request.app.state
    if not hasattr(state, "roleplays"):
        state.roleplays = _Roleplays()
    return state.roleplays  # type: ignore[no-any-return]


@router.get("/scenarios", response_model=list[dict[str, Any]])
async def scenarios(
    rapport: RapportDep, principal: LearnerDep, language: Lang | None = None,
    n: Annotated[int, Query(ge=1, le=100)] = 20, seed: int = 0,
) -> list[dict[str, Any]]:
    """Scenarios drawn from synthetic clients only, each with its learning goal and policy passages."""
    def make() -> list[dict[str, Any]]:
        chunks = catalog_chunks(rapport.catalog)
        found = generate_scenarios(training_clients(rapport.profiles), today=dt.date.today(), seed=seed, n=n,
                                   language=language, chunks=chunks)
        return [s.to_dict() for s in found]

    return await run_in_threadpool(make)


@router.get("/quiz", response_model=list[dict[str, Any]])
async def quiz(
    rapport: RapportDep, principal: LearnerDep, language: Lang = "en", n: Annotated[int, Query(ge=1, le=50)] = 10,
    seed: int = 0,
) -> list[dict[str, Any]]:
    """Questions from the documents' facts, each with its answer and citation (the same seed, the same quiz)."""
    chunks = await run_in_threadpool(catalog_chunks, rapport.catalog)
    return [q.to_dict() for q in build_quiz(chunks, language=language, n=n, seed=seed)]


@router.post("/quiz/answers", response_model=dict[str, Any])
async def quiz_answers(body: QuizAnswers, rapport: RapportDep, principal: LearnerDep) -> dict[str, Any]:
    """The score of a quiz; recorded in the trainee's progress."""
    chunks = await run_in_threadpool(catalog_chunks, rapport.catalog)
    questions = build_quiz(chunks, language=body.language, n=body.n, seed=body.seed)
    score = grade_quiz(questions, body.answers)
    progress = ProgressStore(rapport.engine)
    session = progress.start(trainee_id=principal.user_id, kind="quiz", language=body.language)
    progress.record(session.id, score=score.percent)
    return {"score": score.percent, "correct": len(score.correct), "questions": len(questions),
            "wrong": [q.to_dict() for q in questions if q.id in set(score.wrong)]}


@router.post("/roleplay", response_model=dict[str, Any])
async def roleplay(body: RoleplayTurn, request: Request, rapport: RapportDep, principal: LearnerDep) -> dict[str, Any]:
    """Start a role-play with a scenario's synthetic client, or say the trainee's next line in one."""
    plays = _roleplays(request)
    if body.session is None:
        if not body.scenario_id:
            raise HTTPException(422, "scenario_id: name a scenario to start a role-play")
        scenario = await run_in_threadpool(find_scenario, rapport.profiles, body.scenario_id,
                                           today=dt.date.today(), chunks=catalog_chunks(rapport.catalog))
        play = start_roleplay(scenario, model=rapport.chat_model)
        progress = ProgressStore(rapport.engine).start(trainee_id=principal.user_id, kind="roleplay",
                                                       language=scenario.language, scenario_id=scenario.id)
        key = plays.add(principal.user_id, progress.id, play)
        return {"session": key, "scenario": scenario.to_dict(), "reply": play.transcript[0].text}
    if not body.message or not body.message.strip():
        raise HTTPException(422, "message: say something to the client")
    _, play = plays.get(principal.user_id, body.session)
    reply = await run_in_threadpool(play.say, body.message.strip())
    return {"session": body.session, "reply": reply}


@router.post("/roleplay/{session}/debrief", response_model=dict[str, Any])
async def debrief(session: str, request: Request, rapport: RapportDep, principal: LearnerDep) -> dict[str, Any]:
    """Grade the role-play against its goals and the fair-selling and confidentiality policies; ends it."""
    plays = _roleplays(request)
    progress_id, play = plays.get(principal.user_id, session)
    others = [p.display_name for p in training_clients(rapport.profiles) if p.client_id != play.scenario.client_id]
    result = grade(play.transcript, scenario=play.scenario, language=play.scenario.language,
                   policy_chunks=catalog_chunks(rapport.catalog), other_names=others)
    ProgressStore(rapport.engine).record(progress_id, score=result.score, details=result.to_dict())
    plays.close(session)
    return result.to_dict()


@router.get("/progress", response_model=list[dict[str, Any]])
async def my_progress(rapport: RapportDep, principal: LearnerDep) -> list[dict[str, Any]]:
    """The caller's training sessions and scores."""
    return [s.__dict__ | {"started_at": s.started_at.isoformat()} for s in
            ProgressStore(rapport.engine).sessions(principal.user_id)]


@router.get("/cohort", response_model=list[dict[str, Any]])
async def cohort(rapport: RapportDep, principal: TrainerDep) -> list[dict[str, Any]]:
    """Every trainee's sessions and average score (trainers only)."""
    return [t.to_dict() for t in ProgressStore(rapport.engine).cohort()]
