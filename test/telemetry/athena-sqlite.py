"""Runs the SQL of `otactl stats --athena-sql` through SQLite (Python's sqlite3), over CloudFront log
files read the way Athena's table reads them, and prints every query's rows as JSON.

The SQL is written in what Trino and SQLite share; this is the whole translation (docs/telemetry.md):
  1. CREATE EXTERNAL TABLE ... LOCATION ... -> CREATE TABLE with the same columns in the same order,
     STRING and DATE as TEXT (SQLite would read a STRING column as a number where it can); rows from
     the given files: the first two lines of each skipped ('skip.header.line.count' = '2'), fields
     split on tabs, a value that is not a number in a numeric column read as NULL (as the SerDe does).
  2. CREATE OR REPLACE VIEW -> CREATE VIEW (one database per run).
  3. Six Trino functions, as SQLite functions with Trino's results (checked by `selftest` below):
     regexp_extract, regexp_like, url_decode, from_iso8601_timestamp, date_trunc, date_add.
     Timestamps are ISO-8601 text in UTC (YYYY-MM-DDTHH:MM:SS.000Z), which orders as time does.
Nothing else of the SQL is changed.

  python3 athena-sqlite.py SQL_FILE LOG_FILE...   -> {"selftest": [...], "results": [{"columns": [...], "rows": [[...]]}]}
"""
import json
import re
import sqlite3
import sys
from datetime import datetime, timedelta, timezone
from urllib.parse import unquote_plus

ISO = '%Y-%m-%dT%H:%M:%S.000Z'


def regexp_extract(text, pattern, group=0):
    if text is None or pattern is None:
        return None
    m = re.search(pattern, text)
    return m.group(group) if m else None


def regexp_like(text, pattern):
    if text is None or pattern is None:
        return None
    return 1 if re.search(pattern, text) else 0


def url_decode(text):
    return None if text is None else unquote_plus(text, errors='replace')


def from_iso8601_timestamp(text):
    if text is None:
        return None
    return datetime.strptime(text, '%Y-%m-%dT%H:%M:%SZ').strftime(ISO)


def _ts(text):
    return datetime.strptime(text, ISO).replace(tzinfo=timezone.utc)


def date_trunc(unit, ts):
    if ts is None:
        return None
    t = _ts(ts)
    t = t.replace(minute=0, second=0) if unit == 'hour' else t.replace(hour=0, minute=0, second=0)
    return t.strftime(ISO)


def date_add(unit, n, ts):
    if ts is None:
        return None
    return (_ts(ts) + timedelta(**{unit + 's': n})).strftime(ISO)


def connect():
    db = sqlite3.connect(':memory:')
    db.create_function('regexp_extract', 3, regexp_extract, deterministic=True)
    db.create_function('regexp_like', 2, regexp_like, deterministic=True)
    db.create_function('url_decode', 1, url_decode, deterministic=True)
    db.create_function('from_iso8601_timestamp', 1, from_iso8601_timestamp, deterministic=True)
    db.create_function('date_trunc', 2, date_trunc, deterministic=True)
    db.create_function('date_add', 3, date_add, deterministic=True)
    return db


DDL = re.compile(r'CREATE EXTERNAL TABLE IF NOT EXISTS (\w+) \((.*?)\n\)\nROW FORMAT.*', re.S)


def create_table(db, statement, files):
    m = DDL.fullmatch(statement)
    name, body = m.group(1), m.group(2)
    columns = [re.fullmatch(r'\s*`(\w+)` (\w+),?', line).groups() for line in body.strip('\n').split('\n')]
    sqlite_type = {'STRING': 'TEXT', 'DATE': 'TEXT'}
    db.execute('CREATE TABLE %s (%s)' % (name, ', '.join('`%s` %s' % (c, sqlite_type.get(t, t)) for c, t in columns)))
    numeric = {'INT': int, 'BIGINT': int, 'FLOAT': float}

    def value(text, kind):
        if kind == 'DATE':
            return text if re.fullmatch(r'\d{4}-\d{2}-\d{2}', text) else None
        if kind in numeric:
            try:
                return numeric[kind](text)
            except ValueError:
                return None
        return text

    for path in files:
        with open(path, encoding='utf-8') as f:
            lines = f.read().split('\n')[2:]
        rows = []
        for line in lines:
            if line == '':
                continue
            fields = line.split('\t')
            fields += [None] * (len(columns) - len(fields))
            rows.append([None if v is None else value(v, t) for v, (_, t) in zip(fields, columns)])
        db.executemany('INSERT INTO %s VALUES (%s)' % (name, ', '.join('?' * len(columns))), rows)


def selftest():
    """Trino's documented results for the functions above (trino.io/docs/current/functions)."""
    db = connect()
    cases = [
        ("SELECT regexp_extract('1a 2b 14m', '(\\d+)([a-z]+)', 2)", 'a'),
        ("SELECT regexp_extract('1a 2b 14m', 'x(\\d+)', 1)", None),
        ("SELECT regexp_like('1a 2b 14m', '\\d+b')", 1),
        ("SELECT url_decode('a%2Fb+c%3D')", 'a/b c='),
        ("SELECT date_trunc('hour', from_iso8601_timestamp('2026-11-01T13:45:07Z'))", '2026-11-01T13:00:00.000Z'),
        ("SELECT date_trunc('day', from_iso8601_timestamp('2026-11-01T13:45:07Z'))", '2026-11-01T00:00:00.000Z'),
        ("SELECT date_add('hour', 1, '2026-11-01T23:00:00.000Z')", '2026-11-02T00:00:00.000Z'),
    ]
    return [{'sql': sql, 'expected': want, 'got': db.execute(sql).fetchone()[0]} for sql, want in cases]


def main():
    sql_file, files = sys.argv[1], sys.argv[2:]
    with open(sql_file, encoding='utf-8') as f:
        text = f.read()
    # Statements end with ";" at the end of a line; comments are kept (SQLite reads them).
    statements = [s.strip() for s in re.split(r';\n', text) if s.strip() and not all(l.startswith('--') for l in s.strip().split('\n'))]
    db = connect()
    results = []
    for statement in statements:
        body = '\n'.join(l for l in statement.split('\n') if not l.startswith('--')).strip()
        if body.startswith('CREATE EXTERNAL TABLE'):
            create_table(db, body, files)
        elif body.startswith('CREATE OR REPLACE VIEW'):
            db.execute('CREATE VIEW' + body[len('CREATE OR REPLACE VIEW'):])
        else:
            cur = db.execute(body)
            results.append({'columns': [d[0] for d in cur.description], 'rows': cur.fetchall()})
    json.dump({'selftest': selftest(), 'results': results}, sys.stdout)


if __name__ == '__main__':
    main()
