// Draws a QR code as inline SVG (no canvas, no images).
import { encodeQr, qrSvgPath } from '../lib/index.js';

const SVG = 'http://www.w3.org/2000/svg';

/** @param {HTMLElement} container @param {string} text */
export function renderQr(container, text) {
  const qr = encodeQr(text);
  const margin = 4;
  const dim = qr.size + 2 * margin;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${dim} ${dim}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'QR code of the download link');
  svg.dataset.version = String(qr.version);
  const bg = document.createElementNS(SVG, 'rect');
  bg.setAttribute('width', String(dim));
  bg.setAttribute('height', String(dim));
  bg.setAttribute('fill', '#fff');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', qrSvgPath(qr, margin));
  path.setAttribute('fill', '#000');
  svg.append(bg, path);
  container.replaceChildren(svg);
}
