// Which files are zone files (the one definition the editor's manifest mirrors and `mailsec lint`
// uses) and the origin a file name suggests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isZoneFile, isZoneFilePath, originFromFileName } from '../../../src/core/zone/fileName';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

test('by path: exact BIND names, db.* inside bind/named/zones folders, zone extensions; Windows separators too', () => {
  for (const p of ['/etc/bind/db.local', 'C:\\srv\\zones\\db.example.com', 'x/named/sub/db.a', 'a.ZONE', 'b.zonefile', 'c.zone.signed', 'root.hints']) assert.ok(isZoneFilePath(p), p);
  for (const p of ['db.example.com', 'app/db.py', 'bindings/db.x', 'zones.txt', 'a.zone.bak', 'data.db']) assert.equal(isZoneFilePath(p), false, p);
});

test('by content when the path says nothing: the first line, after a BOM, before CR LF', () => {
  assert.ok(isZoneFile('/tmp/db.example.com', bytes('$TTL 3600\n@ IN SOA a b 1 2 3 4 5\n')));
  assert.ok(isZoneFile('/tmp/example.db', bytes('\uFEFF$ORIGIN example.com.\r\n')));
  assert.ok(isZoneFile('/tmp/export.txt', bytes('; <<>> DiG 9.18 <<>> axfr example.com\n')));
  assert.equal(isZoneFile('/tmp/db.py', bytes('import sqlite3\n')), false);
  assert.equal(isZoneFile('/tmp/db.json', bytes('{"$TTL": 1}\n')), false);
  assert.equal(isZoneFile('/tmp/empty', bytes('')), false);
});

test('binary content is never a zone file, whatever its name', () => {
  assert.equal(isZoneFile('/tmp/db.sqlite3', bytes('SQLite format 3\0\u0010\u0000')), false);
  assert.equal(isZoneFile('/etc/bind/db.cache', bytes('$TTL 1\0')), false);
  assert.equal(isZoneFile('/tmp/x.zone', bytes('\0\0\0')), false);
});

test('origin from the file name', () => {
  assert.equal(originFromFileName('db.example.com'), 'example.com.');
  assert.equal(originFromFileName('Example.ORG.zone'), 'example.org.');
  assert.equal(originFromFileName('db.local'), undefined);
});
