// Builds the language client for one resolved server command.
import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  ErrorHandler,
  DynamicFeature,
  ExecuteCommandRegistrationOptions,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  RegistrationData,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  StaticFeature,
} from 'vscode-languageclient/node';
import { withoutOwnedCommands } from './commandIds';
import { RestartPolicy } from './restartPolicy';
import { ServerSettings, toServerSettings } from './settings';

export const LANGUAGES = ['plaintext', 'markdown', 'html'];

/** The mapped settings for one resource (or the window when none). */
export function currentSettings(scopeUri?: string): ServerSettings {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  const config = vscode.workspace.getConfiguration('rolint', scope);
  return toServerSettings((key) => config.get(key));
}

type AnyFeature = StaticFeature | DynamicFeature<unknown>;

/** A LanguageClient that does not register the server commands this extension owns. */
class RolintClient extends LanguageClient {
  // Called from the base constructor for every built-in feature, so no instance
  // fields may be used here.
  public override registerFeature(feature: AnyFeature): void {
    if (isExecuteCommandFeature(feature)) {
      const register = feature.register.bind(feature);
      feature.register = (data) =>
        register({
          ...data,
          registerOptions: { ...data.registerOptions, commands: withoutOwnedCommands(data.registerOptions.commands) },
        });
    }
    super.registerFeature(feature);
  }

  // The client's own pop-ups are English and come in a cascade (EPIPE, "couldn't
  // create connection", "initialization failed", …) that buries the one message
  // that helps. Everything still goes to the rolint log; the extension shows one
  // Romanian message itself (see extension.ts) and turns the status bar red.
  public override error(message: string, data?: unknown, _showNotification?: boolean | 'force'): void {
    super.error(message, data, false);
  }
}

function isExecuteCommandFeature(feature: AnyFeature): feature is DynamicFeature<ExecuteCommandRegistrationOptions> & {
  register(data: RegistrationData<ExecuteCommandRegistrationOptions>): void;
} {
  const type = (feature as { registrationType?: { method?: string } }).registrationType;
  return type?.method === ExecuteCommandRequest.method;
}

/** Restarts a server that crashed after running; calls `onGiveUp` when it stops trying. */
function errorHandler(hasRun: () => boolean, onGiveUp: (message: string) => void): ErrorHandler {
  const policy = new RestartPolicy();
  return {
    error: (_error, _message, count) => ({
      action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown,
      handled: true,
    }),
    closed: () => {
      if (policy.onClosed(hasRun()) === 'restart') {
        return { action: CloseAction.Restart, handled: true };
      }
      // A server that never started is reported by the failed start() itself.
      if (hasRun()) {
        onGiveUp('Serverul rolint s-a oprit de mai multe ori în ultimele minute și nu mai este repornit.');
      }
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}

export function createClient(
  command: string,
  args: string[],
  cwd: string | undefined,
  output: vscode.LogOutputChannel,
  onGiveUp: (message: string) => void,
): LanguageClient {
  // No `transport` on purpose: with TransportKind.stdio the client appends
  // `--stdio` to the arguments, which `rolint lsp` (stdio by default) rejects.
  const serverOptions: ServerOptions = { command, args, options: { cwd } };
  let client: LanguageClient | undefined = undefined;
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    initializationOptions: currentSettings(),
    synchronize: { configurationSection: 'rolint' },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // No retry dialog: a server that cannot initialize is reported once, by start().
    initializationFailedHandler: () => false,
    errorHandler: errorHandler(() => everRunning, onGiveUp),
    middleware: {
      workspace: {
        // The server pulls section `rolint`: answer with the mapped settings, the
        // same shape as initializationOptions, instead of the raw VS Code object.
        configuration: async (params, token, next) => {
          const raw = await next(params, token);
          if (!Array.isArray(raw)) {
            return raw;
          }
          return params.items.map((item, i) => (item.section === 'rolint' ? currentSettings(item.scopeUri) : raw[i]));
        },
        // Push the mapped settings too, so a server that does not pull sees them.
        didChangeConfiguration: async () => {
          await client?.sendNotification(DidChangeConfigurationNotification.type, {
            settings: { rolint: currentSettings() },
          });
        },
      },
    },
  };
  let everRunning = false;
  client = new RolintClient('rolint', 'rolint', serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    everRunning = everRunning || e.newState === State.Running;
  });
  return client;
}
