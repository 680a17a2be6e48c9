import { describe, expect, it } from 'vitest';
import { TextSlab } from './text-slab.js';

describe('text slab', () => {
  it('gives back every text as put, across chunks, multi-byte and oversized ones included', () => {
    const slab = new TextSlab();
    const texts = Array.from({ length: 5_000 }, (_, i) => `{"n":${i},"s":"${'é€😀"'.repeat(i % 7)}${'x'.repeat(i % 3_000)}"}`);
    texts.push('y'.repeat(5 * 1024 * 1024)); // bigger than a chunk
    texts.push('');
    const handles = texts.map((t) => slab.put(t));
    expect(new Set(handles).size).toBe(texts.length);
    handles.forEach((h, i) => expect(slab.get(h)).toBe(texts[i]));
    slab.clear();
    expect(slab.get(slab.put('after clear'))).toBe('after clear');
  });
});
