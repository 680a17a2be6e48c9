// `npm run nfc [-- --simulate [UID,UID...]]`: the NFC bridge of one till or public screen.
// Real USB reader through PC/SC by default; the simulated reader (stdin, scripted list) when
// asked, or with a warning when nfc-pcsc is not installed.
import { logger } from '../../core/shared/logger.js';
import { startNfcBridge } from './bridge.js';
import type { CardReader } from './card-reader.js';
import { loadNfcBridgeConfig, parseBridgeArgs, type BridgeArgs } from './config.js';
import { loadPcscReader } from './pcsc-reader.js';
import { SimulatedReader } from './simulated-reader.js';

const host = '127.0.0.1';

async function main(): Promise<void> {
  const config = loadNfcBridgeConfig();
  const args = parseBridgeArgs(process.argv.slice(2));
  const reader = await chooseReader(args);
  const bridge = await startNfcBridge({ reader, host, port: config.NFC_BRIDGE_PORT, allowedOrigins: config.NFC_BRIDGE_ORIGINS });
  logger.info({ url: `ws://${host}:${bridge.port}`, reader: reader.kind, origins: config.NFC_BRIDGE_ORIGINS }, 'nfc: bridge listening');
  if (reader.kind === 'simulated') logger.info('nfc: simulated reader: type a card UID (e.g. 04A1B2C3D4E5F6) and press Enter to tap it');

  const shutdown = (): void => {
    bridge.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

async function chooseReader(args: BridgeArgs): Promise<CardReader> {
  const simulated = (): CardReader => new SimulatedReader({ input: process.stdin, script: args.script });
  if (args.simulate) return simulated();
  const loaded = await loadPcscReader();
  if (loaded.ok) return loaded.reader;
  logger.warn(`nfc: ${loaded.message}; falling back to the simulated reader`);
  return simulated();
}

main().catch((err: Error & { code?: string }) => {
  const hint = err.code === 'EADDRINUSE' ? ' (another bridge is running? set NFC_BRIDGE_PORT)' : '';
  logger.fatal(`nfc: bridge did not start: ${err.message}${hint}`);
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100).unref();
});
