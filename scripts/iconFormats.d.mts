// Types of iconFormats.mjs (plain JS so `npm run icons` runs without a TypeScript step).
export interface IconImage {
  size: number;
  png: Buffer;
}
export function buildIco(images: IconImage[]): Buffer;
export const ICNS_TYPES: Record<number, string>;
export function buildIcns(images: IconImage[]): Buffer;
export function pngSize(png: Buffer): { width: number; height: number };
