// Text of the status-bar item: server state plus counts of rolint's diagnostics.
// No `vscode` import; severities use VS Code's numbering (Error 0 … Hint 3).

export type ServerState = 'starting' | 'running' | 'stopped' | 'error';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
}

export interface DiagnosticLike {
  source?: string;
  severity: number;
}

export function countRolint(diagnostics: Iterable<DiagnosticLike>): Counts {
  const counts: Counts = { errors: 0, warnings: 0, infos: 0, hints: 0 };
  for (const d of diagnostics) {
    if (d.source !== 'rolint') {
      continue;
    }
    if (d.severity === 0) counts.errors++;
    else if (d.severity === 1) counts.warnings++;
    else if (d.severity === 2) counts.infos++;
    else counts.hints++;
  }
  return counts;
}

const STATE: Record<ServerState, { icon: string; words: string }> = {
  starting: { icon: '$(sync~spin)', words: 'serverul pornește' },
  running: { icon: '$(check)', words: 'serverul rulează' },
  stopped: { icon: '$(circle-slash)', words: 'serverul este oprit' },
  error: { icon: '$(error)', words: 'serverul nu a putut porni' },
};

export function statusText(state: ServerState, counts: Counts, detail = ''): { text: string; tooltip: string } {
  const icon = STATE[state].icon;
  const text = state === 'running' ? `${icon} rolint ${countsText(counts)}` : `${icon} rolint`;
  const lines = [`rolint: ${STATE[state].words}`];
  if (detail) lines.push(detail);
  lines.push(
    `${counts.errors} erori, ${counts.warnings} avertismente, ${counts.infos} informări, ${counts.hints} sugestii`,
    'Clic: jurnalul rolint',
  );
  return { text, tooltip: lines.join('\n') };
}

function countsText(c: Counts): string {
  return `$(error) ${c.errors} $(warning) ${c.warnings} $(info) ${c.infos}`;
}
