// Which files VS Code opens as a DNS zone. VS Code ranks an exact file name over a
// filenamePattern over an extension, and looks at firstLine only when none of those
// matched; so a broad pattern like db.* would take db.ts, db.py or db.json away from their
// languages. These tests pin what is claimed and what is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isZoneFilePath } from '../../../src/core/zone/fileName';
import { language } from './manifest';

const zone = language('dns-zone');

/** The core's definition, which package.json mirrors (test/unit/meta/manifest.test.ts) and `mailsec lint` uses. */
const claimedByName = isZoneFilePath;

test('zone files are claimed by name or extension', () => {
  for (const path of [
    '/etc/bind/db.example.com', '/etc/bind/db.local', '/etc/bind/db.127', '/etc/bind/zones/db.example.org',
    '/var/named/db.example.net', '/srv/knot/zones/db.example.com', '/usr/share/dns/root.hints', '/var/named/named.ca',
    'example.com.zone', 'example.com.zonefile', 'example.com.zone.signed',
  ]) {
    assert.ok(claimedByName(path), path);
  }
});

test('source and database files named db.* keep their own language', () => {
  for (const path of [
    'src/db.ts', 'app/db.py', 'lib/db.js', 'db.json', 'db.sqlite3', 'config/db.yml', 'internal/db.go', 'data.db', 'db.example.com',
  ]) {
    assert.equal(claimedByName(path), false, path);
  }
});

test('firstLine recognises the first lines zone files start with', () => {
  const firstLine = new RegExp(zone.firstLine ?? '(?!)');
  assert.ok(zone.firstLine?.startsWith('^'), 'VS Code anchors firstLine; keep the anchor explicit');
  for (const line of [
    '$ORIGIN example.com.', '$TTL 3600', '$ttl 1h', '$INCLUDE Kexample.com.+013+12345.key', '$GENERATE 1-10 host$ A 192.0.2.$',
    '@ IN SOA ns1 hostmaster 1 2 3 4 5', '@\tIN\tSOA\tns1.example.com. hostmaster.example.com. (',
    'example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300',
    'example.com. IN 3600 SOA ns1 hostmaster (', 'example.com. SOA ns1 hostmaster 1 2 3 4 5',
    '; zone file for example.com', ';; -*- mode: zone -*-', '; BIND data file for example.com',
    '; <<>> DiG 9.18.24 <<>> axfr example.com @ns1.example.com', ';; Domain:     example.com.',
    ';       This file holds the information on root name servers needed to',
  ]) {
    assert.ok(firstLine.test(line), line);
  }
});

test('firstLine leaves other files alone, including a bare comment line', () => {
  const firstLine = new RegExp(zone.firstLine ?? '(?!)');
  for (const line of [
    'SQLite format 3\u0000', ';', ';;', '; comment', ';;; init.el --- Emacs configuration', 'section .text ; assembler',
    '[database]', '#!/bin/sh', 'TTL 3600', '$ORIGINAL', 'soap SOAP envelope', '; zones of the map (timezone data)',
  ]) {
    assert.equal(firstLine.test(line), false, line);
  }
});
