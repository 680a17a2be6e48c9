import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.js';

describe('canonical JSON', () => {
  it('sorts keys at every level and matches JSON.stringify otherwise', () => {
    const value = { b: 1, a: [{ z: 'x', y: null, u: undefined }, 2.5, true], c: { e: 'é"\n', d: -0 }, f: undefined };
    expect(canonicalJson(value)).toBe('{"a":[{"y":null,"z":"x"},2.5,true],"b":1,"c":{"d":0,"e":"é\\"\\n"}}');
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
    expect(canonicalJson({ x: [undefined, () => 1] })).toBe(JSON.stringify({ x: [undefined, () => 1] }));
    expect(canonicalJson({ b: 2, a: 1 })).toBe(canonicalJson({ a: 1, b: 2 }));
  });

  it('equals JSON.stringify of a key-sorted copy, for any strings and keys', () => {
    const sorted = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
    const alphabet = ['a', 'Z', '0', '_', ':', '#', ' ', '"', '\\', '\n', '\u0001', 'é', '€', '😀', '\ud800', '<', '/'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const text = () => Array.from({ length: rand(3) === 0 ? 130 + rand(20) : rand(12) }, () => alphabet[rand(alphabet.length)]).join('');
    const value = (depth: number): unknown => {
      const pick = rand(depth > 2 ? 4 : 7);
      if (pick === 0) return text();
      if (pick === 1) return rand(2) ? rand(1_000_000) : -rand(1000) / 7;
      if (pick === 2) return rand(2) === 0;
      if (pick === 3) return null;
      if (pick === 4) return Array.from({ length: rand(4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: rand(depth === 0 ? 25 : 6) }, () => [text(), value(depth + 1)])); // small and large objects (two sorts)
    };
    for (let i = 0; i < 2_000; i++) {
      const v = value(0);
      expect(canonicalJson(v)).toBe(JSON.stringify(sorted(v)));
    }
  });
});
