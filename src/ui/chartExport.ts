/**
 * A chart on the page as a picture file: SVG that carries its own look (every element's
 * computed paint and type written onto it, so it opens the same in a vector editor, with its
 * text as text), or PNG drawn from that SVG at twice the size. Nothing leaves the page.
 */
import { saveBlob } from '../state/saveBlob.ts';

/** What a vector editor needs to draw an element as it is on screen. */
const PAINT = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin',
  'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'visibility', 'display',
] as const;

export interface SvgPicture { markup: string; width: number; height: number }

/**
 * The SVG's text: a copy of `svg` with every element's computed paint and type inline, a white
 * background, and its size; a drawing larger than its frame (the zoomed network) is saved whole.
 */
export function svgPicture(svg: SVGSVGElement): SvgPicture {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const copies = [copy, ...Array.from(copy.querySelectorAll('*'))];
  originals.forEach((original, index) => {
    const target = copies[index] as SVGElement;
    const style = getComputedStyle(original);
    const declarations = PAINT.map((property) => `${property}:${style.getPropertyValue(property)}`).filter((text) => !text.endsWith(':'));
    target.setAttribute('style', declarations.join(';'));
    target.removeAttribute('class');
  });
  const box = svg.getBoundingClientRect();
  let width = Math.round(Number(svg.getAttribute('width')) || box.width);
  let height = Math.round(Number(svg.getAttribute('height')) || box.height);
  let view = copy.getAttribute('viewBox')?.split(/[\s,]+/).map(Number) ?? [0, 0, width, height];
  const drawn = svg.getBBox();
  if (!copy.getAttribute('viewBox') && drawn.width > 0 && (drawn.x < 0 || drawn.y < 0 || drawn.x + drawn.width > width || drawn.y + drawn.height > height)) {
    const margin = 10;
    view = [drawn.x - margin, drawn.y - margin, drawn.width + 2 * margin, drawn.height + 2 * margin];
    width = Math.round(view[2]);
    height = Math.round(view[3]);
  }
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('viewBox', view.join(' '));
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('x', String(view[0]));
  background.setAttribute('y', String(view[1]));
  background.setAttribute('width', String(view[2]));
  background.setAttribute('height', String(view[3]));
  background.setAttribute('fill', '#ffffff');
  background.setAttribute('data-background', 'true');
  copy.insertBefore(background, copy.firstChild);
  return { markup: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`, width, height };
}

/** The chart in `container`: its first SVG that is not inside another, leaving out overlays. */
export function chartIn(container: Element): SVGSVGElement | null {
  return Array.from(container.querySelectorAll('svg')).find((svg) => !svg.parentElement?.closest('svg') && !svg.classList.contains('overlay')) ?? null;
}

/** "Completion time histogram" → "completion-time-histogram". */
export function pictureName(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 80) || 'chart';
}

export function downloadSvg(svg: SVGSVGElement, title: string): void {
  saveBlob(new Blob([svgPicture(svg).markup], { type: 'image/svg+xml' }), `${pictureName(title)}.svg`);
}

/** Draws the SVG on a canvas at `scale` × its size and saves it as PNG. */
export async function downloadPng(svg: SVGSVGElement, title: string, scale = 2): Promise<void> {
  const { markup, width, height } = svgPicture(svg);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d')!;
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) saveBlob(blob, `${pictureName(title)}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
