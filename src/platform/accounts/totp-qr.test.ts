import { describe, expect, it } from 'vitest';
import { totpSecretFromBytes, totpUri } from './core/totp.ts';
import { totpQrSvg } from './totp-qr.ts';

describe('totpQrSvg', () => {
  const uri = totpUri({ secret: totpSecretFromBytes(new Uint8Array(20).fill(7)), account: '张三@某市司法局', issuer: 'Gongkai' });

  it('returns an SVG with the code drawn as a path', async () => {
    const svg = await totpQrSvg(uri);
    expect(svg).toMatch(/^<svg[\s>]/);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('<path');
    expect(svg.trimEnd()).toMatch(/<\/svg>$/);
  });

  it('differs for a different URI and is the same for the same one', async () => {
    const other = totpUri({ secret: totpSecretFromBytes(new Uint8Array(20).fill(8)), account: '张三@某市司法局', issuer: 'Gongkai' });
    expect(await totpQrSvg(uri)).toBe(await totpQrSvg(uri));
    expect(await totpQrSvg(other)).not.toBe(await totpQrSvg(uri));
  });
});
