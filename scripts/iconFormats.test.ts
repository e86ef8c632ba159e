import { describe, expect, it } from 'vitest';
import { buildIcns, buildIco, pngSize } from './iconFormats.mjs';

/** The smallest valid-looking PNG header with an IHDR of the given size (the containers copy bytes). */
function fakePng(size: number): Buffer {
  const png = Buffer.alloc(33);
  png.writeUInt32BE(0x89504e47, 0);
  png.writeUInt32BE(0x0d0a1a0a, 4);
  png.writeUInt32BE(13, 8);
  png.write('IHDR', 12, 'ascii');
  png.writeUInt32BE(size, 16);
  png.writeUInt32BE(size, 20);
  return png;
}

describe('icon containers', () => {
  it('writes an ICO directory pointing at each PNG, 256 written as 0', () => {
    const images = [16, 256].map((size) => ({ size, png: fakePng(size) }));
    const ico = buildIco(images);
    expect(ico.readUInt16LE(4)).toBe(2);
    expect(ico.readUInt8(6)).toBe(16);
    expect(ico.readUInt8(6 + 16)).toBe(0);
    const offset = ico.readUInt32LE(6 + 16 + 12);
    expect(pngSize(ico.subarray(offset))).toEqual({ width: 256, height: 256 });
    expect(ico.length).toBe(6 + 32 + 66);
  });

  it('writes an ICNS with one typed element per known size, lengths included', () => {
    const icns = buildIcns([16, 24, 1024].map((size) => ({ size, png: fakePng(size) })));
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.toString('ascii', 8, 12)).toBe('icp4');
    expect(icns.toString('ascii', 8 + 41, 8 + 45)).toBe('ic10');
    expect(icns.length).toBe(8 + 2 * 41);
  });

  it('refuses what is not a PNG', () => {
    expect(() => pngSize(Buffer.alloc(32))).toThrow(/not a PNG/);
  });
});
