import { describe, expect, it } from 'vitest';
import { isAllowedOrigin, isLoopbackAddress } from './access.js';
import { loadNfcBridgeConfig, parseBridgeArgs } from './config.js';

describe('NFC bridge access rules', () => {
  it('counts only 127.0.0.0/8 and ::1 (also IPv4-mapped) as this device', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['192.0.2.2', '::ffff:10.0.0.1', 'fd00::2', '0.0.0.0', undefined]) expect(isLoopbackAddress(a)).toBe(false);
  });

  it('accepts pages of this device and listed origins only', () => {
    const listed = ['https://pass.example.org'];
    for (const o of ['http://localhost:5173', 'https://127.0.0.1', 'http://[::1]:3000', 'https://pass.example.org']) {
      expect(isAllowedOrigin(o, listed)).toBe(true);
    }
    for (const o of ['https://evil.example', 'https://pass.example.org.evil.example', 'http://pass.example.org', 'null', 'file://']) {
      expect(isAllowedOrigin(o, listed)).toBe(false);
    }
  });
});

describe('NFC bridge config', () => {
  it('listens on 7777 unless NFC_BRIDGE_PORT says otherwise, and rejects a bad port', () => {
    expect(loadNfcBridgeConfig({})).toEqual({ NFC_BRIDGE_PORT: 7777, NFC_BRIDGE_ORIGINS: [] });
    expect(loadNfcBridgeConfig({ NFC_BRIDGE_PORT: '9001' }).NFC_BRIDGE_PORT).toBe(9001);
    expect(() => loadNfcBridgeConfig({ NFC_BRIDGE_PORT: '70000' })).toThrow(/NFC_BRIDGE_PORT/);
    expect(() => loadNfcBridgeConfig({ NFC_BRIDGE_PORT: 'abc' })).toThrow(/NFC_BRIDGE_PORT/);
  });

  it('reads NFC_BRIDGE_ORIGINS as a comma-separated list of normalised origins', () => {
    const config = loadNfcBridgeConfig({ NFC_BRIDGE_ORIGINS: 'https://pass.example.org/, http://till.local:8080 ' });
    expect(config.NFC_BRIDGE_ORIGINS).toEqual(['https://pass.example.org', 'http://till.local:8080']);
    expect(() => loadNfcBridgeConfig({ NFC_BRIDGE_ORIGINS: 'pass.example.org' })).toThrow(/NFC_BRIDGE_ORIGINS/);
  });

  it('reads --simulate with or without a scripted list', () => {
    expect(parseBridgeArgs([])).toEqual({ simulate: false, script: [] });
    expect(parseBridgeArgs(['--simulate'])).toEqual({ simulate: true, script: [] });
    expect(parseBridgeArgs(['--simulate', '04a1b2c3, 04DEADBEEF0102'])).toEqual({ simulate: true, script: ['04A1B2C3', '04DEADBEEF0102'] });
    expect(parseBridgeArgs(['--simulate=04A1B2C3'])).toEqual({ simulate: true, script: ['04A1B2C3'] });
    expect(() => parseBridgeArgs(['--simulate', '04A1B2C3,04DEADBEEF'])).toThrow(/04DEADBEEF is not a card UID/);
    expect(() => parseBridgeArgs(['--port', '1'])).toThrow(/unknown argument --port/);
  });
});
