// Message ids in words: "#12", "#12, #13", or a long list shortened with a count.
const LISTED = 6;

export function idList(ids: readonly number[]): string {
  if (ids.length <= LISTED) return ids.map((id) => `#${id}`).join(', ');
  return `${ids
    .slice(0, 3)
    .map((id) => `#${id}`)
    .join(', ')} and ${ids.length - 3} more`;
}
