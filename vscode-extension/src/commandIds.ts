// Command ids. No `vscode` import.

/** Commands this extension contributes (package.json `contributes.commands`). */
export const EXTENSION_COMMANDS = {
  fixAllInFile: 'rolint.fixAllInFile',
  checkWorkspace: 'rolint.checkWorkspace',
  restartServer: 'rolint.restartServer',
  showOutput: 'rolint.showOutput',
  showInstallHelp: 'rolint.showInstallHelp',
} as const;

/** Commands the server runs through workspace/executeCommand. */
export const SERVER_COMMANDS = {
  fixAll: 'rolint.fixAll',
  addToVocabulary: 'rolint.addToVocabulary',
  checkWorkspace: 'rolint.checkWorkspace',
} as const;

/**
 * vscode-languageclient registers every command the server announces as a VS Code
 * command of the same name. `rolint.checkWorkspace` is also ours (it works even while
 * the server is down, and opens the Problems panel), and VS Code refuses a second
 * registration, so the client must leave out the ids this extension already owns.
 */
export function withoutOwnedCommands(serverCommands: string[] | undefined): string[] {
  const owned = new Set<string>(Object.values(EXTENSION_COMMANDS));
  return (serverCommands ?? []).filter((c) => !owned.has(c));
}
