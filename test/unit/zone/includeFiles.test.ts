/**
 * $INCLUDE in the editor (issue 11, point 8): included files are read in the background,
 * regular files only, size-capped, and — in an untrusted workspace — only inside the
 * workspace with symbolic links resolved (a link inside the workspace used to escape it).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IncludeFileCache, loadIncludeFile } from '../../../src/core/zone/includeFiles';

function tree(): { root: string; ws: string; outside: string; done: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'mailsec-incl-'));
  const ws = join(root, 'workspace');
  const outside = join(root, 'secret');
  mkdirSync(ws);
  mkdirSync(outside);
  writeFileSync(join(ws, 'keys.zone'), 'k IN TXT "inside"\n');
  writeFileSync(join(outside, 'passwd.zone'), 'k IN TXT "outside"\n');
  return { root, ws, outside, done: () => rmSync(root, { recursive: true, force: true }) };
}

describe('loadIncludeFile', () => {
  test('untrusted: a symbolic link inside the workspace that leads out of it is refused', async () => {
    const t = tree();
    symlinkSync(join(t.outside, 'passwd.zone'), join(t.ws, 'link.zone'));
    symlinkSync(t.outside, join(t.ws, 'linkdir'));
    const policy = { roots: [t.ws], maxBytes: 1 << 20 };
    assert.deepEqual(await loadIncludeFile(join(t.ws, 'keys.zone'), policy), { ok: true, text: 'k IN TXT "inside"\n' });
    const viaLink = await loadIncludeFile(join(t.ws, 'link.zone'), policy);
    assert.equal(viaLink.ok, false);
    assert.match((viaLink as { reason: string }).reason, /through a symbolic link.*outside the workspace/);
    assert.equal((await loadIncludeFile(join(t.ws, 'linkdir', 'passwd.zone'), policy)).ok, false);
    assert.match((await loadIncludeFile(join(t.ws, '..', 'secret', 'passwd.zone'), policy) as { reason: string }).reason, /outside the workspace/);
    // Trusted: anywhere.
    assert.equal((await loadIncludeFile(join(t.ws, 'link.zone'), { maxBytes: 1 << 20 })).ok, true);
    t.done();
  });

  test('a FIFO, /dev/zero and a file over the cap are refused at once', async () => {
    const t = tree();
    assert.equal(spawnSync('mkfifo', [join(t.ws, 'pipe.zone')]).status, 0);
    writeFileSync(join(t.ws, 'big.zone'), 'x'.repeat(5000));
    const t0 = performance.now();
    const fifo = await loadIncludeFile(join(t.ws, 'pipe.zone'), { roots: [t.ws], maxBytes: 1 << 20 });
    assert.match((fifo as { reason: string }).reason, /named pipe/);
    assert.match((await loadIncludeFile('/dev/zero', { maxBytes: 1 << 20 }) as { reason: string }).reason, /a device; only regular files/);
    assert.match((await loadIncludeFile(join(t.ws, 'big.zone'), { maxBytes: 4096 }) as { reason: string }).reason, /more than the 0 MiB|MiB read for an \$INCLUDE/);
    assert.ok(performance.now() - t0 < 2000);
    t.done();
  });
});

describe('IncludeFileCache', () => {
  test('the first read says the file is being read; it arrives in the background and is served after', async () => {
    const t = tree();
    const arrived: string[] = [];
    let notify: () => void = () => undefined;
    const cache = new IncludeFileCache(() => ({ roots: [t.ws], maxBytes: 1 << 20 }), (p) => {
      arrived.push(p);
      notify();
    });
    const path = join(t.ws, 'keys.zone');
    assert.throws(() => cache.read(path), /being read/);
    await new Promise<void>((r) => (notify = r));
    assert.deepEqual(arrived, [path]);
    assert.equal(cache.read(path), 'k IN TXT "inside"\n');
    t.done();
  });

  test('an old entry is served while it is read again; a change is announced, no change is not', async () => {
    let text = 'a\n';
    let loads = 0;
    const arrived: string[] = [];
    let notify: () => void = () => undefined;
    const cache = new IncludeFileCache(() => ({ maxBytes: 100 }), (p) => {
      arrived.push(p);
      notify();
    }, -1, async () => {
      loads++;
      return { ok: true, text };
    });
    assert.throws(() => cache.read('/f'));
    await new Promise<void>((r) => (notify = r));
    assert.equal(cache.read('/f'), 'a\n'); // stale at once (maxAge -1): served, read again
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(arrived.length, 1, 'same text: not announced');
    text = 'b\n';
    assert.equal(cache.read('/f'), 'a\n');
    await new Promise<void>((r) => (notify = r));
    assert.equal(cache.read('/f'), 'b\n');
    assert.equal(arrived.length, 2);
    assert.ok(loads >= 3);
  });
});
