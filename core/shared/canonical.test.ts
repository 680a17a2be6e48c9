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
});
