"""APScheduler's job store in our database: the table the nightly job is kept in.

Why here: the job store is SQLAlchemy, and only the store speaks to the database; the
scheduler (scheduler.py) decides what the job is and when it runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

if TYPE_CHECKING:
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

JOBS_TABLE = "apscheduler_jobs"


def job_store(engine: Engine) -> SQLAlchemyJobStore:
    """APScheduler's SQLAlchemyJobStore on `engine`, its table created first.

    The table is created here, before two schedulers starting together race to create it."""
    jobs = _job_store(engine)
    for _ in range(3):
        try:
            jobs.jobs_t.create(engine, checkfirst=True)
            break
        except SQLAlchemyError:
            continue  # the other scheduler created it between our check and our CREATE
    return jobs


def stored_job_state(engine: Engine, job_id: str) -> bytes | None:
    """The pickled state of the stored job `job_id`, or None when there is none."""
    table = _job_store(engine).jobs_t
    with engine.connect() as conn:
        return conn.execute(select(table.c.job_state).where(table.c.id == job_id)).scalar()


def _job_store(engine: Engine) -> SQLAlchemyJobStore:
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore  # only the scheduler needs it

    return SQLAlchemyJobStore(engine=engine, tablename=JOBS_TABLE)
