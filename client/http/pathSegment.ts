/**
 * An id as one URL path segment. `.` and `..` (even percent-encoded) are resolved away by URL
 * parsers and would send the request to another route, so they are refused here.
 */
export function pathSegment(id: string): string {
  if (id === '' || id === '.' || id === '..') throw new RangeError(`id ${JSON.stringify(id)} cannot be sent as a URL path segment`);
  return encodeURIComponent(id);
}
