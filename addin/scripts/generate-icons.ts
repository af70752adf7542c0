// Writes the add-in's icons (16, 32, 64, 80 and 128 px PNGs) into addin/public/assets with nothing but
// Node: each pixel is supersampled against a few shapes, then encoded as an RGBA PNG with zlib.
// Run: node --import tsx addin/scripts/generate-icons.ts   (the PNGs are committed; rerun after a design change)
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

type Rgba = readonly [number, number, number, number];
const BRAND: Rgba = [15, 108, 189, 255]; // Fluent brand blue #0F6CBD
const WHITE: Rgba = [255, 255, 255, 255];

/** Shapes in unit coordinates (0…1), painted in order; the last one covering a sample wins. */
type Shape = { color: Rgba; contains: (x: number, y: number) => boolean };

const roundedRect = (left: number, top: number, right: number, bottom: number, radius: number) => {
  return (x: number, y: number) => {
    if (x < left || x > right || y < top || y > bottom) return false;
    const cx = Math.min(Math.max(x, left + radius), right - radius);
    const cy = Math.min(Math.max(y, top + radius), bottom - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
  };
};
const circle = (cx: number, cy: number, r: number) => (x: number, y: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r ** 2;

// A door on a blue tile: "a room". Bold shapes so that it still reads at 16 px.
const SHAPES: Shape[] = [
  { color: BRAND, contains: roundedRect(0, 0, 1, 1, 0.18) },
  { color: WHITE, contains: roundedRect(0.3, 0.16, 0.7, 0.84, 0.04) },
  { color: BRAND, contains: roundedRect(0.38, 0.25, 0.62, 0.84, 0.02) },
  { color: WHITE, contains: circle(0.555, 0.55, 0.045) },
  { color: WHITE, contains: roundedRect(0.16, 0.8, 0.84, 0.88, 0.02) },
];

function renderPixels(size: number): Buffer {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          const shape = SHAPES.findLast((candidate) => candidate.contains(x, y));
          if (!shape) continue;
          r += shape.color[0];
          g += shape.color[1];
          b += shape.color[2];
          a += shape.color[3];
        }
      }
      const count = samples * samples;
      const coverage = a / 255;
      const offset = (py * size + px) * 4;
      // Colours are averaged over covered samples only, so edges fade in alpha instead of darkening.
      pixels[offset] = coverage ? Math.round(r / coverage) : 0;
      pixels[offset + 1] = coverage ? Math.round(g / coverage) : 0;
      pixels[offset + 2] = coverage ? Math.round(b / coverage) : 0;
      pixels[offset + 3] = Math.round(a / count);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

export function encodePng(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const renderIcon = (size: number): Buffer => encodePng(size, renderPixels(size));

if (import.meta.url === `file://${process.argv[1]}`) {
  const directory = new URL('../public/assets/', import.meta.url);
  mkdirSync(directory, { recursive: true });
  for (const size of ICON_SIZES) {
    writeFileSync(new URL(`icon-${size}.png`, directory), renderIcon(size));
    console.log(`wrote addin/public/assets/icon-${size}.png`);
  }
}
