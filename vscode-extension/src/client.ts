// Builds the language client for one resolved server command.
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  DynamicFeature,
  ExecuteCommandRegistrationOptions,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  RegistrationData,
  RevealOutputChannelOn,
  ServerOptions,
  StaticFeature,
  TransportKind,
} from 'vscode-languageclient/node';
import { withoutOwnedCommands } from './commandIds';
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
}

function isExecuteCommandFeature(feature: AnyFeature): feature is DynamicFeature<ExecuteCommandRegistrationOptions> & {
  register(data: RegistrationData<ExecuteCommandRegistrationOptions>): void;
} {
  const type = (feature as { registrationType?: { method?: string } }).registrationType;
  return type?.method === ExecuteCommandRequest.method;
}

export function createClient(
  command: string,
  args: string[],
  cwd: string | undefined,
  output: vscode.LogOutputChannel,
): LanguageClient {
  const serverOptions: ServerOptions = {
    command,
    args,
    transport: TransportKind.stdio,
    options: { cwd },
  };
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
  client = new RolintClient('rolint', 'rolint', serverOptions, clientOptions);
  return client;
}
