// The bridge is its own small process on the till: it reads only these variables and flags.
import { z } from 'zod';
import { ConfigError } from '../../core/config/config.js';
import { normalizeCardUid } from '../../core/pass/uid.js';
import { normalizeOrigin } from './access.js';

const originList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const origins: string[] = [];
    for (const item of value.split(',').map((s) => s.trim()).filter(Boolean)) {
      const origin = normalizeOrigin(item);
      if (origin) origins.push(origin);
      else ctx.addIssue({ code: 'custom', message: `not an http(s) origin: ${item}` });
    }
    return origins;
  });

export const nfcBridgeConfigSchema = z.object({
  NFC_BRIDGE_PORT: z.coerce.number().int().min(1).max(65535).default(7777),
  /** Comma-separated page origins allowed besides localhost, e.g. https://pass.example.org */
  NFC_BRIDGE_ORIGINS: originList,
});

export type NfcBridgeConfig = z.infer<typeof nfcBridgeConfigSchema>;

/** Parses the environment; throws one line per bad variable. */
export function loadNfcBridgeConfig(env: Record<string, string | undefined> = process.env): NfcBridgeConfig {
  const relevant = Object.fromEntries(Object.keys(nfcBridgeConfigSchema.shape).map((k) => [k, env[k] || undefined]));
  const parsed = nfcBridgeConfigSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `invalid environment variable ${String(i.path[0])}: ${i.message}`).join('\n'));
  }
  return parsed.data;
}

export interface BridgeArgs {
  /** Use the simulated reader even when nfc-pcsc is available. */
  simulate: boolean;
  /** UIDs the simulated reader taps in a loop (`--simulate 04A1B2C3,04DEADBEEF0102`). */
  script: string[];
}

/** Reads `--simulate`, `--simulate LIST` or `--simulate=LIST`; other arguments and bad UIDs are errors. */
export function parseBridgeArgs(argv: readonly string[]): BridgeArgs {
  const args: BridgeArgs = { simulate: false, script: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag !== '--simulate') throw new ConfigError(`unknown argument ${argv[i]} (usage: npm run nfc -- [--simulate [UID,UID...]])`);
    args.simulate = true;
    const list = inline ?? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : '');
    for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const uid = normalizeCardUid(item);
      if (!uid) throw new ConfigError(`--simulate: ${item} is not a card UID (4, 7 or 10 bytes of hex)`);
      args.script.push(uid);
    }
  }
  return args;
}
