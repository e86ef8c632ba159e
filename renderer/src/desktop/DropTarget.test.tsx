import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DropTarget, isFileDrag } from './DropTarget';

describe('DropTarget', () => {
  it('reacts only to drags of files from the OS', () => {
    expect(isFileDrag(['Files'])).toBe(true);
    expect(isFileDrag(['text/plain', 'Files'])).toBe(true);
    expect(isFileDrag(['text/uri-list'])).toBe(false);
    expect(isFileDrag(undefined)).toBe(false);
  });

  it('renders nothing until something is dragged over the window', () => {
    expect(renderToStaticMarkup(<DropTarget />)).toBe('');
  });
});
