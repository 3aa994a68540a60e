// The Python client standardizes every asset id it sends (wire protocol §5.1): each of these
// characters becomes `_` and the result is lowercased. Dots are kept (`IMG-01.JPG` → `img_01.jpg`).
const REPLACED = /[,*\\<|>/? {}$^%():+\-']/g;

export function standardizeName(name: string): string {
  return name.replace(REPLACED, '_').toLowerCase();
}
