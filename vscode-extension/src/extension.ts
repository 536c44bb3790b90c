// Entry point: starts `rolint lsp`, keeps the status bar current, adds the commands.
import * as fs from 'fs';
import * as os from 'os';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, State } from 'vscode-languageclient/node';
import { createClient } from './client';
import { EXTENSION_COMMANDS, SERVER_COMMANDS } from './commandIds';
import { describe, resolveServerCommand, Resolution } from './serverCommand';
import { RESTART_SETTINGS } from './settings';
import { countRolint, ServerState, statusText } from './status';

const INSTALL = 'Cum instalez rolint';
const SETTINGS = 'Deschide setările';
const LOG = 'Arată jurnalul';

let controller: Controller | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('rolint', { log: true });
  const status = vscode.window.createStatusBarItem('rolint.status', vscode.StatusBarAlignment.Left, 0);
  status.name = 'rolint';
  status.command = EXTENSION_COMMANDS.showOutput;
  status.show();
  controller = new Controller(context, output, status);
  const c = controller;

  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand(EXTENSION_COMMANDS.fixAllInFile, () => c.fixAllInFile()),
    vscode.commands.registerCommand(EXTENSION_COMMANDS.checkWorkspace, () => c.checkWorkspace()),
    vscode.commands.registerCommand(EXTENSION_COMMANDS.restartServer, () => c.restart()),
    vscode.commands.registerCommand(EXTENSION_COMMANDS.showOutput, () => output.show()),
    vscode.commands.registerCommand(EXTENSION_COMMANDS.showInstallHelp, () => c.showInstallHelp()),
    vscode.languages.onDidChangeDiagnostics(() => c.refreshStatus()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Server settings reach the running server through the client; only the
      // settings that pick the program (or turn it off) need a new process.
      if (RESTART_SETTINGS.some((s) => e.affectsConfiguration(s))) {
        void c.restart();
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void c.restart()),
    // Trust allows the workspace's own venv, which may hold a different rolint.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void c.restart()),
  );
  // Not awaited: activation should not wait for the Python server to come up.
  void c.start();
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
}

