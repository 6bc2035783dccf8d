import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hex, sha256 } from './sha256';

describe('sha256', () => {
  it.each(['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), '张三丰 1.2.840.10008'.repeat(20)])('matches node:crypto for %j', (s) => {
    const b = new TextEncoder().encode(s);
    expect(hex(sha256(b))).toBe(createHash('sha256').update(b).digest('hex'));
  });
});
