import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describe as describeResolution, expandPath, resolveServerCommand, ResolveInput } from '../src/serverCommand';

/** A resolver input over a fake file system holding exactly `files`. */
function input(files: string[], overrides: Partial<ResolveInput> = {}): ResolveInput {
  const set = new Set(files);
  return {
    rolintPath: '',
    python: '',
    workspaceFolders: ['/ws'],
    trustWorkspace: true,
    envPath: '/usr/local/bin:/usr/bin',
    platform: 'linux',
    homeDir: '/home/ana',
    isExecutable: (f) => set.has(f),
    ...overrides,
  };
}

describe('resolveServerCommand', () => {
  it('uses rolint.path first, even when a venv and PATH have rolint', () => {
    const r = resolveServerCommand(
      input(['/opt/rolint/bin/rolint', '/ws/.venv/bin/rolint', '/usr/bin/rolint'], { rolintPath: '/opt/rolint/bin/rolint' }),
    );
    assert.deepEqual(r, { found: true, command: '/opt/rolint/bin/rolint', args: ['lsp'], origin: 'setting-path' });
  });

  it('looks a bare rolint.path name up in PATH', () => {
    const r = resolveServerCommand(input(['/usr/bin/rolint-dev'], { rolintPath: 'rolint-dev' }));
    assert.deepEqual(r, { found: true, command: '/usr/bin/rolint-dev', args: ['lsp'], origin: 'setting-path' });
  });

  it('takes a relative rolint.path from the first workspace folder', () => {
    const r = resolveServerCommand(input(['/ws/tools/rolint'], { rolintPath: './tools/rolint' }));
    assert.equal(r.found && r.command, '/ws/tools/rolint');
  });

  it('expands ~ and ${workspaceFolder}', () => {
    assert.equal(expandPath(input([]), '~/bin/rolint'), '/home/ana/bin/rolint');
    assert.equal(expandPath(input([]), '${workspaceFolder}/env/bin/rolint'), '/ws/env/bin/rolint');
  });

  it('reports a configured rolint.path that does not exist instead of falling back', () => {
    const r = resolveServerCommand(input(['/usr/bin/rolint'], { rolintPath: '/nu/exista/rolint' }));
    assert.equal(r.found, false);
    assert.match(!r.found ? r.reason : '', /rolint\.path.*\/nu\/exista\/rolint/);
  });

  it('runs rolint.python as python -m rolint lsp', () => {
    const r = resolveServerCommand(input(['/usr/bin/python3', '/usr/bin/rolint'], { python: 'python3' }));
    assert.deepEqual(r, { found: true, command: '/usr/bin/python3', args: ['-m', 'rolint', 'lsp'], origin: 'setting-python' });
  });

  it('prefers rolint.path over rolint.python', () => {
    const r = resolveServerCommand(
      input(['/usr/bin/python3', '/x/rolint'], { python: '/usr/bin/python3', rolintPath: '/x/rolint' }),
    );
    assert.equal(r.found && r.origin, 'setting-path');
  });

  it('reports a missing rolint.python', () => {
    const r = resolveServerCommand(input(['/usr/bin/rolint'], { python: '/nu/python' }));
    assert.equal(r.found, false);
    assert.match(!r.found ? r.reason : '', /rolint\.python/);
  });

  it('finds bin/rolint in the workspace .venv before PATH', () => {
    const r = resolveServerCommand(input(['/ws/.venv/bin/rolint', '/ws/.venv/bin/python', '/usr/bin/rolint']));
    assert.deepEqual(r, { found: true, command: '/ws/.venv/bin/rolint', args: ['lsp'], origin: 'venv' });
  });

  it('falls back to the venv python when the venv has no rolint script', () => {
    const r = resolveServerCommand(input(['/ws/venv/bin/python', '/usr/bin/rolint']));
    assert.deepEqual(r, { found: true, command: '/ws/venv/bin/python', args: ['-m', 'rolint', 'lsp'], origin: 'venv' });
  });

  it('runs nothing from the venv of an untrusted workspace', () => {
    const r = resolveServerCommand(input(['/ws/.venv/bin/rolint', '/usr/bin/rolint'], { trustWorkspace: false }));
    assert.deepEqual(r, { found: true, command: '/usr/bin/rolint', args: ['lsp'], origin: 'PATH' });
  });

  it('looks at .venv before venv and at every workspace folder', () => {
    const files = ['/b/venv/bin/rolint', '/b/.venv/bin/rolint'];
    const r = resolveServerCommand(input(files, { workspaceFolders: ['/a', '/b'] }));
    assert.equal(r.found && r.command, '/b/.venv/bin/rolint');
  });

  it('uses Scripts\\rolint.exe in a Windows venv', () => {
    const r = resolveServerCommand(
      input(['C:\\ws\\.venv\\Scripts\\rolint.exe'], { platform: 'win32', workspaceFolders: ['C:\\ws'], envPath: '' }),
    );
    assert.equal(r.found && r.command, 'C:\\ws\\.venv\\Scripts\\rolint.exe');
  });

  it('finds rolint on PATH, first entry first', () => {
    const r = resolveServerCommand(input(['/usr/local/bin/rolint', '/usr/bin/rolint']));
    assert.deepEqual(r, { found: true, command: '/usr/local/bin/rolint', args: ['lsp'], origin: 'PATH' });
  });

  it('finds rolint.exe on a Windows PATH', () => {
    const r = resolveServerCommand(
      input(['C:\\Python\\Scripts\\rolint.exe'], { platform: 'win32', workspaceFolders: [], envPath: 'C:\\Windows;C:\\Python\\Scripts' }),
    );
    assert.equal(r.found && r.command, 'C:\\Python\\Scripts\\rolint.exe');
  });

  it('says how to get rolint when it is nowhere', () => {
    const r = resolveServerCommand(input(['/usr/bin/python3']));
    assert.equal(r.found, false);
    assert.match(describeResolution(r), /nu este instalat/);
  });

  it('works with no workspace folder open', () => {
    const r = resolveServerCommand(input(['/usr/bin/rolint'], { workspaceFolders: [] }));
    assert.equal(r.found && r.origin, 'PATH');
  });
});
