"""督查督办 — the supervision loop over task lists opened from ingested documents.

Layout (a Django app, label ``supervision``):

    conf.py        settings this app needs (auth, sessions, argon2, media, email):
                   applied by one line at the end of gongbao/web/settings.py
    models.py      TaskList → ListTask (milestones, goals) → Assignment → ProgressReport
                   (values, evidence, reviews); Revision, AuditEntry, Notification, Profile
    status.py      status rules as pure functions of (assignment data, today)
    scoring.py     scoring rules as pure functions; scorecards and peer-group rankings
    services/      opening task lists, reporting, reviewing, reminders, exports, imports, demo
    views.py, api.py, urls.py, templates/, static/ (ECharts vendored)
    management/commands/   remind, demo

Importing this package does not load Django.
"""



def remind(today=None, *, email: bool = True, base_url: str = "") -> dict:
    """Entry point for `gongbao remind`: configure Django, migrate, create the
    due notifications and email them. Returns {"created": n, "emailed": n}."""
    from ..manage import migrate

    migrate()
    from .services.remind import remind as run

    return run(today, email=email, base_url=base_url)


def demo(path, *, force: bool = False, password=None, seed: int = 1) -> str:
    """Entry point for `gongbao demo FILE`: configure Django, migrate, set the
    loop up on FILE and return the text to print (task lists, credentials).
    Raises services.demo.DemoRefused under production settings unless force."""
    from ..manage import migrate

    migrate()
    from .services.demo import demo as run

    return run(path, force=force, password=password, seed=seed).format()


__all__ = ["remind", "demo"]
