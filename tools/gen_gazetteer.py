#!/usr/bin/env python3
"""gen_gazetteer.py -- write csrc/gazetteer_data.h from data packages.

    python3 tools/gen_gazetteer.py > csrc/gazetteer_data.h

Sources (data only, read at generation time; the C build needs none of them):
  /usr/share/iso-codes/json/iso_3166-1.json   countries (Debian iso-codes)
  /usr/share/iso-codes/json/iso_3166-3.json   former countries (USSR, Yugoslavia)
  /usr/share/iso-codes/json/iso_3166-2.json   states and provinces of a few
                                              large countries
  /usr/share/zoneinfo/zone.tab                 cities that name time zones (tzdata)
  tools/gazetteer_words.txt                    the hand-written word classes

The output is an open-addressing hash table over the lookup keys, using the
same key folding (dsr_name_key) and the same hash (32-bit FNV-1a, linear
probing) as csrc/gazetteer.c, so the C side looks a key up with no start-up
work.  Run it again when a source changes and commit the result.
"""
import json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ISO = '/usr/share/iso-codes/json'
ZONE = '/usr/share/zoneinfo/zone.tab'

FLAGS = ['stop', 'title', 'role', 'orgnoun', 'orghead', 'placehead', 'otherhead', 'time',
         'particle', 'given', 'speech', 'country', 'subdiv', 'city', 'region', 'org',
         'demonym', 'place', 'common', 'geo', 'lead', 'desig', 'product']
BIT = {f: 1 << i for i, f in enumerate(FLAGS)}

SPECIAL = {'ø': 'o', 'Ø': 'o', 'æ': 'ae', 'Æ': 'ae', 'ß': 'ss', 'đ': 'd', 'Đ': 'd', 'ł': 'l',
           'Ł': 'l', 'ı': 'i', 'œ': 'oe', 'Œ': 'oe', 'þ': 'th', 'Þ': 'th', 'ð': 'd', 'Ð': 'd',
           'Ħ': 'h', 'ħ': 'h', 'ĸ': 'k', 'Ŀ': 'l', 'ŀ': 'l', 'ŉ': 'n', 'Ŋ': 'n', 'ŋ': 'n',
           'Ŧ': 't', 'ŧ': 't', 'Ĳ': 'j', 'ĳ': 'j'}


def key(s):
    """Mirror of dsr_name_key: fold accents and case, punctuation to one space."""
    out = []
    for ch in s:
        ch = SPECIAL.get(ch, ch)
        for c in unicodedata.normalize('NFKD', ch):
            if unicodedata.combining(c):
                continue
            c = c.lower()
            out.append(c if c.isalnum() else ' ')
    return ' '.join(''.join(out).split())


def fnv(b):
    h = 2166136261
    for x in b:
        h = ((h ^ x) * 16777619) & 0xffffffff
    return h


class Table:
    def __init__(self):
        self.rows = {}          # key -> [name, flags, canonical key or None]

    def add(self, name, flag, canon=None):
        k = key(name)
        if not k or len(k) > 60:
            return
        row = self.rows.setdefault(k, [name, 0, None])
        if row[0].islower() and not name.islower():
            row[0] = name           # a proper name's spelling wins ("Gulf")
        row[1] |= BIT[flag]
        if canon and key(canon) != k and row[2] is None:
            row[2] = key(canon)


def clean_subdiv(name, cc):
    name = re.sub(r'\s*\[.*?\]|\s*\(.*?\)', '', name)
    if cc == 'CN':
        name = re.sub(r'\s+(Sheng|Shi|Zizhiqu|Uygur Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu)$', '', name)
        name = name.replace(' Uygur', '')
    if cc == 'KR':
        name = re.sub(r'-(do|si|teukbyeolsi|gwangyeoksi|teukbyeoljachido|teukbyeoljachisi)$', '', name)
    return name


