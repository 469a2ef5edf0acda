/**
 * Draws the two Teams app icons and writes them to manifest/:
 *   color.png   192×192, white glyph on the accent colour (full background, as Teams asks)
 *   outline.png  32×32, white glyph on a transparent background (only white and transparency)
 * The glyph is a calendar shaped as a speech bubble: an appointment made from a chat.
 * Run: tsx scripts/generate-icons.ts (the PNGs are committed; rerun only when the design changes).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng } from './png';

/** Accent colour of the app (also `accentColor` in the manifest). */
export const ACCENT = '#0F5A8C';

type Point = [number, number];

/** Signed distance to a rounded box centred at (cx, cy) with half sizes (hx, hy) and corner radius r. */
function roundedBox(x: number, y: number, cx: number, cy: number, hx: number, hy: number, r: number): number {
  const qx = Math.abs(x - cx) - hx + r;
  const qy = Math.abs(y - cy) - hy + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Signed distance to a triangle (negative inside). */
function triangle(x: number, y: number, [a, b, c]: [Point, Point, Point]): number {
  const edges: [Point, Point][] = [
    [a, b],
    [b, c],
    [c, a],
  ];
  let dist = Infinity;
  let sign = 0;
  for (const [p, q] of edges) {
    const ex = q[0] - p[0],
      ey = q[1] - p[1];
    const wx = x - p[0],
      wy = y - p[1];
    const t = Math.min(Math.max((wx * ex + wy * ey) / (ex * ex + ey * ey), 0), 1);
    dist = Math.min(dist, Math.hypot(wx - ex * t, wy - ey * t));
    sign += Math.sign(ex * wy - ey * wx);
  }
  return Math.abs(sign) === 3 ? -dist : dist;
}

const inRect = (x: number, y: number, x0: number, y0: number, x1: number, y1: number) =>
  x >= x0 && x <= x1 && y >= y0 && y <= y1;

const STROKE = 0.075;
const TAIL: [Point, Point, Point] = [
  [0.22, 0.55],
  [0.47, 0.55],
  [0.22, 0.93],
];

/** Whether the unit-square point (x, y) is ink. */
export function glyph(x: number, y: number): boolean {
  const body = roundedBox(x, y, 0.5, 0.47, 0.36, 0.27, 0.09);
  const tail = triangle(x, y, TAIL);
  const inside = body <= 0 || tail <= 0;
  const deepInside = body < -STROKE || tail < -STROKE;
  if (inside && !deepInside) return true; // bubble outline
  if (inside && y <= 0.36) return true; // calendar header
  if (inRect(x, y, 0.31, 0.08, 0.39, 0.27) || inRect(x, y, 0.61, 0.08, 0.69, 0.27)) return true; // binder rings
  for (const cx of [0.35, 0.5, 0.65])
    for (const cy of [0.48, 0.61]) if (inRect(x, y, cx - 0.045, cy - 0.04, cx + 0.045, cy + 0.04)) return true; // days
  return false;
}

/** Fraction of a pixel covered by the glyph, for smooth edges. */
function coverage(px: number, py: number, size: number, inset: number): number {
  const ink = (sx: number, sy: number) => {
    const u = ((px + sx) / size - inset) / (1 - 2 * inset);
    const v = ((py + sy) / size - inset) / (1 - 2 * inset);
    return u >= 0 && u <= 1 && v >= 0 && v <= 1 && glyph(u, v);
  };
  // Every stroke is wider than a pixel, so a pixel whose corners and centre agree is all ink or
  // none; only edge pixels need the 8×8 supersampling.
  const probes = [ink(0, 0), ink(1, 0), ink(0, 1), ink(1, 1), ink(0.5, 0.5)];
  if (probes.every((p) => p === probes[0])) return probes[0] ? 1 : 0;
  const n = 8;
  let hits = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (ink((i + 0.5) / n, (j + 0.5) / n)) hits++;
  return hits / (n * n);
}

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** The colour icon: the glyph takes the middle ~60 % so it survives Teams' rounded crop. */
export function drawColorIcon(size = 192): Buffer {
  const [r, g, b] = hexToRgb(ACCENT);
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, size, 0.2);
      const o = (y * size + x) * 4;
      rgba[o] = Math.round(r + (255 - r) * a);
      rgba[o + 1] = Math.round(g + (255 - g) * a);
      rgba[o + 2] = Math.round(b + (255 - b) * a);
      rgba[o + 3] = 255;
    }
  return encodePng(size, size, rgba);
}

/** The outline icon: white everywhere, the glyph only in the alpha channel. */
export function drawOutlineIcon(size = 32): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      rgba[o] = rgba[o + 1] = rgba[o + 2] = 255;
      rgba[o + 3] = Math.round(255 * coverage(x, y, size, 0.03));
    }
  return encodePng(size, size, rgba);
}

if (require.main === module) {
  const dir = join(__dirname, '..', 'manifest');
  writeFileSync(join(dir, 'color.png'), drawColorIcon());
  writeFileSync(join(dir, 'outline.png'), drawOutlineIcon());
  console.log(`wrote ${join(dir, 'color.png')} (192×192) and ${join(dir, 'outline.png')} (32×32)`);
}
