// Maps the VS Code `rolint.*` settings to what the server reads: the same object is
// sent as initializationOptions, returned for workspace/configuration (section
// `rolint`) and pushed with workspace/didChangeConfiguration. No `vscode` import.

// 'on' restores a rule's own default severity (as in rolint.toml).
export const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off', 'on'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface ServerSettings {
  /** Rule id (`diacritics/cedilla`) or family (`diacritics`) → severity. */
  rules: Record<string, Severity>;
  /** '' leaves it to the project's rolint.toml (whose default is warning). */
  failOn: string;
  vocabulary: string;
  languageTool: { url: string };
  debounceMs: number;
}

export const DEFAULTS: ServerSettings = {
  rules: {},
  failOn: '',
  vocabulary: '',
  languageTool: { url: '' },
  debounceMs: 150,
};

/** Settings only the extension uses; changing them restarts the server. */
export const RESTART_SETTINGS = ['rolint.enable', 'rolint.path', 'rolint.python'];

/** `get` reads a key under `rolint.` (like WorkspaceConfiguration.get); undefined = unset. */
export function toServerSettings(get: (key: string) => unknown): ServerSettings {
  return {
    rules: toRules(get('rules')),
    failOn: toSeverityName(get('failOn'), DEFAULTS.failOn),
    vocabulary: toText(get('vocabulary')),
    languageTool: { url: toText(get('languageTool.url')) },
    debounceMs: toDebounce(get('debounceMs')),
  };
}

// Unknown severities are dropped rather than sent: the server would have to
// reject them anyway, and one typo should not disable the whole rules object.
function toRules(value: unknown): Record<string, Severity> {
  const rules: Record<string, Severity> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return rules;
  }
  for (const [id, raw] of Object.entries(value as Record<string, unknown>)) {
    const severity = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
    if (id.trim() && (SEVERITIES as readonly string[]).includes(severity)) {
      rules[id.trim()] = severity as Severity;
    }
  }
  return rules;
}

function toSeverityName(value: unknown, fallback: string): string {
  const name = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return name || fallback;
}

function toText(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function toDebounce(value: unknown): number {
  const n = typeof value === 'number' ? value : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? Math.round(n) : DEFAULTS.debounceMs;
}
