"""Querysets compiled once: the look-ups every request makes (the user of a
session or token, the assignment a report is for, its milestones, goals and
latest report) as SQL built by the ORM the first time and then only run with
new parameter values.

Building a select_related query costs the ORM about a millisecond of CPU on
every call, ten times what the database needs to answer it. A Compiled query
asks the ORM once per database for the SQL, the column converters and the
populators select_related uses, then for each call runs that SQL with the
new values and builds the same model instances (Django's ModelIterable does
the same steps per call), or, for a values_list() queryset, the same tuples:

    ASSIGNMENT = Compiled(lambda pk: Assignment.objects.select_related("unit").filter(pk=pk), -7_340_033)
    a = ASSIGNMENT.first(pk)          # None when no row matches

The builder gets sample values (one per parameter: int, str, date or aware
datetime) and must use each once as a query parameter compared with a field
of that kind; the samples are found among the compiled parameters by value
(as the database gets them), so they must be values the query does not
otherwise contain (a negative odd number, a string nobody types, a date in
1901). Each call's values are prepared for the database as the ORM prepares
them for such fields. Queries go through connection.cursor(), so query
logging and CaptureQueriesContext see them.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import get_related_populators


def _preparer(value, connection) -> Callable:
    """How the ORM hands a value of this kind to the database (a DateField or
    DateTimeField lookup adapts it; ints and strings go as they are)."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        return lambda v: v
    raise TypeError(f"a Compiled sample must be an int, str, date or datetime, not {value!r}")


class _Plan:
    __slots__ = ("sql", "params", "slots", "model", "init_list", "start", "end", "populators", "converters",
                 "compiler", "prepare")

    def __init__(self, compiled: "Compiled", using: str):
        connection = connections[using]
        self.prepare = [_preparer(x, connection) for x in compiled.samples]
        samples = [prep(x) for prep, x in zip(self.prepare, compiled.samples)]
        qs = compiled.build(*compiled.samples)
        compiler = qs.query.get_compiler(using=using)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        self.slots = []                   # (position in params, index of the argument)
        for pos, value in enumerate(self.params):
            for i, sample in enumerate(samples):
                if type(value) is type(sample) and value == sample:
                    self.slots.append((pos, i))
        if sorted(i for _, i in self.slots) != list(range(len(samples))):
            raise ValueError(f"each sample value must appear once among the parameters: {self.params}")
        select, klass_info = compiler.select, compiler.klass_info
        self.model = None
        if klass_info is not None and qs._iterable_class.__name__ == "ModelIterable":
            self.model = klass_info["model"]
            fields = klass_info["select_fields"]
            self.start, self.end = fields[0], fields[-1] + 1
            self.init_list = [f[0].target.attname for f in select[self.start:self.end]]
            self.populators = get_related_populators(klass_info, select, using)
        elif qs._iterable_class.__name__ != "ValuesListIterable" or qs._fields is None \
                or len(qs._fields) != compiler.col_count or qs.query.annotations:
            raise ValueError("Compiled takes a queryset of model instances or a plain values_list()")
        self.converters = compiler.get_converters([s[0] for s in select[:compiler.col_count]])
        self.compiler = compiler          # for apply_converters


class Compiled:
    def __init__(self, build: Callable, *samples):
        self.build, self.samples = build, samples
        self._plans: dict[str, _Plan] = {}

    def _plan(self, using: str) -> _Plan:
        plan = self._plans.get(using)
        if plan is None:
            plan = self._plans[using] = _Plan(self, using)
        return plan

    def rows(self, *args, using: str = DEFAULT_DB_ALIAS) -> list:
        """The rows of the query built with `args` (converted as the ORM converts them)."""
        plan = self._plan(using)
        params = list(plan.params)
        for pos, i in plan.slots:
            params[pos] = plan.prepare[i](args[i])
        with connections[using].cursor() as cursor:
            cursor.execute(plan.sql, params)
            rows = cursor.fetchall()
        if plan.converters:
            rows = [tuple(row) for row in plan.compiler.apply_converters(rows, plan.converters)]
        return rows

    def all(self, *args, using: str = DEFAULT_DB_ALIAS) -> list:
        """The model instances (or, for a values_list() queryset, the tuples) the
        queryset built with `args` would give."""
        plan = self._plan(using)
        rows = self.rows(*args, using=using)
        if plan.model is None:
            return rows
        out = []
        for row in rows:
            obj = plan.model.from_db(using, plan.init_list, row[plan.start:plan.end])
            for populator in plan.populators:
                populator.populate(row, obj)
            out.append(obj)
        return out

    def first(self, *args, using: str = DEFAULT_DB_ALIAS):
        found = self.all(*args, using=using)
        return found[0] if found else None


def prefetched(instance, name: str, objs: list) -> None:
    """Give `instance` its related `name` objects as prefetch_related would
    (instance.<name>.all() then answers from `objs` without a query)."""
    qs = getattr(instance, name).all()
    qs._result_cache, qs._prefetch_done = list(objs), True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = qs


def insert_rows(objs: list, using: str = DEFAULT_DB_ALIAS) -> None:
    """INSERT new rows of one model (no primary key set, none read back; like
    bulk_create, no signals) as one statement whose SQL is built once per
    database, model and row count: for the audit entries of a request, which
    bulk_create would compile anew every time. Values are prepared as the ORM
    prepares them (pre_save, then get_db_prep_save)."""
    for i in range(0, len(objs), INSERT_BATCH):
        _insert(objs[i:i + INSERT_BATCH], using)


INSERT_BATCH = 100          # rows per statement (within every backend's limit on parameters)


def _insert(objs: list, using: str) -> None:
    if not objs:
        return
    model = type(objs[0])
    connection = connections[using]
    key = (using, model, len(objs))
    plan = _INSERTS.get(key)
    if plan is None:
        fields = [f for f in model._meta.concrete_fields
                  if not f.primary_key and not getattr(f, "generated", False)]
        if any(hasattr(f, "get_placeholder") for f in fields) or model._meta.parents:
            raise ValueError(f"insert_rows does not handle {model.__name__}")
        qn = connection.ops.quote_name
        row = "(" + ", ".join(["%s"] * len(fields)) + ")"
        sql = (f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) "
               f"VALUES {', '.join([row] * len(objs))}")
        plan = _INSERTS[key] = (sql, fields)
    sql, fields = plan
    params = [f.get_db_prep_save(f.pre_save(obj, True), connection=connection) for obj in objs for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    for obj in objs:
        obj._state.adding, obj._state.db = False, using


_INSERTS: dict = {}
