#!/usr/bin/env python3
"""Reference for `npm run bench`: a straightforward reading of a folder of DMARC aggregate
reports with xml.etree (gzip via the gzip module), summing messages and DMARC passes per
source address -- the core of what mailsec reports computes, and nothing more."""
import gzip
import os
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

total = 0
passing = 0
per_ip = defaultdict(lambda: [0, 0])
for dirpath, _, names in os.walk(sys.argv[1]):
    for name in sorted(names):
        path = os.path.join(dirpath, name)
        opener = gzip.open if name.endswith('.gz') else open
        with opener(path, 'rb') as f:
            root = ET.parse(f).getroot()
        for record in root.iter('record'):
            row = record.find('row')
            n = int(row.findtext('count'))
            ev = row.find('policy_evaluated')
            ok = ev.findtext('dkim') == 'pass' or ev.findtext('spf') == 'pass'
            acc = per_ip[row.findtext('source_ip')]
            acc[0] += n
            total += n
            if ok:
                acc[1] += n
                passing += n
print(total, passing, len(per_ip))
