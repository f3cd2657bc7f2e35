/**
 * The tab's title, shared by the acute alerts (ADR 0009), the worker's unread chats (issue 16) and
 * the new-work notice (issue 14): an unclaimed acute contact outranks a resident waiting for an
 * answer in a chat, which outranks new work, so the title says one thing at a time:
 * "(1) AKUUTTI – Opastin – työntekijät", else "(2) Chat – …", else "(3) Jono – Opastin – työntekijät",
 * else the page's own.
 */
type Part = 'acute' | 'chat' | 'newWork';
const parts: Record<Part, string | null> = { acute: null, chat: null, newWork: null };
let base: string | null = null;

function apply(): void {
  base ??= document.title;
  const prefix = parts.acute ?? parts.chat ?? parts.newWork;
  document.title = prefix ? `${prefix} – ${base}` : base;
}

/** Sets (or with null clears) one part of the title, e.g. `setTitlePart('newWork', '(3) Jono')`. */
export function setTitlePart(part: Part, text: string | null): void {
  base ??= document.title;
  if (parts[part] === text) return;
  parts[part] = text;
  apply();
}
