#!/usr/bin/env python3
"""List the rows behind timeline.f1: the gold rows missed and the system rows
that are spurious, each with its reason.

The rows are the scorer's (../shared/eval/score, "entity timelines"): for each
timeline of CORPUS/timelines, the events linked to the entity whose name or
alias equals the timeline's title, one row per (document, statement, date).

  timeline_diag.py CORPUS EXPORT.json [--missed | --spurious]
  build/dossier export --json CORPUS/docs > x.json && tools/timeline_diag.py CORPUS x.json

Reasons for a missed gold row, from the system's events overlapping its sentence:
  UNDATED              none: the sentence made no event
  UNLINKED             one has the gold date but is not linked to the entity
  WRONGDATE            one is linked, none has the gold date
  WRONGDATE+UNLINKED   some exist, none linked, none of the gold date
A spurious row is DATE(gold ...) when its statement is a gold row of another
date, NOTINGOLD when it is in no gold row of that timeline.  The last line
counts each reason.
"""
import json
import os
import sys
import unicodedata


def norm(s):
    s = unicodedata.normalize('NFKC', s or '').replace('\u2019', "'")
    return ' '.join(s.lower().split())


def overlap(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


class Corpus:
    def __init__(self, path, export):
        self.path = path
        self.docs = {d['path']: d for d in export['documents']}
        self.entities = export['entities']
        self.names = {e['id']: e['name'] for e in self.entities}
        self.raw = {}

    def text(self, doc, start, end):
        if doc not in self.raw:
            with open(os.path.join(self.path, 'docs', doc), 'rb') as f:
                self.raw[doc] = f.read()
        return self.raw[doc][start:end].decode('utf-8', 'replace').replace('\n', ' ')

    def ids_of(self, title):
        t = norm(title)
        return {e['id'] for e in self.entities
                if norm(e['name']) == t or t in {norm(a) for a in e.get('aliases', [])}}

    def events_over(self, doc, start, end):
        return [s for s in self.docs.get(doc, {}).get('events') or [] if overlap(s['start'], s['end'], start, end)]


def gold_rows(tl):
    known = lambda d: d.split('-XX')[0]
    rows = list(dict.fromkeys((m['doc'], m['start'], m['end'], known(r['date']))
                              for r in tl['events'] for m in r['mentions'] if not r['date'].startswith('XXXX')))
    undated = [(m['doc'], m['start'], m['end']) for r in tl['events'] for m in r['mentions']
               if r['date'].startswith('XXXX')]
    return rows, undated


def system_rows(c, ids, rows, undated):
    out = []
    for doc, d in c.docs.items():
        for s in d.get('events') or []:
            if not ids & set(s.get('entities') or []):
                continue
            row = (doc, s['start'], s['end'], s.get('date') or '')
            dated = any(doc == g[0] and overlap(row[1], row[2], g[1], g[2]) for g in rows)
            if dated or not any(doc == u[0] and overlap(row[1], row[2], u[1], u[2]) for u in undated):
                out.append(row)
    return out


def agree(s, g):
    return s[0] == g[0] and overlap(s[1], s[2], g[1], g[2]) and s[3][:len(g[3])] == g[3]


def missed_reason(c, ids, g):
    evs = c.events_over(g[0], g[1], g[2])
    if not evs:
        return 'UNDATED', evs
    if any((s['date'] or '')[:len(g[3])] == g[3] for s in evs):
        return 'UNLINKED', evs
    if any(ids & set(s['entities']) for s in evs):
        return 'WRONGDATE', evs
    return 'WRONGDATE+UNLINKED', evs


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    with open(sys.argv[2], encoding='utf-8') as f:
        c = Corpus(sys.argv[1], json.load(f))
    show_missed, show_spurious = '--spurious' not in sys.argv, '--missed' not in sys.argv
    counts = {}
    tdir = os.path.join(sys.argv[1], 'timelines')
    for name in sorted(os.listdir(tdir)):
        with open(os.path.join(tdir, name), encoding='utf-8') as f:
            tl = json.load(f)
        ids = c.ids_of(tl['entity'])
        rows, undated = gold_rows(tl)
        sys_rows = system_rows(c, ids, rows, undated)
        print('=====', tl['entity'], 'ids', sorted(ids), sorted(c.names[i] for i in ids))
        for g in rows if show_missed else []:
            if any(agree(s, g) for s in sys_rows):
                continue
            why, evs = missed_reason(c, ids, g)
            counts[why] = counts.get(why, 0) + 1
            print('  MISS %-18s %s %d gold=%s sys=%s | %s' % (why, g[0], g[1], g[3],
                  ','.join(sorted({s['date'] for s in evs})), c.text(g[0], g[1], g[2])[:230]))
            if 'UNLINKED' in why:
                print('        linked:', sorted({c.names[i] for s in evs for i in s['entities']}))
        for s in sys_rows if show_spurious else []:
            if any(agree(s, g) for g in rows):
                continue
            dates = [g[3] for g in rows if s[0] == g[0] and overlap(s[1], s[2], g[1], g[2])]
            why = 'DATE(gold %s)' % ','.join(dates) if dates else 'NOTINGOLD'
            key = 'SPURIOUS_' + why.split('(')[0]
            counts[key] = counts.get(key, 0) + 1
            print('  SPUR %-18s %s %d sys=%s | %s' % (why, s[0], s[1], s[3], c.text(s[0], s[1], s[2])[:230]))
    print(counts)


if __name__ == '__main__':
    main()