class Controller {
  private client: LanguageClient | undefined;
  private state: ServerState = 'stopped';
  private detail = '';
  private stopping = false;
  // Starts and stops run one after another, never interleaved.
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly status: vscode.StatusBarItem,
  ) {
    this.refreshStatus();
  }

  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step, step);
    return this.queue;
  }

  private async doStart(): Promise<void> {
    const config = vscode.workspace.getConfiguration('rolint');
    if (!config.get<boolean>('enable', true)) {
      this.setState('stopped', 'dezactivat din setarea rolint.enable');
      return;
    }
    const resolution = this.resolve();
    this.output.info(`server: ${describe(resolution)}`);
    if (!resolution.found) {
      this.setState('error', resolution.reason);
      void this.showMissing(resolution.reason);
      return;
    }
    const client = createClient(resolution.command, resolution.args, this.folders()[0], this.output, (message) =>
      this.onGiveUp(message),
    );
    client.onDidChangeState((e) => this.onClientState(e.newState));
    this.client = client;
    this.setState('starting', describe(resolution));
    try {
      await client.start();
    } catch (error) {
      this.output.error(`serverul nu a pornit: ${String(error)}`);
      this.setState('error', `${describe(resolution)}: ${String(error)}`);
      void this.showStartFailure(resolution);
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    // A client whose start failed has nothing to stop (and stop() would throw).
    if (!client?.needsStop()) {
      this.setState(this.state === 'error' ? 'error' : 'stopped', this.detail);
      return;
    }
    this.stopping = true;
    try {
      // dispose() also unregisters the commands the client added for the server.
      await client.dispose(2000);
    } catch (error) {
      this.output.warn(`oprirea serverului: ${String(error)}`);
    } finally {
      this.stopping = false;
    }
    this.setState('stopped', '');
  }

  private onClientState(state: State): void {
    if (state === State.Running) {
      this.setState('running', this.detail);
    } else if (state === State.Starting) {
      this.setState('starting', this.detail);
    } else if (!this.stopping && this.state !== 'error') {
      // The client gave up restarting a server that kept exiting.
      this.setState('error', 'serverul s-a oprit neașteptat; vedeți jurnalul rolint');
    }
  }

  private onGiveUp(message: string): void {
    this.output.error(message);
    this.setState('error', message);
    void vscode.window
      .showErrorMessage(message, 'Repornește serverul', LOG)
      .then((choice) => this.onChoice(choice));
  }

  private resolve(): Resolution {
    const config = vscode.workspace.getConfiguration('rolint');
    return resolveServerCommand({
      rolintPath: config.get<string>('path', ''),
      python: config.get<string>('python', ''),
      workspaceFolders: this.folders(),
      trustWorkspace: vscode.workspace.isTrusted,
      envPath: process.env.PATH ?? '',
      platform: process.platform,
      homeDir: os.homedir(),
      isExecutable,
    });
  }

  private folders(): string[] {
    return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  }

  private setState(state: ServerState, detail: string): void {
    this.state = state;
    this.detail = detail;
    this.refreshStatus();
  }

  refreshStatus(): void {
    const all = vscode.languages.getDiagnostics().flatMap(([, list]) => list);
    const counts = countRolint(all.map((d) => ({ source: d.source, severity: d.severity })));
    const { text, tooltip } = statusText(this.state, counts, this.detail);
    this.status.text = text;
    this.status.tooltip = tooltip;
    this.status.backgroundColor =
      this.state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  private runningClient(): LanguageClient | undefined {
    if (this.client?.isRunning()) {
      return this.client;
    }
    void vscode.window
      .showWarningMessage('Serverul rolint nu rulează.', 'Repornește serverul', LOG)
      .then((choice) => this.onChoice(choice));
    return undefined;
  }

  async fixAllInFile(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Deschideți întâi un fișier de verificat.');
      return;
    }
    const client = this.runningClient();
    if (!client) {
      return;
    }
    await this.reportFailure(
      client.sendRequest(ExecuteCommandRequest.type, {
        command: SERVER_COMMANDS.fixAll,
        arguments: [editor.document.uri.toString()],
      }),
    );
  }

  async checkWorkspace(): Promise<void> {
    const client = this.runningClient();
    if (!client) {
      return;
    }
    const done = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'rolint verifică spațiul de lucru' },
      () =>
        this.reportFailure(
          client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMANDS.checkWorkspace, arguments: [] }),
        ),
    );
    if (done) {
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }
  }

  /** Shows a request's failure in Romanian (the client's own pop-ups are off); true when it succeeded. */
  private async reportFailure(request: Promise<unknown>): Promise<boolean> {
    try {
      await request;
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.output.error(`comanda a eșuat: ${message}`);
      void vscode.window.showErrorMessage(`rolint: comanda a eșuat: ${message}`, LOG).then((c) => this.onChoice(c));
      return false;
    }
  }

  /** Opens the install section of this extension's README. */
  async showInstallHelp(): Promise<void> {
    // vsce stores the README as readme.md inside the .vsix; a checkout has README.md.
    const name = ['README.md', 'readme.md'].find((n) => fs.existsSync(vscode.Uri.joinPath(this.context.extensionUri, n).fsPath));
    const readme = vscode.Uri.joinPath(this.context.extensionUri, name ?? 'README.md');
    try {
      await vscode.commands.executeCommand('markdown.showPreview', readme);
    } catch {
      await vscode.window.showTextDocument(readme);
    }
  }

  private async showMissing(reason: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(
      `${reason} Instalați-l cu „pip install” dintr-o copie a depozitului rolint (în mediul virtual al proiectului sau global) ` +
        'sau indicați programul în setarea rolint.path.',
      INSTALL,
      SETTINGS,
    );
    await this.onChoice(choice);
  }

  private async showStartFailure(resolution: Resolution): Promise<void> {
    const choice = await vscode.window.showErrorMessage(
      `Serverul rolint nu a pornit: ${describe(resolution)}. Detaliile sunt în jurnalul rolint. ` +
        'Verificați instalarea rolint și setările rolint.path / rolint.python.',
      INSTALL,
      LOG,
      SETTINGS,
    );
    await this.onChoice(choice);
  }

  private async onChoice(choice: string | undefined): Promise<void> {
    if (choice === INSTALL) {
      await this.showInstallHelp();
    } else if (choice === SETTINGS) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'rolint.');
    } else if (choice === LOG) {
      this.output.show();
    } else if (choice === 'Repornește serverul') {
      await this.restart();
    }
  }
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (process.platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}