def main():
    t = Table()
    for c in json.load(open(os.path.join(ISO, 'iso_3166-1.json')))['3166-1']:
        names = [c['name'], c.get('common_name'), c.get('official_name')]
        canon = c.get('common_name') or c['name']
        for n in names:
            if n and ',' not in n and '(' not in n:
                t.add(n, 'country', canon if n != canon else None)
    # former countries (iso_3166-3): the name before any comma
    # ("USSR, Union of Soviet Socialist Republics" -> USSR)
    for c in json.load(open(os.path.join(ISO, 'iso_3166-3.json')))['3166-3']:
        n = c['name'].split(',')[0].strip()
        if '(' not in n and len(key(n)) >= 4:
            t.add(n, 'country')
    keep = {'US', 'CA', 'AU', 'CN', 'IN', 'DE', 'JP', 'BR', 'MX', 'GB', 'ES', 'IT', 'FR', 'KR',
            'PK', 'NG', 'ZA', 'ID', 'PH', 'AR', 'RU'}
    types = {'State', 'Province', 'Region', 'Prefecture', 'Country', 'Municipality',
             'Autonomous region', 'Autonomous community', 'Metropolitan region', 'Nation',
             'Special administrative region', 'Land', 'Special city', 'Capital city',
             'Metropolitan city', 'Federal district', 'Capital territory', 'Territory',
             'Outlying area', 'Republic', 'Autonomous province'}
    for s in json.load(open(os.path.join(ISO, 'iso_3166-2.json')))['3166-2']:
        cc = s['code'][:2]
        if cc in keep and s['type'] in types and ',' not in s['name']:
            n = clean_subdiv(s['name'], cc)
            if len(key(n)) >= 4:
                t.add(n, 'subdiv')
    with open(ZONE, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#'):
                continue
            parts = line.split('\t')
            if len(parts) < 3:
                continue
            zone = parts[2].strip()
            area, _, city = zone.partition('/')
            if area in ('Antarctica', 'Etc', 'Arctic') or not city:
                continue
            city = city.split('/')[-1].replace('_', ' ')
            if len(city) >= 4:
                t.add(city, 'city')
    with open(os.path.join(HERE, 'gazetteer_words.txt'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            head, _, rest = line.partition(':')
            words = [w.strip() for w in rest.split(',') if w.strip()]
            head = head.strip()
            if head.startswith('demonym ='):
                canon = head.split('=', 1)[1].strip()
                for w in words:
                    t.add(w, 'demonym', canon)
            elif head.startswith('='):
                canon = head[1:].strip()
                ck = key(canon)
                if ck not in t.rows:
                    t.add(canon, 'country')
                flags = t.rows[ck][1]
                for w in words:
                    for fl in FLAGS:
                        if flags & BIT[fl] and fl in ('country', 'subdiv', 'org', 'region', 'city',
                                                      'place'):
                            t.add(w, fl, canon)
            else:
                for w in words:
                    # place names from the word list get capitals for display
                    t.add(w.title() if head in ('city', 'region', 'org') and len(w) > 3 else w, head)
    # demonyms point at their country; make sure the country exists.
    for k, row in list(t.rows.items()):
        if row[2] and row[2] not in t.rows:
            t.rows[row[2]] = [row[2].title(), BIT['place'], None]

    # 'lead': the first words of a multi-word key ("sub", "sub saharan" of
    # "sub saharan africa": one token "Sub-Saharan" has the second key), so
    # that the C side looks a run of words up only when it can be in the table.
    for k in list(t.rows):
        words = k.split(' ')
        for i in range(1, len(words)):
            lead = ' '.join(words[:i])
            t.rows.setdefault(lead, [lead, 0, None])[1] |= BIT['lead']

    keys = sorted(t.rows)
    index = {k: i for i, k in enumerate(keys)}
    size = 1
    while size < 2 * len(keys):
        size *= 2
    slots = [0] * size
    for i, k in enumerate(keys):
        h = fnv(k.encode()) & (size - 1)
        while slots[h]:
            h = (h + 1) & (size - 1)
        slots[h] = i + 1

    def cstr(s):
        return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'

    out = sys.stdout
    out.write('/* gazetteer_data.h -- GENERATED by tools/gen_gazetteer.py; do not edit.\n'
              ' * Sources: Debian iso-codes (ISO 3166-1, 3166-2), tzdata zone.tab,\n'
              ' * tools/gazetteer_words.txt.  %d entries, %d slots. */\n' % (len(keys), size))
    for f in FLAGS:
        out.write('#define DSR_G_%s 0x%xu\n' % (f.upper(), BIT[f]))
    out.write('#define DSR_GAZ_SLOTS %du\n' % size)
    out.write('#define DSR_GAZ_N %d\n' % len(keys))
    out.write('#ifdef DSR_GAZ_TABLES\n')
    out.write('static const dsr_gaz_entry dsr_gaz_entries[DSR_GAZ_N] = {\n')
    for k in keys:
        name, flags, canon = t.rows[k]
        out.write('    {%s, %s, 0x%xu, %d},\n' % (cstr(k), cstr(name), flags,
                                                 index[canon] if canon else -1))
    out.write('};\n')
    out.write('static const uint16_t dsr_gaz_slots[DSR_GAZ_SLOTS] = {\n')
    for i in range(0, size, 16):
        out.write('    ' + ', '.join(str(x) for x in slots[i:i + 16]) + ',\n')
    out.write('};\n')
    out.write('#endif\n')


if __name__ == '__main__':
    main()
