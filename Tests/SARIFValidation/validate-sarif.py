#!/usr/bin/env python3
"""Validate a SARIF log against the SARIF 2.1.0 JSON schema and GitHub code-scanning basics.

usage: validate-sarif.py FILE.sarif [FILE2.sarif ...] [--schema PATH] [--max-errors N] [--quiet]

Schema: sarif-schema-2.1.0.json beside this file by default (OASIS sarif-spec,
sarif-2.1/schema/sarif-schema-2.1.0.json, the 2.1.0 errata01 schema, JSON Schema draft-04; see README.md).
Needs the `jsonschema` package (pip install jsonschema).

GitHub code-scanning checks (what an upload needs to be accepted and to show alerts on lines):
  * top-level "version" is "2.1.0"; "runs" is a non-empty list
  * every run has tool.driver.name (non-empty string)
  * every result has ruleId (string), message.text (non-empty string) and at least one
    locations[].physicalLocation with artifactLocation.uri that is relative (no scheme, no leading '/')
    and region.startLine >= 1
  * hard limits from GitHub's docs ("SARIF results exceed hard limit"): <= 20 runs per file,
    <= 25,000 results per run, <= 25,000 rules per run, <= 1,000 locations per result, <= 20 tags
    per rule; the gzip-compressed file must be <= 10 MB. Soft limits (5,000 results per run shown,
    100 locations per result, 10 tags per rule) are reported as warnings.
Exit status: 0 when every file passes, 1 when any check fails, 2 on usage / unreadable input.
"""
import argparse, gzip, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCHEMA = os.path.join(HERE, 'sarif-schema-2.1.0.json')
SCHEME = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:')


def schema_errors(doc, schema, max_errors):
    import jsonschema
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    v = cls(schema, format_checker=cls.FORMAT_CHECKER)
    out = []
    for e in sorted(v.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        out.append('schema: %s: %s' % ('/'.join(map(str, e.absolute_path)) or '<root>', e.message[:300]))
        if len(out) >= max_errors:
            out.append('schema: ... (stopped after %d errors)' % max_errors)
            break
    return out


def github_checks(doc, raw_bytes, max_errors):
    errs, warns = [], []
    def err(msg):
        if len(errs) < max_errors:
            errs.append(msg)
        elif len(errs) == max_errors:
            errs.append('github: ... (more errors not shown)')
    if not isinstance(doc, dict):
        return ['github: top level is not an object'], warns
    if doc.get('version') != '2.1.0':
        err('github: version is %r, must be "2.1.0"' % doc.get('version'))
    runs = doc.get('runs')
    if not isinstance(runs, list) or not runs:
        err('github: runs must be a non-empty list')
        runs = []
    if len(runs) > 20:
        err('github: %d runs in one file, limit is 20' % len(runs))
    gz = len(gzip.compress(raw_bytes))
    if gz > 10 * 1024 * 1024:
        err('github: gzip-compressed size %d bytes exceeds 10 MB upload limit' % gz)
    for ri, run in enumerate(runs):
        driver = ((run or {}).get('tool') or {}).get('driver') or {}
        if not isinstance(driver.get('name'), str) or not driver.get('name'):
            err('github: runs[%d].tool.driver.name missing or empty' % ri)
        rules = driver.get('rules') or []
        if len(rules) > 25000:
            err('github: runs[%d] has %d rules, limit is 25,000' % (ri, len(rules)))
        for k, rule in enumerate(rules):
            tags = ((rule or {}).get('properties') or {}).get('tags') or []
            if len(tags) > 20:
                err('github: runs[%d].tool.driver.rules[%d] has %d tags, limit is 20' % (ri, k, len(tags)))
            elif len(tags) > 10:
                warns.append('github: runs[%d].tool.driver.rules[%d] has %d tags, only 10 are kept' % (ri, k, len(tags)))
        results = run.get('results')
        if results is None:
            warns.append('github: runs[%d] has no results array' % ri)
            results = []
        if len(results) > 25000:
            err('github: runs[%d] has %d results, limit is 25,000' % (ri, len(results)))
        elif len(results) > 5000:
            warns.append('github: runs[%d] has %d results, only 5,000 are shown' % (ri, len(results)))
        for i, res in enumerate(results):
            where = 'runs[%d].results[%d]' % (ri, i)
            if not isinstance(res.get('ruleId'), str) or not res.get('ruleId'):
                err('github: %s has no ruleId' % where)
            msg = res.get('message') or {}
            if not isinstance(msg.get('text'), str) or not msg.get('text'):
                err('github: %s has no message.text' % where)
            locs = res.get('locations') or []
            if len(locs) > 1000:
                err('github: %s has %d locations, limit is 1,000' % (where, len(locs)))
            elif len(locs) > 100:
                warns.append('github: %s has %d locations, only 100 are kept' % (where, len(locs)))
            good = 0
            for loc in locs:
                pl = (loc or {}).get('physicalLocation') or {}
                uri = (pl.get('artifactLocation') or {}).get('uri')
                line = (pl.get('region') or {}).get('startLine')
                if isinstance(uri, str) and uri and not SCHEME.match(uri) and not uri.startswith('/') \
                        and isinstance(line, int) and line >= 1:
                    good += 1
            if not good:
                err('github: %s has no physicalLocation with a relative artifactLocation.uri and region.startLine >= 1' % where)
    return errs, warns


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('files', nargs='+')
    ap.add_argument('--schema', default=DEFAULT_SCHEMA)
    ap.add_argument('--max-errors', type=int, default=20)
    ap.add_argument('--quiet', action='store_true', help='print only the one-line verdict per file')
    a = ap.parse_args()
    try:
        schema = json.load(open(a.schema))
    except OSError as e:
        print('cannot read schema %s: %s' % (a.schema, e), file=sys.stderr)
        return 2
    status = 0
    for fn in a.files:
        try:
            raw = open(fn, 'rb').read()
            doc = json.loads(raw)
        except (OSError, ValueError) as e:
            print('%s: UNREADABLE: %s' % (fn, e))
            status = max(status, 2)
            continue
        s_errs = schema_errors(doc, schema, a.max_errors)
        g_errs, warns = github_checks(doc, raw, a.max_errors)
        nres = sum(len(r.get('results') or []) for r in doc.get('runs') or [] if isinstance(r, dict))
        verdict = 'OK' if not s_errs and not g_errs else 'FAIL'
        print('%s: %s (schema errors: %d, github errors: %d, warnings: %d, runs: %d, results: %d)' % (
            fn, verdict, len(s_errs), len(g_errs), len(warns), len(doc.get('runs') or []), nres))
        if not a.quiet:
            for m in s_errs + g_errs + warns:
                print('  ' + m)
        if verdict != 'OK':
            status = max(status, 1)
    return status


if __name__ == '__main__':
    sys.exit(main())
