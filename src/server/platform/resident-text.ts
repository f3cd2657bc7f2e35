import { z } from 'zod';

/**
 * Control characters (NUL above all: PostgreSQL's text cannot hold it) are never typed by a person;
 * they become spaces rather than refusals, so a pasted text with one still reaches the acute path
 * ("haluan\u0000kuolla" stays two words). Invisible format characters (zero-width spaces and
 * joiners, soft hyphens, direction marks) are removed, so they cannot split a word in two or make
 * an empty text look filled.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = / ?[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]+ ?/g;
const FORMAT = /[\p{Cf}\u00AD]/gu;
export const residentText = () => z.string().overwrite((v) => v.replace(CONTROL, ' ').replace(FORMAT, '')).trim();
