import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULTS, toServerSettings } from '../src/settings';

/** Reads keys from a flat map, as WorkspaceConfiguration.get does for `rolint.<key>`. */
function from(values: Record<string, unknown>) {
  return toServerSettings((key) => values[key]);
}

describe('toServerSettings', () => {
  it('gives the defaults when nothing is set', () => {
    assert.deepEqual(from({}), DEFAULTS);
    assert.deepEqual(from({}), {
      rules: {},
      failOn: '',
      vocabulary: '',
      languageTool: { url: '' },
      debounceMs: 150,
    });
  });

  it('maps every server setting into the initializationOptions shape', () => {
    const settings = from({
      rules: { 'diacritics/cedilla': 'error', attribution: 'off' },
      failOn: 'warning',
      vocabulary: 'redactie/vocabular.txt',
      'languageTool.url': 'http://127.0.0.1:8081',
      debounceMs: 300,
      // extension-only settings never reach the server
      path: '/usr/bin/rolint',
      enable: true,
    });
    assert.deepEqual(settings, {
      rules: { 'diacritics/cedilla': 'error', attribution: 'off' },
      failOn: 'warning',
      vocabulary: 'redactie/vocabular.txt',
      languageTool: { url: 'http://127.0.0.1:8081' },
      debounceMs: 300,
    });
  });

  it('normalises severities and drops unknown ones', () => {
    const settings = from({ rules: { 'spelling/typo': ' Warning ', 'quotes/style': 'loud', '': 'error', x: 3 } });
    assert.deepEqual(settings.rules, { 'spelling/typo': 'warning' });
  });

  it('ignores a rules value that is not an object', () => {
    assert.deepEqual(from({ rules: ['diacritics'] }).rules, {});
    assert.deepEqual(from({ rules: 'off' }).rules, {});
  });

  it('falls back to 150 ms for a bad debounce and rounds a good one', () => {
    assert.equal(from({ debounceMs: -5 }).debounceMs, 150);
    assert.equal(from({ debounceMs: '200' }).debounceMs, 150);
    assert.equal(from({ debounceMs: Number.NaN }).debounceMs, 150);
    assert.equal(from({ debounceMs: 0 }).debounceMs, 0);
    assert.equal(from({ debounceMs: 99.6 }).debounceMs, 100);
  });

  it('trims strings and keeps an empty LanguageTool url empty', () => {
    const s = from({ vocabulary: '  voc.txt ', 'languageTool.url': '  ', failOn: ' INFO ' });
    assert.equal(s.vocabulary, 'voc.txt');
    assert.equal(s.languageTool.url, '');
    assert.equal(s.failOn, 'info');
  });

  it('produces plain JSON (what goes over the wire)', () => {
    const s = from({ rules: { diacritics: 'hint' } });
    assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
  });
});
